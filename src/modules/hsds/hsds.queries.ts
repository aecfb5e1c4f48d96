import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { uuidArrayLiteral } from "./hsds.ids.js";

/** What the HSDS read API and the export read: plain rows, dates already formatted as text. */
type Db = Pick<Database, "execute">;

export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** Statuses a citizen may see: the rest (inactive, defunct) never leaves the back-office. */
export const PUBLIC_STATUSES = ["active", "temporarily closed"] as const;
const isPublic = (alias: string) => sql.raw(`${alias}.status in ('active', 'temporarily closed')`);
const uuids = (ids: readonly string[]) => sql`${uuidArrayLiteral(ids)}::uuid[]`;
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export interface OrganizationRow {
  id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
}

export interface ServiceRow {
  id: string;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  url: string | null;
  email: string | null;
  status: string;
  how_to: string;
  audience: string;
  timing: string;
  fees_description: string | null;
  free: boolean;
  cost_cents: number | null;
  access_mode: string;
  referral_from: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  languages: string[];
  accessibility: string[];
  last_verified_at: string | null;
  last_modified: string;
  org: OrganizationRow;
}

export interface LocationRow {
  id: string;
  organization_id: string | null;
  name: string;
  description: string | null;
  address: string | null;
  postal_code: string | null;
  municipality_istat: string | null;
  city: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  accessibility: string[];
}

export interface ServiceAtLocationRow {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
  location: LocationRow;
}

export interface ScheduleRow {
  id: string;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  freq: string;
  byday: string;
  opens_at: string;
  closes_at: string;
  valid_from: string | null;
  valid_to: string | null;
  description: string | null;
}

export interface ContactRow {
  id: string;
  service_id: string | null;
  organization_id: string | null;
  name: string | null;
  title: string | null;
  email: string | null;
}

export interface PhoneRow {
  id: string;
  service_id: string | null;
  organization_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  number: string;
  type: string | null;
  description: string | null;
}

export interface TaxonomyRow {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
  purpose: string;
}

export interface TermRow {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id: string | null;
  taxonomy_id: string;
  taxonomy: TaxonomyRow;
}

export interface ServiceTermRow extends TermRow {
  service_id: string;
}

export interface DocumentRow {
  id: string;
  service_id: string;
  document: string;
}

// ---------------------------------------------------------------------------------------------
// Column lists (JSON objects keep nested rows apart and identical on PGlite and PostgreSQL).

const orgJson = (alias: string) => sql.raw(`json_build_object(
  'id', ${alias}.id, 'name', ${alias}.name, 'alternate_name', ${alias}.alternate_name, 'description', ${alias}.description,
  'email', ${alias}.email, 'website', ${alias}.website, 'phone', ${alias}.phone)`);

const locationJson = (alias: string) => sql.raw(`json_build_object(
  'id', ${alias}.id, 'organization_id', ${alias}.organization_id, 'name', ${alias}.name, 'description', ${alias}.description,
  'address', ${alias}.address, 'postal_code', ${alias}.postal_code, 'municipality_istat', ${alias}.municipality_istat,
  'city', ${alias}.city, 'region', ${alias}.region, 'latitude', ${alias}.latitude, 'longitude', ${alias}.longitude,
  'accessibility', ${alias}.accessibility)`);

const serviceColumns = sql`
  s.id, s.organization_id, s.name, s.alternate_name, s.description, s.url, s.email, s.status,
  s.how_to, s.audience, s.timing, s.fees_description, s.free, s.cost_cents, s.access_mode, s.referral_from,
  s.minimum_age, s.maximum_age, s.languages, s.accessibility, s.last_verified_at::text as last_verified_at,
  ${iso("s.last_modified")} as last_modified, ${orgJson("o")} as org`;

