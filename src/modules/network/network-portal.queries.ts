import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { centerFunding, centers, municipalities, sites } from "./network.tables.js";

/** Funding sources of a center, latest year first. */
export async function listCenterFunding(db: Database, centerId: string) {
  return db
    .select({ source: centerFunding.source, year: centerFunding.year, amountCents: centerFunding.amountCents })
    .from(centerFunding)
    .where(eq(centerFunding.centerId, centerId))
    .orderBy(desc(centerFunding.year), asc(centerFunding.source));
}

/** Municipalities by ISTAT code, by name. */
export async function listMunicipalitiesByIstat(db: Database, istat: string[]) {
  if (!istat.length) return [];
  return db.select().from(municipalities).where(inArray(municipalities.istat, istat)).orderBy(asc(municipalities.name));
}

/** Front desks of a network's centers: contacts and the hub's (else first site's) opening hours. */
export async function listFrontDesks(db: Database, networkId: string) {
  const rows = await db
    .select({ center: centers, municipalityName: municipalities.name })
    .from(centers)
    .innerJoin(municipalities, eq(municipalities.istat, centers.municipalityIstat))
    .where(eq(centers.networkId, networkId))
    .orderBy(asc(centers.name));
  const siteRows = rows.length
    ? await db.select().from(sites).where(inArray(sites.centerId, rows.map((r) => r.center.id))).orderBy(asc(sites.kind), asc(sites.name))
    : [];
  return rows.map(({ center, municipalityName }) => {
    const own = siteRows.filter((s) => s.centerId === center.id);
    const hub = own.find((s) => s.kind === "hub") ?? own[0] ?? null;
    return {
      slug: center.slug,
      name: center.name,
      municipalityName,
      municipalityIstat: center.municipalityIstat,
      territory: center.territory,
      phone: center.phone,
      email: center.email,
      siteName: hub?.name ?? null,
      locationId: hub?.locationId ?? null,
      openingHours: hub?.openingHours ?? [],
    };
  });
}
