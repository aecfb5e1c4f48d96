import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../platform/db/client.js";
import { logger } from "../../platform/log/logger.js";
import {
  contacts, locations, organizations, phones, rebuildSearchLexicon, requiredDocuments, schedules, serviceAtLocations, services,
  taxonomies, taxonomyTerms, upsertService, type ServiceRecord, type Tx,
} from "../directory/index.js";
import { THESAURUS_WORDS } from "../search/index.js";
import { hsdsServiceValidator } from "./hsds-schema.js";
import { HsdsSourceError, parseTabularPackage } from "./hsds-tabular.js";
import { derivedId, isUuid, uuidArrayLiteral } from "./hsds.ids.js";
import {
  ACCESS_MODE_LINK_TYPE, ISTAT_IDENTIFIER, PURPOSE_BY_LINK_TYPE, REFERRAL_FROM_LINK_TYPE, serviceAccessibilityId,
} from "./hsds.mappers.js";

export { HsdsSourceError };

/** What can be imported: service objects, an in-memory upload, or a path (JSON file or tabular package folder). */
export type HsdsImportSource =
  | unknown[]
  | string
  | { kind: "json"; services: unknown[] }
  | { kind: "tabular"; files: Record<string, string> };

export type HsdsFailureCode = "schema" | "invalid" | "reference" | "conflict" | "database";

export interface HsdsImportReport {
  /** Service records read from the source. */
  total: number;
  /** New services. */
  imported: number;
  /** Services that existed (same id) and were replaced. */
  updated: number;
  /** Records left out, with their id (or 1-based position, "#3") and why; the rest is imported regardless. */
  failed: { ref: string; index: number; code: HsdsFailureCode; reason: string }[];
  /** Data we could not keep (bad coordinates, schedules without days…), the service itself was imported. */
  warnings: { ref: string; message: string }[];
}

class RecordError extends Error {
  constructor(readonly code: HsdsFailureCode, message: string) {
    super(message);
  }
}

type H = Record<string, unknown>;
const isObj = (v: unknown): v is H => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): H[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const textOr = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

// ---------------------------------------------------------------------------------------------
// Sources.

/** An uploaded JSON document: an array of services, an HSDS page ({contents: […]}) or one service. */
export function sourceFromJson(value: unknown): { kind: "json"; services: unknown[] } {
  if (Array.isArray(value)) return { kind: "json", services: value };
  if (isObj(value) && Array.isArray(value.contents)) return { kind: "json", services: value.contents };
  if (isObj(value) && "id" in value && "name" in value) return { kind: "json", services: [value] };
  throw new HsdsSourceError("il JSON non contiene un elenco di servizi HSDS");
}

/**
 * Uploaded files (name → text): one JSON file of services, or the CSV files of a tabular
 * package with its datapackage.json.
 */
export function sourceFromFiles(files: Record<string, string>): Exclude<HsdsImportSource, string | unknown[]> {
  const names = Object.keys(files).map((n) => n.split(/[\\/]/).pop()!.toLowerCase());
  if (names.some((n) => n.endsWith(".csv"))) return { kind: "tabular", files };
  const json = Object.entries(files).filter(([n]) => n.toLowerCase().endsWith(".json") && !n.toLowerCase().endsWith("datapackage.json"));
  if (json.length !== 1) throw new HsdsSourceError("carica un file JSON di servizi oppure i file CSV con datapackage.json");
  try {
    return sourceFromJson(JSON.parse(json[0]![1]));
  } catch (err) {
    if (err instanceof HsdsSourceError) throw err;
    throw new HsdsSourceError(`${json[0]![0]}: JSON non valido (${(err as Error).message})`);
  }
}

/** Reads a path: a JSON file, a folder holding a tabular package, or a file inside one. */
export async function readHsdsPath(target: string): Promise<Exclude<HsdsImportSource, string | unknown[]>> {
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    throw new HsdsSourceError(`${target}: file o cartella inesistente`);
  }
  const lower = target.toLowerCase();
  if (stat.isFile() && lower.endsWith(".json") && !lower.endsWith("datapackage.json")) {
    let text: string;
    try {
      text = await fs.readFile(target, "utf8");
      return sourceFromJson(JSON.parse(text));
    } catch (err) {
      if (err instanceof HsdsSourceError) throw err;
      throw new HsdsSourceError(`${target}: JSON non valido (${(err as Error).message})`);
    }
  }
  const dir = stat.isDirectory() ? target : path.dirname(target);
  const names = (await fs.readdir(dir)).filter((n) => /\.(csv|json)$/i.test(n) && (n.toLowerCase().endsWith(".csv") || n.toLowerCase() === "datapackage.json"));
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await fs.readFile(path.join(dir, name), "utf8");
  return { kind: "tabular", files };
}

