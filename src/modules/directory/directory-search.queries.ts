import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { romeClock } from "./directory-clock.js";
import type { Translations } from "./directory.tables.js";

type Row = Record<string, unknown>;
const rowsOf = <T = Row>(result: unknown) => (result as { rows: T[] }).rows;

/** The fields every service card shows, read from a raw SQL row (snake_case columns). */
export function cardFieldsOf(r: Row) {
  return {
    id: r.id as string,
    slug: r.slug as string,
    name: r.name as string,
    shortDescription: r.short_description as string,
    translations: (r.translations ?? {}) as Translations,
    free: r.free as boolean,
    accessMode: r.access_mode as ServiceCard["accessMode"],
    lastVerifiedAt: (r.last_verified_at as string | null) ?? null,
    organizationName: r.organization_name as string,
  };
}

/** A uuid list as one parameter (works the same on PGlite and node-postgres). */
const uuidArray = (ids: string[]) => sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;

/** Portal directory filters; every one is applied in SQL. */
export interface DirectoryFilters {
  /** Service ids from the search module, best first; null/undefined when there is no text query. */
  rankedIds?: string[] | null;
  /** Code of a service-taxonomy term (its children match too). */
  category?: string | null;
  /** Code of a life-event term (its children match too). */
  lifeEvent?: string | null;
  /** Age of the child in years: the service's age range must include it. */
  age?: number | null;
  freeOnly?: boolean;
  /** ISO 639-1 code that must appear in services.languages. */
  language?: string | null;
  /** A service with a place in this municipality (used when no distance is given). */
  municipalityIstat?: string | null;
  /** A service with a place within radiusKm of this point. */
  near?: { lat: number; lng: number; radiusKm: number } | null;
  /** Open at this instant (Europe/Rome weekday and time against the service's schedules). */
  openAt?: Date | null;
  /** Restrict to a service taxonomy (the network's) for category codes. */
  serviceTaxonomyId?: string | null;
  /** Restrict to one organisation's services. */
  organizationId?: string | null;
}

export interface ServiceCard {
  id: string;
  slug: string;
  name: string;
  shortDescription: string;
  translations: Translations;
  status: string;
  free: boolean;
  accessMode: "direct" | "appointment" | "referral";
  lastVerifiedAt: string | null;
  organizationName: string;
  organizationSlug: string;
  distanceKm: number | null;
  categories: { code: string; name: string; translations: Translations }[];
  cities: string[];
}

/** The term and its direct children: a second-level category also matches services tagged with a leaf. */
function termMatch(purpose: "services" | "life_events", code: string, taxonomyId?: string | null): SQL {
  const taxonomyFilter = taxonomyId ? sql`and t.taxonomy_id = ${taxonomyId}` : sql``;
  return sql`exists (
    select 1 from service_terms st
    join taxonomy_terms t on t.id = st.term_id
    join taxonomies x on x.id = t.taxonomy_id and x.purpose = ${purpose}
    left join taxonomy_terms p on p.id = t.parent_id
    where st.service_id = s.id and (t.code = ${code} or p.code = ${code}) ${taxonomyFilter})`;
}

function distanceExpr(near: { lat: number; lng: number }): SQL {
  return sql`(select min(earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(${near.lat}::float8, ${near.lng}::float8)))
    from service_at_locations sal join locations l on l.id = sal.location_id
    where sal.service_id = s.id and l.latitude is not null and l.longitude is not null)`;
}