const taxonomyJson = (alias: string) => sql.raw(`json_build_object(
  'id', ${alias}.id, 'name', ${alias}.name, 'description', ${alias}.description, 'uri', ${alias}.uri,
  'version', ${alias}.version, 'purpose', ${alias}.purpose)`);

// ---------------------------------------------------------------------------------------------
// Service filters, shared by /services and /service_at_locations.

export interface GeoFilter {
  lat: number;
  lng: number;
  /** Radius in kilometres; without it results are only ordered by distance. */
  radiusKm?: number;
}

export interface ServiceFilters {
  /** Ranked ids from the search module when `search` was given (null = no search). */
  ranked?: { id: string; score: number }[] | null;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  minimumAge?: number;
  maximumAge?: number;
  geo?: GeoFilter;
}

const center = (g: GeoFilter) => sql`ll_to_earth(${g.lat}::float8, ${g.lng}::float8)`;
const hasPoint = (alias: string) => sql.raw(`${alias}.latitude is not null and ${alias}.longitude is not null`);
const point = (alias: string) => sql.raw(`ll_to_earth(${alias}.latitude, ${alias}.longitude)`);

/**
 * Within the radius: a latitude/longitude box first (btree index on locations, no expression
 * index on extension functions, which PostgreSQL 17 maintenance runs with a bare search_path),
 * then the exact great-circle distance (earthdistance).
 */
function withinRadius(alias: string, g: GeoFilter & { radiusKm: number }) {
  const meters = g.radiusKm * 1000;
  const dLat = g.radiusKm / 111.045;
  const cos = Math.max(Math.cos((g.lat * Math.PI) / 180), 0.01);
  const dLng = g.radiusKm / (111.045 * cos);
  const lat = sql.raw(`${alias}.latitude`);
  const lng = sql.raw(`${alias}.longitude`);
  const lngBox = g.lng - dLng >= -180 && g.lng + dLng <= 180
    ? sql` and ${lng} between ${g.lng - dLng}::float8 and ${g.lng + dLng}::float8`
    : sql``;
  return sql`${hasPoint(alias)} and ${lat} between ${g.lat - dLat}::float8 and ${g.lat + dLat}::float8${lngBox}
    and earth_distance(${center(g)}, ${point(alias)}) <= ${meters}::float8`;
}

/** Conditions on the service `s` (everything except the ranking join and the location). */
function serviceConditions(f: ServiceFilters): SQL[] {
  const conds: SQL[] = [isPublic("s")];
  if (f.organizationId) conds.push(sql`s.organization_id = ${f.organizationId}::uuid`);
  if (f.modifiedAfter) conds.push(sql`s.last_modified >= ${f.modifiedAfter.toISOString()}::timestamptz`);
  if (f.minimumAge !== undefined) conds.push(sql`(s.maximum_age is null or s.maximum_age >= ${f.minimumAge}::numeric)`);
  if (f.maximumAge !== undefined) conds.push(sql`(s.minimum_age is null or s.minimum_age <= ${f.maximumAge}::numeric)`);
  if (f.taxonomyTermId) {
    conds.push(sql`s.id in (
      select st.service_id from service_terms st where st.term_id in (
        with recursive tree(id) as (
          select t.id from taxonomy_terms t where t.id = ${f.taxonomyTermId}::uuid
          union
          select c.id from taxonomy_terms c join tree on c.parent_id = tree.id)
        select id from tree))`);
  }
  if (f.taxonomyId) {
    conds.push(sql`s.id in (
      select st.service_id from service_terms st join taxonomy_terms t on t.id = st.term_id
      where t.taxonomy_id = ${f.taxonomyId}::uuid)`);
  }
  return conds;
}

/**
 * Every filter as one condition on the services row `s` (the radius as an EXISTS over the
 * service's locations): handed to the search module so it picks candidates among matching services.
 */