async function resolveSource(source: HsdsImportSource): Promise<{ records: unknown[]; organizations: unknown[]; warnings: string[] }> {
  if (Array.isArray(source)) return { records: source, organizations: [], warnings: [] };
  const s = typeof source === "string" ? await readHsdsPath(source) : source;
  if (s.kind === "json") {
    if (!Array.isArray(s.services)) throw new HsdsSourceError("services deve essere un array");
    return { records: s.services, organizations: [], warnings: [] };
  }
  const parsed = parseTabularPackage(s.files);
  return { records: parsed.services, organizations: parsed.organizations, warnings: parsed.warnings };
}

// ---------------------------------------------------------------------------------------------
// Our own rules, on top of the HSDS schema.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
});
const age = (field: string) => z.number().int(`${field} must be a whole number of years`).min(0, `${field} must be 0 or more`).max(150, `${field} must be at most 150`);
const serviceRules = z.object({
  id: z.string(),
  name: z.string().trim().min(1, "name is empty").max(300, "name is longer than 300 characters"),
  description: z.string().max(20_000, "description is longer than 20000 characters").optional(),
  minimum_age: age("minimum_age").optional(),
  maximum_age: age("maximum_age").optional(),
  assured_date: isoDate.optional().or(z.string().max(0)),
  organization_id: z.string().optional(),
}).refine((s) => s.minimum_age === undefined || s.maximum_age === undefined || s.minimum_age <= s.maximum_age, "minimum_age is greater than maximum_age");

const DAY = "(?:[+-]?\\d{1,2})?(?:MO|TU|WE|TH|FR|SA|SU)";
const BYDAY = new RegExp(`^${DAY}(?:,${DAY})*$`);