/** The WHERE conditions shared by the list, the count and the map. */
export function directoryConditions(f: DirectoryFilters): SQL[] {
  const where: SQL[] = [sql`s.status in ('active', 'temporarily closed')`];
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.category) where.push(termMatch("services", f.category, f.serviceTaxonomyId));
  if (f.lifeEvent) where.push(termMatch("life_events", f.lifeEvent));
  if (f.age !== null && f.age !== undefined) {
    where.push(sql`(s.minimum_age is null or s.minimum_age <= ${f.age}) and (s.maximum_age is null or s.maximum_age >= ${f.age})`);
  }
  if (f.freeOnly) where.push(sql`s.free`);
  if (f.language) where.push(sql`${f.language} = any(s.languages)`);
  if (f.near) {
    const box = sql`earth_box(ll_to_earth(${f.near.lat}::float8, ${f.near.lng}::float8), ${f.near.radiusKm * 1000}::float8)`;
    where.push(sql`exists (
      select 1 from service_at_locations sal join locations l on l.id = sal.location_id
      where sal.service_id = s.id and l.latitude is not null and l.longitude is not null
        and ${box} @> ll_to_earth(l.latitude, l.longitude)
        and earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(${f.near.lat}::float8, ${f.near.lng}::float8)) <= ${f.near.radiusKm * 1000}::float8)`);
  } else if (f.municipalityIstat) {
    where.push(sql`exists (
      select 1 from service_at_locations sal join locations l on l.id = sal.location_id
      where sal.service_id = s.id and l.municipality_istat = ${f.municipalityIstat})`);
  }
  if (f.openAt) {
    const { date, time, weekday } = romeClock(f.openAt);
    where.push(sql`exists (
      select 1 from schedules sc
      where sc.service_id = s.id
        and ${weekday} = any(string_to_array(upper(replace(sc.byday, ' ', '')), ','))
        and sc.opens_at <= ${time}::time and ${time}::time < sc.closes_at
        and (sc.valid_from is null or sc.valid_from <= ${date}::date)
        and (sc.valid_to is null or sc.valid_to >= ${date}::date))`);
  }
  if (f.rankedIds) where.push(sql`s.id = any(${uuidArray(f.rankedIds)})`);
  return where;
}

/**
 * One page of the portal's directory: filters, ordering (search rank, else distance, else name),
 * count and pagination in one SQL statement; categories and places of the page's rows in one batch each.
 */
export async function findDirectoryServices(
  db: Database,
  filters: DirectoryFilters,
  paging: { page: number; perPage: number },
): Promise<{ total: number; page: number; perPage: number; pageCount: number; items: ServiceCard[] }> {
  const perPage = Math.min(Math.max(1, paging.perPage), 100);
  const page = Math.max(1, paging.page);
  if (filters.rankedIds && filters.rankedIds.length === 0) return { total: 0, page, perPage, pageCount: 0, items: [] };
  const where = sql.join(directoryConditions(filters), sql` and `);
  const rankJoin = filters.rankedIds
    ? sql`join unnest(${uuidArray(filters.rankedIds)}) with ordinality as r(id, ord) on r.id = s.id`
    : sql``;
  const distance = filters.near ? distanceExpr(filters.near) : sql`null::float8`;
  const order = filters.rankedIds
    ? sql`r.ord`
    : filters.near
      ? sql`distance_m nulls last, s.name`
      : sql`s.name, s.id`;
  const result = await db.execute(sql`
    select s.id, s.slug, s.name, s.short_description, s.translations, s.status, s.free, s.access_mode,
      s.last_verified_at::text as last_verified_at, o.name as organization_name, o.slug as organization_slug,
      ${distance} as distance_m, count(*) over ()::int as total
    from services s
    join organizations o on o.id = s.organization_id
    ${rankJoin}
    where ${where}
    order by ${order}
    limit ${perPage} offset ${(page - 1) * perPage}`);
  const rows = rowsOf(result);
  let total = rows.length ? (rows[0]!.total as number) : 0;
  if (!rows.length && page > 1) {
    // Past the last page: still report the true total so the page can offer a way back.
    const counted = await db.execute(sql`select count(*)::int as n from services s where ${where}`);
    total = rowsOf<{ n: number }>(counted)[0]?.n ?? 0;
  }
  const ids = rows.map((r) => r.id as string);
  const [categories, cities] = await Promise.all([listServiceCategories(db, ids), listServiceCities(db, ids)]);
  return {
    total,
    page,
    perPage,
    pageCount: Math.ceil(total / perPage),
    items: rows.map((r) => ({
      ...cardFieldsOf(r),
      status: r.status as string,
      organizationSlug: r.organization_slug as string,
      distanceKm: r.distance_m === null || r.distance_m === undefined ? null : Math.round((r.distance_m as number) / 100) / 10,
      categories: categories.get(r.id as string) ?? [],
      cities: cities.get(r.id as string) ?? [],
    })),
  };
}