export function serviceFilterCondition(f: ServiceFilters): SQL {
  const conds = serviceConditions(f);
  if (f.geo?.radiusKm !== undefined) {
    const g = { ...f.geo, radiusKm: f.geo.radiusKm };
    conds.push(sql`exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id
      where sal.service_id = s.id and ${withinRadius("l", g)})`);
  }
  return sql.join(conds, sql` and `);
}

function rankedSource(ranked: { id: string; score: number }[]) {
  const ids = ranked.map((r) => r.id);
  const scores = `{${ranked.map((r) => (Number.isFinite(r.score) ? r.score : 0)).join(",")}}`;
  return sql`(select r.id, r.score, r.ord from unnest(${uuids(ids)}, ${scores}::float8[]) with ordinality as r(id, score, ord))`;
}

export interface Page {
  limit: number;
  offset: number;
}

/**
 * Ids of one page and the total. A ranked (search) candidate set is bounded: one query with a
 * window count. Otherwise an exact count, then the page's ids in index order. Either way only
 * narrow rows go through the sort; the page's details are fetched afterwards by id.
 */
async function pageOfIds(db: Db, idColumn: "s.id" | "sal.id", from: SQL, where: SQL, order: SQL, ranked: boolean, page: Page): Promise<{ total: number; ids: string[] }> {
  const id = sql.raw(idColumn);
  const count = async () => (await rows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${where}`))[0]?.n ?? 0;
  if (ranked) {
    const result = await rows<{ id: string; total: number }>(db, sql`
      select ${id} as id, (count(*) over ())::int as total from ${from} where ${where} order by ${order} limit ${page.limit} offset ${page.offset}`);
    if (result.length) return { total: result[0]!.total, ids: result.map((r) => r.id) };
    return { total: page.offset > 0 ? await count() : 0, ids: [] };
  }
  const total = await count();
  if (total === 0 || page.offset >= total) return { total, ids: [] };
  const result = await rows<{ id: string }>(db, sql`select ${id} as id from ${from} where ${where} order by ${order} limit ${page.limit} offset ${page.offset}`);
  return { total, ids: result.map((r) => r.id) };
}

function inOrder<T extends { id: string }>(ids: string[], items: T[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** One page of public services matching the filters, and how many match in all. */
export async function findServicePage(db: Db, f: ServiceFilters, page: Page): Promise<{ total: number; rows: ServiceRow[] }> {
  if (f.ranked && f.ranked.length === 0) return { total: 0, rows: [] };
  const geo = f.geo;
  const rankJoin = f.ranked ? sql`join ${rankedSource(f.ranked)} rk on rk.id = s.id` : sql``;
  const distanceJoin = geo
    ? sql`left join lateral (
        select min(earth_distance(${center(geo)}, ${point("l")})) as meters
        from service_at_locations sal join locations l on l.id = sal.location_id
        where sal.service_id = s.id and ${hasPoint("l")}) dist on true`
    : sql``;
  const order = f.ranked
    ? sql`rk.score desc, rk.ord`
    : geo
      ? sql`dist.meters asc nulls last, s.name, s.id`
      : sql`s.name, s.id`;
  const from = sql`services s ${rankJoin} ${distanceJoin}`;
  const { total, ids } = await pageOfIds(db, "s.id", from, serviceFilterCondition(f), order, Boolean(f.ranked), page);
  return { total, rows: inOrder(ids, await findServicesByIds(db, ids)) };
}

export interface ServiceAtLocationListRow {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
  location: LocationRow;
  service: ServiceRow;
}

/** One page of service-at-location links of public services; the radius applies to each link's location. */
export async function findServiceAtLocationPage(db: Db, f: ServiceFilters, page: Page): Promise<{ total: number; rows: ServiceAtLocationListRow[] }> {
  if (f.ranked && f.ranked.length === 0) return { total: 0, rows: [] };
  const conds = serviceConditions(f);
  if (f.geo?.radiusKm !== undefined) conds.push(withinRadius("l", { ...f.geo, radiusKm: f.geo.radiusKm }));
  const rankJoin = f.ranked ? sql`join ${rankedSource(f.ranked)} rk on rk.id = s.id` : sql``;
  const from = sql`service_at_locations sal join services s on s.id = sal.service_id join locations l on l.id = sal.location_id
    ${rankJoin}`;
  const order = f.ranked
    ? sql`rk.score desc, rk.ord, l.name, sal.id`
    : f.geo
      ? sql`case when ${hasPoint("l")} then earth_distance(${center(f.geo)}, ${point("l")}) end asc nulls last, s.name, sal.id`
      : sql`s.name, l.name, sal.id`;
  const { total, ids } = await pageOfIds(db, "sal.id", from, sql.join(conds, sql` and `), order, Boolean(f.ranked), page);
  if (!ids.length) return { total, rows: [] };
  const links = inOrder(ids, await rows<ServiceAtLocationRow>(db, sql`
    select sal.id, sal.service_id, sal.location_id, sal.description, ${locationJson("l")} as location
    from service_at_locations sal join locations l on l.id = sal.location_id
    where sal.id = any(${uuids(ids)})`));
  const services = new Map((await findServicesByIds(db, [...new Set(links.map((r) => r.service_id))])).map((x) => [x.id, x]));
  return {
    total,
    rows: links.flatMap((r) => {
      const service = services.get(r.service_id);
      return service ? [{ ...r, service }] : [];
    }),
  };
}

/** Service rows (with their organization) by id, in no particular order. */
export async function findServicesByIds(db: Db, ids: readonly string[], opts: { publicOnly?: boolean } = {}): Promise<ServiceRow[]> {
  if (!ids.length) return [];
  const visibility = opts.publicOnly === false ? sql`` : sql`and ${isPublic("s")}`;
  return rows<ServiceRow>(db, sql`
    select ${serviceColumns}
    from services s join organizations o on o.id = s.organization_id
    where s.id = any(${uuids(ids)}) ${visibility}`);
}

/** Ids of every service (public ones unless asked otherwise), by name: what the export walks. */
export async function listServiceIds(db: Db, opts: { publicOnly?: boolean } = {}): Promise<string[]> {
  const where = opts.publicOnly === false ? sql`` : sql`where ${isPublic("s")}`;
  const result = await rows<{ id: string }>(db, sql`select s.id from services s ${where} order by s.name, s.id`);
  return result.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Everything hanging from a batch of services: a fixed number of queries whatever the batch size.

export interface ServiceDetails {
  serviceAtLocations: ServiceAtLocationRow[];
  schedules: ScheduleRow[];
  contacts: ContactRow[];
  phones: PhoneRow[];
  terms: ServiceTermRow[];
  documents: DocumentRow[];
}

const scheduleColumns = sql.raw(`sc.id, sc.service_id, sc.location_id, sc.service_at_location_id, sc.freq, sc.byday,
  sc.opens_at::text as opens_at, sc.closes_at::text as closes_at, sc.valid_from::text as valid_from,
  sc.valid_to::text as valid_to, sc.description`);
const phoneColumns = sql.raw(`p.id, p.service_id, p.organization_id, p.location_id, p.contact_id, p.number, p.type, p.description`);
const termColumns = sql`t.id, t.code, t.name, t.description, t.parent_id, t.taxonomy_id, ${taxonomyJson("tx")} as taxonomy`;

export async function loadServiceDetails(db: Db, serviceIds: readonly string[]): Promise<ServiceDetails> {
  if (!serviceIds.length) return { serviceAtLocations: [], schedules: [], contacts: [], phones: [], terms: [], documents: [] };
  const ids = uuids(serviceIds);
  const serviceAtLocations = await rows<ServiceAtLocationRow>(db, sql`
    select sal.id, sal.service_id, sal.location_id, sal.description, ${locationJson("l")} as location
    from service_at_locations sal join locations l on l.id = sal.location_id
    where sal.service_id = any(${ids})
    order by sal.service_id, l.name, sal.id`);
  const schedules = await rows<ScheduleRow>(db, sql`
    select ${scheduleColumns} from schedules sc where sc.service_id = any(${ids})
    union
    select ${scheduleColumns} from schedules sc
      join service_at_locations sal on sal.id = sc.service_at_location_id where sal.service_id = any(${ids})
    union
    select ${scheduleColumns} from schedules sc
      join service_at_locations sal on sal.location_id = sc.location_id
      where sal.service_id = any(${ids}) and sc.service_id is null and sc.service_at_location_id is null
    order by byday, opens_at, id`);
  const contacts = await rows<ContactRow>(db, sql`
    select c.id, c.service_id, c.organization_id, c.name, c.title, c.email
    from contacts c where c.service_id = any(${ids}) order by c.name nulls last, c.id`);
  const phones = await rows<PhoneRow>(db, sql`
    select ${phoneColumns} from phones p where p.service_id = any(${ids})
    union
    select ${phoneColumns} from phones p
      join service_at_locations sal on sal.location_id = p.location_id
      where sal.service_id = any(${ids}) and p.service_id is null and p.contact_id is null
    order by number, id`);
  const terms = await rows<ServiceTermRow>(db, sql`
    select st.service_id, ${termColumns}
    from service_terms st join taxonomy_terms t on t.id = st.term_id join taxonomies tx on tx.id = t.taxonomy_id
    where st.service_id = any(${ids})
    order by tx.name, t.code, t.id`);
  const documents = await rows<DocumentRow>(db, sql`
    select d.id, d.service_id, d.document from required_documents d
    where d.service_id = any(${ids}) order by d.position, d.id`);
  return { serviceAtLocations, schedules, contacts, phones, terms, documents };
}

// ---------------------------------------------------------------------------------------------
// Organizations, locations, taxonomies.

export async function findOrganizationPage(db: Db, search: string | undefined, page: Page) {
  const where = search ? sql`where ${containsText("o.name", search)}` : sql``;
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from organizations o ${where}`);
  const total = count?.n ?? 0;
  if (total === 0 || page.offset >= total) return { total, rows: [] as OrganizationRow[] };
  const result = await rows<OrganizationRow>(db, sql`
    select o.id, o.name, o.alternate_name, o.description, o.email, o.website, o.phone
    from organizations o ${where} order by o.name, o.id limit ${page.limit} offset ${page.offset}`);
  return { total, rows: result };
}

