import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { centers, municipalities, networks, rooms, sites } from "./network.tables.js";

/** The network this deployment serves (the first one created). */
export async function findPrimaryNetwork(db: Database) {
  const [network] = await db.select().from(networks).orderBy(asc(networks.createdAt)).limit(1);
  return network ?? null;
}

export async function listCenters(db: Database, networkId: string) {
  return db
    .select({ center: centers, municipality: municipalities })
    .from(centers)
    .innerJoin(municipalities, eq(municipalities.istat, centers.municipalityIstat))
    .where(eq(centers.networkId, networkId))
    .orderBy(asc(centers.name));
}

export async function findCenterBySlug(db: Database, slug: string) {
  const [row] = await db
    .select({ center: centers, municipality: municipalities })
    .from(centers)
    .innerJoin(municipalities, eq(municipalities.istat, centers.municipalityIstat))
    .where(eq(centers.slug, slug));
  if (!row) return null;
  const siteRows = await db.select().from(sites).where(eq(sites.centerId, row.center.id)).orderBy(asc(sites.kind), asc(sites.name));
  const roomRows = siteRows.length
    ? await db.select().from(rooms).where(inArray(rooms.siteId, siteRows.map((s) => s.id))).orderBy(asc(rooms.name))
    : [];
  return {
    ...row,
    sites: siteRows.map((s) => ({ ...s, rooms: roomRows.filter((r) => r.siteId === s.id) })),
  };
}

export async function listMunicipalities(db: Database) {
  return db.select().from(municipalities).orderBy(asc(municipalities.name));
}