/** Service-taxonomy terms of several services, in taxonomy order. */
export async function listServiceCategories(db: Database, serviceIds: string[]) {
  const map = new Map<string, ServiceCard["categories"]>();
  if (!serviceIds.length) return map;
  const result = await db.execute(sql`
    select st.service_id, t.code, t.name, t.translations
    from service_terms st
    join taxonomy_terms t on t.id = st.term_id
    join taxonomies x on x.id = t.taxonomy_id and x.purpose = 'services'
    where st.service_id = any(${uuidArray(serviceIds)})
    order by t.position`);
  for (const r of rowsOf(result)) {
    const list = map.get(r.service_id as string) ?? [];
    list.push({ code: r.code as string, name: r.name as string, translations: (r.translations ?? {}) as Translations });
    map.set(r.service_id as string, list);
  }
  return map;
}

async function listServiceCities(db: Database, serviceIds: string[]) {
  const map = new Map<string, string[]>();
  if (!serviceIds.length) return map;
  const result = await db.execute(sql`
    select distinct sal.service_id, coalesce(m.name, l.city) as city
    from service_at_locations sal
    join locations l on l.id = sal.location_id
    left join municipalities m on m.istat = l.municipality_istat
    where sal.service_id = any(${uuidArray(serviceIds)}) and coalesce(m.name, l.city) is not null
    order by 2`);
  for (const r of rowsOf(result)) {
    const list = map.get(r.service_id as string) ?? [];
    list.push(r.city as string);
    map.set(r.service_id as string, list);
  }
  return map;
}

export interface DirectoryPlace {
  locationId: string;
  name: string;
  address: string | null;
  municipalityIstat: string | null;
  municipalityName: string;
  lat: number | null;
  lng: number | null;
  services: { slug: string; name: string; translations: Translations }[];
}

/**
 * The places of every service matching the filters (for the map and its text alternative), with
 * the services offered at each. Capped at `limit` services (search rank or name order).
 */
export async function listDirectoryPlaces(db: Database, filters: DirectoryFilters, limit = 300): Promise<DirectoryPlace[]> {
  if (filters.rankedIds && filters.rankedIds.length === 0) return [];
  const where = sql.join(directoryConditions(filters), sql` and `);
  const rankJoin = filters.rankedIds
    ? sql`join unnest(${uuidArray(filters.rankedIds)}) with ordinality as r(id, ord) on r.id = s.id`
    : sql``;
  const order = filters.rankedIds ? sql`r.ord` : sql`s.name, s.id`;
  const result = await db.execute(sql`
    with matched as (
      select s.id, s.slug, s.name, s.translations, row_number() over (order by ${order}) as pos
      from services s ${rankJoin}
      where ${where}
      order by ${order}
      limit ${limit}
    )
    select l.id as location_id, l.name, l.address, l.municipality_istat, coalesce(m.name, l.city, '') as municipality_name,
      l.latitude, l.longitude, mt.slug, mt.name as service_name, mt.translations
    from matched mt
    join service_at_locations sal on sal.service_id = mt.id
    join locations l on l.id = sal.location_id
    left join municipalities m on m.istat = l.municipality_istat
    order by coalesce(m.name, l.city, ''), l.name, l.id, mt.pos`);
  const places = new Map<string, DirectoryPlace>();
  for (const r of rowsOf(result)) {
    const id = r.location_id as string;
    let place = places.get(id);
    if (!place) {
      place = {
        locationId: id,
        name: r.name as string,
        address: (r.address as string | null) ?? null,
        municipalityIstat: (r.municipality_istat as string | null) ?? null,
        municipalityName: r.municipality_name as string,
        lat: (r.latitude as number | null) ?? null,
        lng: (r.longitude as number | null) ?? null,
        services: [],
      };
      places.set(id, place);
    }
    place.services.push({ slug: r.slug as string, name: r.service_name as string, translations: (r.translations ?? {}) as Translations });
  }
  return [...places.values()];
}

