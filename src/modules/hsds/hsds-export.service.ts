import fs from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { listServiceIds, rows, type OrganizationRow } from "./hsds.queries.js";
import { loadHsdsServices } from "./hsds-read.service.js";
import { toOrganizationBasic, type HsdsObject } from "./hsds.mappers.js";
import { derivedId } from "./hsds.ids.js";
import { flattenServices, renderTabularPackage } from "./hsds-tabular.js";

export interface ExportOptions {
  /** Only published services (active, temporarily closed). Default true. */
  publicOnly?: boolean;
  batchSize?: number;
}

/** Fully nested services, a batch at a time (a fixed number of queries per batch). */
export async function* iterateHsdsServices(db: Database, opts: ExportOptions = {}): AsyncGenerator<HsdsObject[]> {
  const publicOnly = opts.publicOnly ?? true;
  const ids = await listServiceIds(db, { publicOnly });
  const size = opts.batchSize ?? 250;
  for (let i = 0; i < ids.length; i += size) {
    yield await loadHsdsServices(db, ids.slice(i, i + size), { publicOnly });
  }
}

/** The directory as an array of HSDS 3.0 service objects (the shape of GET /services/{id}). */
export async function exportHsdsJson(db: Database, opts: ExportOptions = {}): Promise<HsdsObject[]> {
  const out: HsdsObject[] = [];
  for await (const batch of iterateHsdsServices(db, opts)) out.push(...batch);
  return out;
}

/** Every organization, with its phone number as an HSDS phone record. */
async function exportOrganizations(db: Database): Promise<HsdsObject[]> {
  const orgs = await rows<OrganizationRow>(db, sql`
    select o.id, o.name, o.alternate_name, o.description, o.email, o.website, o.phone from organizations o order by o.name, o.id`);
  return orgs.map((o) => ({
    ...toOrganizationBasic(o),
    phones: o.phone ? [{ id: derivedId("organization-phone", o.id), organization_id: o.id, number: o.phone, type: "voice" }] : [],
  }));
}

/**
 * Writes the directory as an HSDS tabular data package: datapackage.json and one CSV per HSDS
 * table, with the headers of the HSDS tabular format (empty tables keep their header line).
 */
export async function exportHsdsCsvPackage(db: Database, dir: string, opts: ExportOptions = {}) {
  const services = await exportHsdsJson(db, opts);
  const tables = flattenServices(services, await exportOrganizations(db));
  const files = renderTabularPackage(tables, { name: "crocevia-hsds", title: "Crocevia — servizi per le famiglie (Open Referral HSDS 3.0)" });
  await fs.mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text, "utf8");
  return { dir, files: Object.keys(files).sort(), services: services.length, rows: Object.fromEntries([...tables].map(([k, v]) => [k, v.length])) };
}