/** "10:00", "10:00:00", "10:00Z", "10:00:00+01:00" → "10:00:00" (opening times are local). */
function clockTime(v: unknown): string | undefined {
  const m = typeof v === "string" ? /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(v.trim()) : null;
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 24 || min > 59 || s > 59 || (h === 24 && (min > 0 || s > 0))) return undefined;
  return `${String(h).padStart(2, "0")}:${m[2]}:${String(s).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// The import.

interface RunContext {
  networkId: string | null;
  /** Organizations found anywhere in the source, so a location may point to any of them. */
  orgIndex: Map<string, H>;
  /** Records written by committed transactions of this run: written once, not again. */
  done: Set<string>;
}

interface ServiceContext {
  tx: Tx;
  run: RunContext;
  ref: string;
  serviceId: string;
  warnings: string[];
  touched: Set<string>;
}

/**
 * Imports HSDS 3.0 services. Every service is written in its own transaction (with its
 * organization, locations and taxonomy terms), so a bad record is reported and skipped while
 * the others go in. Importing the same data again updates it: ids are kept.
 */
export async function importHsds(db: Database, source: HsdsImportSource): Promise<HsdsImportReport> {
  const { records, organizations: sourceOrganizations, warnings: sourceWarnings } = await resolveSource(source);
  const report: HsdsImportReport = {
    total: records.length, imported: 0, updated: 0, failed: [],
    warnings: sourceWarnings.map((message) => ({ ref: "source", message })),
  };
  const [network] = (await db.execute(sql`select id from networks order by created_at limit 1`) as unknown as { rows: { id: string }[] }).rows;
  const run: RunContext = { networkId: network?.id ?? null, orgIndex: new Map(), done: new Set() };
  for (const o of sourceOrganizations) if (isObj(o) && isUuid(o.id)) run.orgIndex.set(o.id, o);
  for (const r of records) {
    if (isObj(r) && isObj(r.organization) && isUuid(r.organization.id)) run.orgIndex.set(r.organization.id, r.organization);
  }
  const validate = await hsdsServiceValidator();

  for (let index = 0; index < records.length; index++) {
    const raw = records[index];
    const ref = isObj(raw) && typeof raw.id === "string" && raw.id ? raw.id.slice(0, 80) : `#${index + 1}`;
    const fail = (code: HsdsFailureCode, reason: string) => report.failed.push({ ref, index, code, reason: reason.slice(0, 500) });
    if (!isObj(raw)) {
      fail("schema", "not an object");
      continue;
    }
    if (!validate(raw)) {
      fail("schema", (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message ?? "is not valid"}`).join("; "));
      continue;
    }
    const rules = serviceRules.safeParse(raw);
    if (!rules.success) {
      fail("invalid", rules.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
      continue;
    }
    const warnings: string[] = [];
    const touched = new Set<string>();
    try {
      const existed = await db.transaction(async (tx) =>
        importService({ tx: tx as unknown as Tx, run, ref, serviceId: raw.id as string, warnings, touched }, raw));
      if (existed) report.updated++;
      else report.imported++;
      for (const key of touched) run.done.add(key);
      report.warnings.push(...warnings.map((message) => ({ ref, message })));
    } catch (err) {
      if (err instanceof RecordError) fail(err.code, err.message);
      else {
        const { code, reason } = describeDbError(err);
        fail(code, reason);
      }
    }
  }

  if (report.imported + report.updated > 0) {
    try {
      await db.transaction((tx) => rebuildSearchLexicon(tx as unknown as Tx, THESAURUS_WORDS));
    } catch (err) {
      logger.warn({ err }, "HSDS import: search vocabulary not rebuilt");
      report.warnings.push({ ref: "source", message: "vocabolario per la correzione degli errori di battitura non aggiornato" });
    }
  }
  return report;
}

function describeDbError(err: unknown): { code: HsdsFailureCode; reason: string } {
  const cause = (err as { cause?: unknown }).cause ?? err;
  const pgCode = String((cause as { code?: unknown }).code ?? "");
  const text = String((cause as { detail?: unknown }).detail ?? (cause as Error).message ?? err).split("\n")[0]!;
  if (pgCode === "23505") return { code: "conflict", reason: text };
  if (pgCode === "23503") return { code: "reference", reason: text };
  if (pgCode.startsWith("22")) return { code: "invalid", reason: text };
  logger.warn({ err }, "HSDS import: a service could not be saved");
  return { code: "database", reason: text };
}

const UNIQUE_SLUG_TABLES = { organizations: "organizations", locations: "locations", taxonomies: "taxonomies", services: "services" } as const;

export function slugify(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
}

async function uniqueSlug(tx: Tx, table: keyof typeof UNIQUE_SLUG_TABLES, name: string, id: string): Promise<string> {
  const base = slugify(name) || "voce";
  for (const candidate of [`${base}-${id.slice(0, 8)}`, `${base}-${id}`]) {
    const result = await tx.execute(sql`select 1 from ${sql.raw(UNIQUE_SLUG_TABLES[table])} where slug = ${candidate} and id <> ${id}::uuid limit 1`);
    if (!(result as unknown as { rows: unknown[] }).rows.length) return candidate;
  }
  return `${base}-${id}-${Date.now()}`;
}

async function exists(tx: Tx, table: "organizations" | "locations" | "taxonomy_terms" | "taxonomies", id: string): Promise<boolean> {
  const result = await tx.execute(sql`select 1 from ${sql.raw(table)} where id = ${id}::uuid`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}

async function upsertOrganization(c: ServiceContext, o: H): Promise<void> {
  const id = o.id as string;
  const key = `org:${id}`;
  if (c.run.done.has(key) || c.touched.has(key)) return;
  const phone = arr(o.phones).map((p) => str(p.number)).find(Boolean);
  const fields = {
    name: str(o.name) ?? "Organizzazione",
    alternateName: str(o.alternate_name) ?? null,
    description: textOr(o.description, ""),
    email: str(o.email) ?? null,
    website: str(o.website) ?? null,
    lastModified: new Date(),
  };
  if (await exists(c.tx, "organizations", id)) {
    await c.tx.update(organizations).set({ ...fields, ...(phone ? { phone } : {}) }).where(eq(organizations.id, id));
  } else {
    const slug = await uniqueSlug(c.tx, "organizations", fields.name, id);
    await c.tx.insert(organizations).values({ id, slug, kind: "partner", networkId: c.run.networkId, ...fields, phone: phone ?? null });
  }
  c.touched.add(key);
}

/** An organization referenced by id: known already, or described somewhere in the source. */
async function resolveOrganization(c: ServiceContext, id: string): Promise<boolean> {
  if (c.run.done.has(`org:${id}`) || c.touched.has(`org:${id}`)) return true;
  const described = c.run.orgIndex.get(id);
  if (described && hsdsOrgLooksValid(described)) {
    await upsertOrganization(c, described);
    return true;
  }
  return exists(c.tx, "organizations", id);
}
const hsdsOrgLooksValid = (o: H) => isUuid(o.id) && typeof o.name === "string";

async function ensureTaxonomy(c: ServiceContext, id: string, detail: H | undefined, taxonomyText: string | undefined, purpose: "services" | "life_events" | "other") {
  const key = `tax:${id}`;
  if (c.run.done.has(key) || c.touched.has(key)) return;
  const isUri = taxonomyText ? /^[a-z][a-z0-9+.-]*:\/\//i.test(taxonomyText) : false;
  if (await exists(c.tx, "taxonomies", id)) {
    if (detail) {
      await c.tx.update(taxonomies).set({
        name: str(detail.name) ?? "Tassonomia", description: textOr(detail.description, ""), uri: str(detail.uri) ?? null, version: str(detail.version) ?? null,
      }).where(eq(taxonomies.id, id));
    }
  } else {
    const name = str(detail?.name) ?? (!isUri ? taxonomyText : undefined) ?? "Tassonomia importata";
    await c.tx.insert(taxonomies).values({
      id, slug: await uniqueSlug(c.tx, "taxonomies", name, id), name, description: textOr(detail?.description, ""),
      uri: str(detail?.uri) ?? (isUri ? taxonomyText! : null), version: str(detail?.version) ?? null, purpose, networkId: c.run.networkId,
    });
  }
  c.touched.add(key);
}

/** The term an attribute points to, created or updated from its nested taxonomy_term. */
async function ensureTerm(c: ServiceContext, attr: H): Promise<string | null> {
  const term = isObj(attr.taxonomy_term) ? attr.taxonomy_term : undefined;
  const termId = str(attr.taxonomy_term_id) ?? (term ? (term.id as string) : undefined);
  if (!termId) return null;
  if (term && term.id !== termId) throw new RecordError("invalid", `attribute ${attr.id}: taxonomy_term_id ${termId} differs from taxonomy_term.id ${String(term.id)}`);
  const key = `term:${termId}`;
  if (c.run.done.has(key) || c.touched.has(key)) return termId;
  if (!term) {
    if (await exists(c.tx, "taxonomy_terms", termId)) return termId;
    throw new RecordError("reference", `attribute ${attr.id}: unknown taxonomy term ${termId}`);
  }
  const detail = isObj(term.taxonomy_detail) ? term.taxonomy_detail : undefined;
  const taxonomyId = str(term.taxonomy_id) ?? (detail ? (detail.id as string) : undefined) ?? derivedId("taxonomy", str(term.taxonomy) ?? "hsds");
  const purpose = PURPOSE_BY_LINK_TYPE[String(attr.link_type)] ?? "other";
  await ensureTaxonomy(c, taxonomyId, detail && detail.id === taxonomyId ? detail : undefined, str(term.taxonomy), purpose);

  const code = str(term.code) ?? termId;
  const clash = await c.tx.execute(sql`select id from taxonomy_terms where taxonomy_id = ${taxonomyId}::uuid and code = ${code} and id <> ${termId}::uuid`);
  if ((clash as unknown as { rows: unknown[] }).rows.length) throw new RecordError("conflict", `taxonomy term ${termId}: code "${code}" already used by another term of the taxonomy`);
  const fields = {
    taxonomyId, code, name: str(term.name) ?? code, description: textOr(term.description, ""), parentId: isUuid(term.parent_id) ? term.parent_id : null,
  };
  if (await exists(c.tx, "taxonomy_terms", termId)) await c.tx.update(taxonomyTerms).set(fields).where(eq(taxonomyTerms.id, termId));
  else await c.tx.insert(taxonomyTerms).values({ id: termId, ...fields });
  c.touched.add(key);
  return termId;
}

interface LocationImport {
  id: string;
  /** The service's own accessibility notes found at this location, by position. */
  serviceNotes: Map<number, string>;
  /** Whether this call wrote the location (and cleared its own hours and phones, to be re-added). */
  written: boolean;
}

const validPoint = (lat: unknown, lng: unknown) =>
  typeof lat === "number" && typeof lng === "number" && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);

/**
 * Creates or updates a location, its address, accessibility notes and own opening hours; notes
 * that repeat the service's accessibility (our export puts them there) are handed back instead.
 */
async function upsertLocation(c: ServiceContext, loc: H, organizationHint: string | undefined): Promise<LocationImport> {
  const id = loc.id as string;
  const notes = arr(loc.accessibility);
  const serviceNotes = new Map<number, string>();
  const ownNotes: string[] = [];
  for (const a of notes) {
    const description = str(a.description) ?? str(a.details);
    if (!description) continue;
    const k = notes.findIndex((_, i) => serviceAccessibilityId(c.serviceId, id, i) === a.id);
    if (k >= 0) serviceNotes.set(k, description);
    else ownNotes.push(description);
  }
  const key = `loc:${id}`;
  if (c.run.done.has(key) || c.touched.has(key)) return { id, serviceNotes, written: false };

  const [existing] = await c.tx.select({ organizationId: locations.organizationId, municipalityIstat: locations.municipalityIstat, accessibility: locations.accessibility })
    .from(locations).where(eq(locations.id, id));
  const addresses = arr(loc.addresses);
  const address = addresses.find((a) => a.address_type === "physical") ?? addresses[0];

  let organizationId: string | null = organizationHint ?? existing?.organizationId ?? null;
  if (isUuid(loc.organization_id)) {
    if (await resolveOrganization(c, loc.organization_id)) organizationId = loc.organization_id;
    else c.warnings.push(`location ${id}: organization ${loc.organization_id} unknown, link to it left out`);
  }

  let municipalityIstat: string | null = null;
  const external = str(loc.external_identifier);
  if (external && /^\d{6}$/.test(external) && (!loc.external_identifier_type || String(loc.external_identifier_type).toUpperCase() === ISTAT_IDENTIFIER)) {
    municipalityIstat = external;
  } else if (str(address?.city)) {
    const found = await c.tx.execute(sql`select istat from municipalities where lower(name) = lower(${str(address!.city)!}) limit 2`);
    const rows_ = (found as unknown as { rows: { istat: string }[] }).rows;
    municipalityIstat = rows_.length === 1 ? rows_[0]!.istat : existing?.municipalityIstat ?? null;
  } else municipalityIstat = existing?.municipalityIstat ?? null;

  const point = validPoint(loc.latitude, loc.longitude);
  if (!point && (loc.latitude !== undefined || loc.longitude !== undefined)) {
    c.warnings.push(`location ${id}: coordinates ${String(loc.latitude)}, ${String(loc.longitude)} are not a valid WGS84 point, left out`);
  }
  const fields = {
    organizationId,
    name: str(loc.name) ?? str(address?.address_1) ?? "Sede",
    description: str(loc.description) ?? null,
    address: address ? [str(address.address_1), str(address.address_2)].filter(Boolean).join(", ") || null : null,
    postalCode: str(address?.postal_code) ?? null,
    municipalityIstat,
    city: str(address?.city) ?? null,
    region: str(address?.state_province) ?? str(address?.region) ?? null,
    latitude: point ? (loc.latitude as number) : null,
    longitude: point ? (loc.longitude as number) : null,
    accessibility: Array.isArray(loc.accessibility) ? ownNotes : existing?.accessibility ?? [],
    lastModified: new Date(),
  };
  if (existing) await c.tx.update(locations).set(fields).where(eq(locations.id, id));
  else await c.tx.insert(locations).values({ id, slug: await uniqueSlug(c.tx, "locations", fields.name, id), ...fields });

  // The location's own hours and phones are replaced by what the source says.
  await c.tx.execute(sql`delete from schedules where location_id = ${id}::uuid and service_id is null and service_at_location_id is null`);
  await c.tx.execute(sql`delete from phones where location_id = ${id}::uuid and service_id is null and contact_id is null`);
  c.touched.add(key);
  return { id, serviceNotes, written: true };
}

/** Rows collected from every place of the nested record, merged by id before insertion. */
interface Pending {
  schedules: Map<string, typeof schedules.$inferInsert>;
  contacts: Map<string, typeof contacts.$inferInsert>;
  phones: Map<string, typeof phones.$inferInsert>;
}

function collectSchedule(c: ServiceContext, p: Pending, s: H, links: { serviceId?: string; locationId?: string; serviceAtLocationId?: string }) {
  const id = s.id as string;
  const known = p.schedules.get(id);
  if (known) {
    p.schedules.set(id, { ...known, ...Object.fromEntries(Object.entries(links).filter(([, v]) => v)) });
    return;
  }
  const byday = typeof s.byday === "string" ? s.byday.toUpperCase().replace(/\s+/g, "") : "";
  const opensAt = clockTime(s.opens_at);
  const closesAt = clockTime(s.closes_at);
  if (!BYDAY.test(byday) || !opensAt || !closesAt) {
    c.warnings.push(`schedule ${id}: needs byday, opens_at and closes_at as iCal days and HH:MM times, left out`);
    return;
  }
  const date = (v: unknown) => (typeof v === "string" && isoDate.safeParse(v).success ? v : null);
  p.schedules.set(id, {
    id, ...links, freq: s.freq === "MONTHLY" ? "MONTHLY" : "WEEKLY", byday, opensAt, closesAt,
    validFrom: date(s.valid_from), validTo: date(s.valid_to), description: str(s.description) ?? str(s.notes) ?? null,
  });
}

function collectPhone(p: Pending, ph: H, links: { serviceId?: string; locationId?: string; contactId?: string }) {
  const id = ph.id as string;
  const known = p.phones.get(id);
  if (known) {
    p.phones.set(id, { ...known, ...Object.fromEntries(Object.entries(links).filter(([, v]) => v)) });
    return;
  }
  p.phones.set(id, { id, ...links, number: String(ph.number).slice(0, 100), type: str(ph.type) ?? null, description: str(ph.description) ?? null });
}

/** Ids already taken by rows of other services or locations get a stable id of their own. */
async function freeIds<T extends { id?: string }>(c: ServiceContext, table: "schedules" | "contacts" | "phones" | "required_documents", rows_: Map<string, T>) {
  const ids = [...rows_.keys()];
  const remap = new Map<string, string>();
  if (!ids.length) return remap;
  const taken = await c.tx.execute(sql`select id from ${sql.raw(table)} where id = any(${uuidArrayLiteral(ids)}::uuid[])`);
  for (const { id } of (taken as unknown as { rows: { id: string }[] }).rows) {
    const fresh = derivedId(`import-${table}`, c.serviceId, id);
    remap.set(id, fresh);
    rows_.get(id)!.id = fresh;
  }
  return remap;
}

/** Writes one service and what hangs from it; returns whether it existed before. */
async function importService(c: ServiceContext, raw: H): Promise<boolean> {
  const { tx } = c;
  const id = raw.id as string;
  const [existing] = await tx.select().from(services).where(eq(services.id, id));

  // Organization.
  const org = isObj(raw.organization) ? raw.organization : undefined;
  const organizationId = str(raw.organization_id) ?? (org ? (org.id as string) : undefined);
  if (!organizationId) throw new RecordError("reference", "the service has no organization (organization or organization_id)");
  if (org && org.id !== organizationId) throw new RecordError("invalid", `organization_id ${organizationId} differs from organization.id ${String(org.id)}`);
  if (org) await upsertOrganization(c, org);
  else if (!(await resolveOrganization(c, organizationId))) throw new RecordError("reference", `unknown organization ${organizationId}`);

  const pending: Pending = { schedules: new Map(), contacts: new Map(), phones: new Map() };

  // The organization's own locations, then the service's.
  for (const loc of arr(org?.locations)) {
    const imported = await upsertLocation(c, loc, organizationId);
    if (!imported.written) continue;
    for (const s of arr(loc.schedules)) collectSchedule(c, pending, s, { locationId: imported.id });
    for (const ph of arr(loc.phones)) collectPhone(pending, ph, { locationId: imported.id });
  }
  const sals: { id: string; locationId: string; description: string | null; raw: H }[] = [];
  const serviceNotes = new Map<number, string>();
  for (const sal of arr(raw.service_at_locations)) {
    const loc = isObj(sal.location) ? sal.location : undefined;
    const locationId = str(sal.location_id) ?? (loc ? (loc.id as string) : undefined);
    if (!locationId) throw new RecordError("invalid", `service_at_location ${sal.id}: no location`);
    if (loc && loc.id !== locationId) throw new RecordError("invalid", `service_at_location ${sal.id}: location_id differs from location.id`);
    if (loc) {
      const imported = await upsertLocation(c, loc, undefined);
      for (const [k, note] of imported.serviceNotes) serviceNotes.set(k, note);
      if (imported.written) {
        for (const s of arr(loc.schedules)) collectSchedule(c, pending, s, { locationId });
        for (const ph of arr(loc.phones)) collectPhone(pending, ph, { locationId });
      }
    } else if (!(c.run.done.has(`loc:${locationId}`) || c.touched.has(`loc:${locationId}`) || (await exists(tx, "locations", locationId)))) {
      throw new RecordError("reference", `service_at_location ${sal.id}: unknown location ${locationId}`);
    }
    if (sals.some((x) => x.locationId === locationId)) {
      c.warnings.push(`service_at_location ${sal.id}: location ${locationId} is already linked to the service, left out`);
      continue;
    }
    sals.push({ id: sal.id as string, locationId, description: str(sal.description) ?? null, raw: sal });
  }

  // Taxonomy terms and the attributes that carry our access mode.
  const termIds: string[] = [];
  let accessMode: ServiceRecord["accessMode"] | undefined;
  let referralFrom: string | null | undefined;
  for (const attr of arr(raw.attributes)) {
    if (attr.link_type === ACCESS_MODE_LINK_TYPE && !attr.taxonomy_term && !attr.taxonomy_term_id) {
      const v = String(attr.value ?? "");
      if (v === "direct" || v === "appointment" || v === "referral") accessMode = v;
      else c.warnings.push(`attribute ${attr.id}: access mode "${v.slice(0, 40)}" unknown, left out`);
      continue;
    }
    if (attr.link_type === REFERRAL_FROM_LINK_TYPE && !attr.taxonomy_term && !attr.taxonomy_term_id) {
      referralFrom = str(attr.value) ?? null;
      continue;
    }
    const termId = await ensureTerm(c, attr);
    if (termId) termIds.push(termId);
  }

  // Cost: free when every option costs nothing.
  const options = arr(raw.cost_options);
  const free = options.length ? options.every((o) => o.amount === 0) : existing?.free ?? true;
  const paid = options.map((o) => o.amount).find((a): a is number => typeof a === "number" && a > 0);
  const languages = Array.isArray(raw.languages)
    ? [...new Set(arr(raw.languages).map((l) => str(l.code)?.toLowerCase()).filter((x): x is string => Boolean(x)))]
    : existing?.languages ?? ["it"];
  const description = textOr(raw.description, "");
  const record: ServiceRecord = {
    id,
    organizationId,
    slug: existing?.slug ?? (await uniqueSlug(tx, "services", raw.name as string, id)),
    name: (raw.name as string).trim(),
    alternateName: str(raw.alternate_name) ?? null,
    shortDescription: existing?.shortDescription ?? firstSentence(description),
    description,
    url: str(raw.url) ?? null,
    email: str(raw.email) ?? null,
    status: raw.status as ServiceRecord["status"],
    audience: textOr(raw.eligibility_description, ""),
    howTo: textOr(raw.application_process, ""),
    outcome: existing?.outcome ?? "",
    timing: textOr(raw.wait_time, ""),
    conditions: existing?.conditions ?? "",
    minimumAge: typeof raw.minimum_age === "number" ? raw.minimum_age : null,
    maximumAge: typeof raw.maximum_age === "number" ? raw.maximum_age : null,
    free,
    costCents: free ? null : paid !== undefined ? Math.round(paid * 100) : null,
    feesDescription: str(raw.fees_description) ?? null,
    accessMode: accessMode ?? existing?.accessMode ?? "direct",
    referralFrom: referralFrom !== undefined ? referralFrom : existing?.referralFrom ?? null,
    keywords: existing?.keywords ?? [],
    languages,
    accessibility: sals.length ? [...serviceNotes.entries()].sort(([a], [b]) => a - b).map(([, n]) => n) : existing?.accessibility ?? [],
    translations: existing?.translations ?? {},
    lastVerifiedAt: str(raw.assured_date) ?? null,
    lastModified: typeof raw.last_modified === "string" ? new Date(raw.last_modified) : new Date(),
    locationIds: sals.map((s) => s.locationId),
    schedules: [],
    contacts: [],
    termIds,
    requiredDocuments: [],
  };
  await upsertService(tx, record);

  // Keep the ids and descriptions of the service-at-location links.
  for (const sal of sals) {
    await tx.update(serviceAtLocations).set({ id: sal.id, description: sal.description })
      .where(and(eq(serviceAtLocations.serviceId, id), eq(serviceAtLocations.locationId, sal.locationId)));
  }

  // Schedules, contacts, phones and documents, with their ids.
  for (const s of arr(raw.schedules)) collectSchedule(c, pending, s, { serviceId: id });
  for (const sal of sals) for (const s of arr(sal.raw.schedules)) collectSchedule(c, pending, s, { serviceId: id, serviceAtLocationId: sal.id });
  const serviceContacts = [...arr(raw.contacts), ...sals.flatMap((sal) => arr(sal.raw.contacts))];
  for (const ct of serviceContacts) {
    const cid = ct.id as string;
    if (!pending.contacts.has(cid)) {
      pending.contacts.set(cid, { id: cid, serviceId: id, name: str(ct.name) ?? null, title: str(ct.title) ?? null, email: str(ct.email) ?? null });
    }
    for (const ph of arr(ct.phones)) collectPhone(pending, ph, { serviceId: id, contactId: cid });
  }
  for (const ph of [...arr(raw.phones), ...sals.flatMap((sal) => arr(sal.raw.phones))]) {
    const contactId = typeof ph.contact_id === "string" && pending.contacts.has(ph.contact_id) ? ph.contact_id : undefined;
    collectPhone(pending, ph, { serviceId: id, ...(contactId ? { contactId } : {}) });
  }
  const documents = new Map(arr(raw.required_documents).filter((d) => str(d.document)).map((d, position) => [
    d.id as string, { id: d.id as string, serviceId: id, document: str(d.document)!, position },
  ]));

  await freeIds(c, "schedules", pending.schedules);
  const contactIds = await freeIds(c, "contacts", pending.contacts);
  for (const ph of pending.phones.values()) if (ph.contactId && contactIds.has(ph.contactId)) ph.contactId = contactIds.get(ph.contactId)!;
  await freeIds(c, "phones", pending.phones);
  await freeIds(c, "required_documents", documents);

  if (pending.schedules.size) await tx.insert(schedules).values([...pending.schedules.values()]);
  if (pending.contacts.size) await tx.insert(contacts).values([...pending.contacts.values()]);
  if (pending.phones.size) await tx.insert(phones).values([...pending.phones.values()]);
  if (documents.size) await tx.insert(requiredDocuments).values([...documents.values()]);
  return Boolean(existing);
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const sentence = /^(.{20,240}?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length > 240 ? `${sentence.slice(0, 237).trimEnd()}…` : sentence;
}