type Facets = Awaited<ReturnType<typeof loadDirectoryFacets>>;
const facetCache = new WeakMap<object, Map<string, { at: number; facets: Promise<Facets> }>>();
const FACET_TTL_MS = 60_000;

/**
 * Options for the directory's filter form: categories, life events and the languages spoken.
 * They change rarely, so they are cached per database for a minute (the results never are).
 */
export function listDirectoryFacets(db: Database, serviceTaxonomyId: string | null, opts: { fresh?: boolean } = {}): Promise<Facets> {
  let perDb = facetCache.get(db);
  if (!perDb) facetCache.set(db, (perDb = new Map()));
  const key = serviceTaxonomyId ?? "";
  const hit = perDb.get(key);
  if (hit && !opts.fresh && Date.now() - hit.at < FACET_TTL_MS) return hit.facets;
  const facets = loadDirectoryFacets(db, serviceTaxonomyId);
  perDb.set(key, { at: Date.now(), facets });
  facets.catch(() => perDb.delete(key));
  return facets;
}

async function loadDirectoryFacets(db: Database, serviceTaxonomyId: string | null) {
  const taxonomyFilter = serviceTaxonomyId ? sql`t.taxonomy_id = ${serviceTaxonomyId}` : sql`x.purpose = 'services'`;
  const [categories, lifeEvents, languages] = await Promise.all([
    db.execute(sql`
      select t.code, t.name, t.translations
      from taxonomy_terms t
      join taxonomies x on x.id = t.taxonomy_id
      join taxonomy_terms parent on parent.id = t.parent_id and parent.parent_id is null
      where ${taxonomyFilter}
      order by t.position`),
    db.execute(sql`
      select t.code, t.name, t.translations, p.code as parent_code
      from taxonomy_terms t
      join taxonomies x on x.id = t.taxonomy_id and x.purpose = 'life_events'
      left join taxonomy_terms p on p.id = t.parent_id
      order by x.slug, t.position`),
    db.execute(sql`
      select lang, count(*)::int as n
      from services s, unnest(s.languages) as lang
      where s.status in ('active', 'temporarily closed')
      group by lang order by n desc, lang`),
  ]);
  const term = (r: Row) => ({ code: r.code as string, name: r.name as string, translations: (r.translations ?? {}) as Translations });
  return {
    categories: rowsOf(categories).map(term),
    lifeEvents: rowsOf(lifeEvents).map((r) => ({ ...term(r), parentCode: (r.parent_code as string | null) ?? null })),
    languages: rowsOf<{ lang: string }>(languages).map((r) => r.lang),
  };
}

/** Most recently verified services (the home page's and a center's "what's on"). */
export async function listRecentServices(db: Database, opts: { organizationId?: string | null; limit?: number } = {}) {
  const orgFilter = opts.organizationId ? sql`and s.organization_id = ${opts.organizationId}` : sql``;
  const result = await db.execute(sql`
    select s.id, s.slug, s.name, s.short_description, s.translations, s.free, s.access_mode, s.status,
      s.last_verified_at::text as last_verified_at, o.name as organization_name
    from services s join organizations o on o.id = s.organization_id
    where s.status in ('active', 'temporarily closed') ${orgFilter}
    order by s.last_verified_at desc nulls last, s.name
    limit ${opts.limit ?? 6}`);
  return rowsOf(result).map((r) => ({
    ...cardFieldsOf(r),
    status: r.status as string,
  }));
}