export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | null> {
  const [row] = await rows<OrganizationRow>(db, sql`
    select o.id, o.name, o.alternate_name, o.description, o.email, o.website, o.phone
    from organizations o where o.id = ${id}::uuid`);
  return row ?? null;
}

/** What an organization's full HSDS record adds: its locations (with their own schedules and phones), contacts and phones. */
export async function loadOrganizationDetails(db: Db, organizationId: string) {
  const locations = await rows<LocationRow>(db, sql`
    select l.id, l.organization_id, l.name, l.description, l.address, l.postal_code, l.municipality_istat, l.city,
      l.region, l.latitude, l.longitude, l.accessibility
    from locations l where l.organization_id = ${organizationId}::uuid order by l.name, l.id`);
  const locationIds = locations.map((l) => l.id);
  const schedules = locationIds.length
    ? await rows<ScheduleRow>(db, sql`select ${scheduleColumns} from schedules sc
        where sc.location_id = any(${uuids(locationIds)}) and sc.service_id is null and sc.service_at_location_id is null
        order by sc.byday, sc.opens_at, sc.id`)
    : [];
  const phones = await rows<PhoneRow>(db, sql`
    select ${phoneColumns} from phones p
    where (p.organization_id = ${organizationId}::uuid and p.service_id is null)
      or (p.location_id = any(${uuids(locationIds)}) and p.service_id is null and p.contact_id is null)
    order by p.number, p.id`);
  const contacts = await rows<ContactRow>(db, sql`
    select c.id, c.service_id, c.organization_id, c.name, c.title, c.email
    from contacts c where c.organization_id = ${organizationId}::uuid and c.service_id is null order by c.name nulls last, c.id`);
  const serviceIds = await rows<{ id: string }>(db, sql`
    select s.id from services s where s.organization_id = ${organizationId}::uuid and ${isPublic("s")} order by s.name, s.id`);
  return { locations, schedules, phones, contacts, serviceIds: serviceIds.map((r) => r.id) };
}

