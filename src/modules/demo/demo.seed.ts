import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppServices } from "../../platform/app-context.js";
import type { Database } from "../../platform/db/client.js";
import { logger } from "../../platform/log/logger.js";
import {
  locations, organizations, schedules, taxonomies, taxonomyTerms, upsertService, rebuildSearchLexicon, type Tx,
} from "../directory/index.js";
import { centerFunding, centers, municipalities, networks, rooms, sites } from "../network/index.js";
import { THESAURUS_WORDS } from "../search/index.js";
import { seedDemoAccounts } from "../identity/index.js";
import { demoId } from "./demo.ids.js";
import { municipalitiesFile, networkFile, partnersFile, servicesFile, taxonomyFile } from "./demo.schemas.js";

const dataDir = path.resolve(process.env.DEMO_DATA_DIR ?? "src/modules/demo/data");

function readJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const raw = JSON.parse(fs.readFileSync(path.join(dataDir, file), "utf8"));
  return schema.parse(raw);
}

/** Loads the demo network on an empty database (a database with a network is left alone). */
export async function seedDemoData(services: AppServices): Promise<void> {
  const existing = await services.db.execute(sql`select 1 from networks limit 1`);
  if ((existing as { rows: unknown[] }).rows.length > 0) return;
  const started = Date.now();
  await services.db.transaction(async (tx) => loadDemo(tx as unknown as Database));
  logger.info({ ms: Date.now() - started }, "demo data loaded");
}