export async function findServiceAtLocation(db: Db, id: string): Promise<{ id: string; service_id: string } | null> {
  const [row] = await rows<{ id: string; service_id: string }>(db, sql`
    select sal.id, sal.service_id from service_at_locations sal join services s on s.id = sal.service_id
    where sal.id = ${id}::uuid and ${isPublic("s")}`);
  return row ?? null;
}

export async function findTaxonomyPage(db: Db, search: string | undefined, page: Page) {
  const where = search ? sql`where ${containsText("tx.name", search)}` : sql``;
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from taxonomies tx ${where}`);
  const total = count?.n ?? 0;
  if (total === 0 || page.offset >= total) return { total, rows: [] as TaxonomyRow[] };
  const result = await rows<TaxonomyRow>(db, sql`
    select tx.id, tx.name, tx.description, tx.uri, tx.version, tx.purpose
    from taxonomies tx ${where} order by tx.name, tx.id limit ${page.limit} offset ${page.offset}`);
  return { total, rows: result };
}

export async function findTaxonomy(db: Db, id: string): Promise<TaxonomyRow | null> {
  const [row] = await rows<TaxonomyRow>(db, sql`
    select tx.id, tx.name, tx.description, tx.uri, tx.version, tx.purpose from taxonomies tx where tx.id = ${id}::uuid`);
  return row ?? null;
}

export interface TermFilters {
  search?: string;
  taxonomyId?: string;
  parentId?: string;
  topOnly?: boolean;
}

export async function findTermPage(db: Db, f: TermFilters, page: Page) {
  const conds: SQL[] = [sql`true`];
  if (f.search) conds.push(containsText("t.name", f.search));
  if (f.taxonomyId) conds.push(sql`t.taxonomy_id = ${f.taxonomyId}::uuid`);
  if (f.parentId) conds.push(sql`t.parent_id = ${f.parentId}::uuid`);
  if (f.topOnly) conds.push(sql`t.parent_id is null`);
  const where = sql.join(conds, sql` and `);
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from taxonomy_terms t where ${where}`);
  const total = count?.n ?? 0;
  if (total === 0 || page.offset >= total) return { total, rows: [] as TermRow[] };
  const result = await rows<TermRow>(db, sql`
    select ${termColumns} from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id
    where ${where} order by tx.name, t.position, t.code, t.id limit ${page.limit} offset ${page.offset}`);
  return { total, rows: result };
}

export async function findTerm(db: Db, id: string): Promise<TermRow | null> {
  const [row] = await rows<TermRow>(db, sql`
    select ${termColumns} from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id where t.id = ${id}::uuid`);
  return row ?? null;
}

/** The coordinates of a municipality by ISTAT code (the centre used for `proximity`). */
export async function findMunicipalityPoint(db: Db, istat: string): Promise<{ lat: number; lng: number } | null> {
  const [row] = await rows<{ lat: number; lng: number }>(db, sql`select m.lat, m.lng from municipalities m where m.istat = ${istat}`);
  return row ?? null;
}

/** Accent- and case-insensitive substring match (LIKE wildcards in the needle are taken literally). */
function containsText(column: string, needle: string) {
  const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`lower(immutable_unaccent(${sql.raw(column)})) like '%' || lower(immutable_unaccent(${escaped})) || '%'`;
}