export async function loadDemo(tx: Tx): Promise<void> {
  const munis = readJson("municipalities.json", municipalitiesFile);
  const net = readJson("network.json", networkFile);
  const partners = readJson("partners.json", partnersFile);
  const taxonomy = readJson("taxonomy.json", taxonomyFile);
  const serviceSeeds = readJson("services.json", servicesFile);
  const muniByIstat = new Map(munis.map((m) => [m.istat, m]));

  await tx.insert(municipalities).values(munis.map((m) => ({ ...m, population: m.population ?? null })));

  // Taxonomies and their hierarchical terms.
  const termIdByCode = new Map<string, string>();
  for (const tax of taxonomy.taxonomies) {
    const taxonomyId = demoId("taxonomy", tax.slug);
    const purpose = tax.slug.includes("eventi") ? "life_events" : "services";
    await tx.insert(taxonomies).values({ id: taxonomyId, slug: tax.slug, name: tax.name, description: tax.description, version: tax.version, purpose });
    let position = 0;
    const walk = async (terms: typeof tax.terms, parentId: string | null) => {
      for (const term of terms) {
        const id = demoId("term", term.code);
        termIdByCode.set(term.code, id);
        const { it, ...others } = term.name;
        const translations = Object.fromEntries(Object.entries(others).map(([lang, name]) => [lang, { name }]));
        await tx.insert(taxonomyTerms).values({
          id, taxonomyId, parentId, code: term.code, name: it, description: term.description?.it ?? "", position: position++, translations,
        });
        if (term.children?.length) await walk(term.children, id);
      }
    };
    await walk(tax.terms, null);
  }

  const networkId = demoId("network", net.network.slug);
  await tx.insert(networks).values({ id: networkId, ...net.network, serviceTaxonomyId: demoId("taxonomy", "crocevia-servizi") });

  const orgIdBySlug = new Map<string, string>();
  const locationIdBySlug = new Map<string, string>();
  const addLocation = async (orgId: string, p: { slug: string; name: string; address: string; postalCode: string; municipalityIstat: string; lat: number; lng: number; openingHours?: { days: string[]; opens: string; closes: string }[] }) => {
    const id = demoId("location", p.slug);
    locationIdBySlug.set(p.slug, id);
    await tx.insert(locations).values({
      id, organizationId: orgId, slug: p.slug, name: p.name, address: p.address, postalCode: p.postalCode,
      municipalityIstat: p.municipalityIstat, city: muniByIstat.get(p.municipalityIstat)?.name ?? null, region: "Toscana",
      latitude: p.lat, longitude: p.lng, accessibility: [],
    });
    for (const h of p.openingHours ?? []) {
      await tx.insert(schedules).values({ locationId: id, byday: h.days.join(","), opensAt: h.opens, closesAt: h.closes });
    }
  };

  for (const c of net.centers) {
    const orgId = demoId("organization", c.slug);
    orgIdBySlug.set(c.slug, orgId);
    await tx.insert(organizations).values({
      id: orgId, networkId, slug: c.slug, kind: "center", name: c.name, description: c.description,
      email: c.email, phone: c.phone, website: c.website ?? null,
    });
    const centerId = demoId("center", c.slug);
    await tx.insert(centers).values({
      id: centerId, networkId, organizationId: orgId, slug: c.slug, name: c.name,
      managingBodyName: c.managingBody.name, managingBodyKind: c.managingBody.kind, municipalityIstat: c.municipalityIstat,
      email: c.email, phone: c.phone, website: c.website ?? null, description: c.description, howToReach: c.howToReach, territory: c.territory,
    });
    if (c.funding.length) {
      await tx.insert(centerFunding).values(c.funding.map((f) => ({ centerId, source: f.source, year: f.year, amountCents: Math.round(f.amountEur * 100) })));
    }
    for (const s of c.sites) {
      await addLocation(orgId, s);
      const siteId = demoId("site", s.slug);
      await tx.insert(sites).values({ id: siteId, centerId, locationId: demoId("location", s.slug), slug: s.slug, name: s.name, kind: s.kind, openingHours: s.openingHours });
      if (s.rooms.length) {
        await tx.insert(rooms).values(s.rooms.map((r) => ({ siteId, slug: r.slug, name: r.name, capacity: r.capacity, accessible: r.accessible, description: r.description ?? "" })));
      }
    }
  }

  for (const p of partners) {
    const orgId = demoId("organization", p.slug);
    orgIdBySlug.set(p.slug, orgId);
    await tx.insert(organizations).values({
      id: orgId, networkId, slug: p.slug, kind: "partner", partnerKind: p.kind, name: p.name, description: p.description,
      email: p.email ?? null, phone: p.phone ?? null, website: p.website ?? null,
    });
    for (const l of p.locations) await addLocation(orgId, l);
  }

  for (const s of serviceSeeds) {
    const organizationId = orgIdBySlug.get(s.organization);
    if (!organizationId) throw new Error(`demo service ${s.slug}: unknown organization ${s.organization}`);
    const translations: Record<string, Record<string, string>> = {};
    for (const [field, text] of [["name", s.name], ["shortDescription", s.shortDescription], ["description", s.description]] as const) {
      for (const [lang, value] of Object.entries(text)) {
        if (lang === "it" || !value) continue;
        (translations[lang] ??= {})[field] = value;
      }
    }
    await upsertService(tx, {
      id: demoId("service", s.slug), organizationId, slug: s.slug, name: s.name.it,
      shortDescription: s.shortDescription.it, description: s.description.it, status: s.status,
      email: s.contact.email ?? null, audience: s.audience, howTo: s.howTo, outcome: s.outcome, timing: s.timing, conditions: s.conditions,
      minimumAge: s.minimumAge, maximumAge: s.maximumAge, free: s.free, costCents: s.cost ? Math.round(s.cost.amountEur * 100) : null,
      feesDescription: s.cost?.description ?? null, accessMode: s.accessMode, referralFrom: s.referralFrom ?? null,
      keywords: s.keywords, languages: s.languages, accessibility: s.accessibility, translations, lastVerifiedAt: s.lastVerified,
      locationIds: s.locations.map((slug) => {
        const id = locationIdBySlug.get(slug);
        if (!id) throw new Error(`demo service ${s.slug}: unknown location ${slug}`);
        return id;
      }),
      schedules: s.schedules.map((h) => ({ byday: h.days.join(","), opensAt: h.opens, closesAt: h.closes, description: h.description ?? null })),
      contacts: [{ name: s.contact.name ?? null, email: s.contact.email ?? null, phone: s.contact.phone ?? null }],
      termIds: [...s.categories, ...s.lifeEvents].map((code) => {
        const id = termIdByCode.get(code);
        if (!id) throw new Error(`demo service ${s.slug}: unknown taxonomy code ${code}`);
        return id;
      }),
      requiredDocuments: s.requiredDocuments,
    });
  }
  await rebuildSearchLexicon(tx, THESAURUS_WORDS);

  // One demo account per role, in the first center, the first partner and the network.
  await seedDemoAccounts(tx, {
    centerId: demoId("center", net.centers[0]!.slug),
    partnerId: demoId("organization", partners[0]!.slug),
    networkId,
  });
}
