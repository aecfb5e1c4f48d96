import { sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import type { Translations } from "./directory.tables.js";

type Row = Record<string, unknown>;
const rowsOf = <T = Row>(result: unknown) => (result as { rows: T[] }).rows;
const uuidArray = (ids: string[]) => sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;

export interface OpeningSlot { byday: string; opensAt: string; closesAt: string; description: string | null }

export interface PlaceDetail {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  address: string | null;
  postalCode: string | null;
  municipalityIstat: string | null;
  municipalityName: string | null;
  province: string | null;
  lat: number | null;
  lng: number | null;
  accessibility: string[];
  phones: string[];
  schedules: OpeningSlot[];
}

const slot = (r: Row): OpeningSlot => ({
  byday: r.byday as string,
  opensAt: (r.opens_at as string).slice(0, 5),
  closesAt: (r.closes_at as string).slice(0, 5),
  description: (r.description as string | null) ?? null,
});

/** Places by id with their municipality, phones and opening times (location schedules). */
export async function listPlaces(db: Database, locationIds: string[]): Promise<PlaceDetail[]> {
  if (!locationIds.length) return [];
  const ids = uuidArray(locationIds);
  const [places, phones, hours] = await Promise.all([
    db.execute(sql`
      select l.id, l.slug, l.name, l.description, l.address, l.postal_code, l.municipality_istat,
        coalesce(m.name, l.city) as municipality_name, m.province, l.latitude, l.longitude, l.accessibility
      from locations l left join municipalities m on m.istat = l.municipality_istat
      where l.id = any(${ids})
      order by l.name`),
    db.execute(sql`select location_id, number from phones where location_id = any(${ids}) order by number`),
    db.execute(sql`
      select location_id, byday, opens_at::text as opens_at, closes_at::text as closes_at, description
      from schedules where location_id = any(${ids}) and service_id is null
      order by opens_at`),
  ]);
  return rowsOf(places).map((r) => ({
    id: r.id as string,
    slug: r.slug as string,
    name: r.name as string,
    description: (r.description as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    postalCode: (r.postal_code as string | null) ?? null,
    municipalityIstat: (r.municipality_istat as string | null) ?? null,
    municipalityName: (r.municipality_name as string | null) ?? null,
    province: (r.province as string | null) ?? null,
    lat: (r.latitude as number | null) ?? null,
    lng: (r.longitude as number | null) ?? null,
    accessibility: (r.accessibility as string[] | null) ?? [],
    phones: rowsOf(phones).filter((p) => p.location_id === r.id).map((p) => p.number as string),
    schedules: rowsOf(hours).filter((h) => h.location_id === r.id).map(slot),
  }));
}

/** Everything the scheda servizio shows, or null for an unknown slug. */
export async function findServiceBySlug(db: Database, slug: string) {
  const found = await db.execute(sql`
    select s.*, s.last_verified_at::text as last_verified_text,
      o.id as org_id, o.slug as org_slug, o.name as org_name, o.kind as org_kind, o.description as org_description,
      o.email as org_email, o.phone as org_phone, o.website as org_website, o.translations as org_translations
    from services s join organizations o on o.id = s.organization_id
    where s.slug = ${slug}`);
  const r = rowsOf(found)[0];
  if (!r) return null;
  const id = r.id as string;
  const [terms, locationIds, hours, contacts, phones, documents] = await Promise.all([
    db.execute(sql`
      select t.code, t.name, t.translations, x.purpose, x.name as taxonomy_name
      from service_terms st
      join taxonomy_terms t on t.id = st.term_id
      join taxonomies x on x.id = t.taxonomy_id
      where st.service_id = ${id}
      order by x.purpose, t.position`),
    db.execute(sql`select location_id from service_at_locations where service_id = ${id}`),
    db.execute(sql`
      select byday, opens_at::text as opens_at, closes_at::text as closes_at, description
      from schedules where service_id = ${id} order by opens_at`),
    db.execute(sql`select id, name, title, email from contacts where service_id = ${id} order by name nulls last`),
    db.execute(sql`select number, type, description from phones where service_id = ${id} order by number`),
    db.execute(sql`select document from required_documents where service_id = ${id} order by position`),
  ]);
  const places = await listPlaces(db, rowsOf<{ location_id: string }>(locationIds).map((l) => l.location_id));
  const term = (t: Row) => ({ code: t.code as string, name: t.name as string, translations: (t.translations ?? {}) as Translations });
  const termRows = rowsOf(terms);
  return {
    id,
    slug: r.slug as string,
    name: r.name as string,
    alternateName: (r.alternate_name as string | null) ?? null,
    shortDescription: r.short_description as string,
    description: r.description as string,
    url: (r.url as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    status: r.status as "active" | "inactive" | "defunct" | "temporarily closed",
    audience: r.audience as string,
    howTo: r.how_to as string,
    outcome: r.outcome as string,
    timing: r.timing as string,
    conditions: r.conditions as string,
    minimumAge: (r.minimum_age as number | null) ?? null,
    maximumAge: (r.maximum_age as number | null) ?? null,
    free: r.free as boolean,
    costCents: (r.cost_cents as number | null) ?? null,
    feesDescription: (r.fees_description as string | null) ?? null,
    accessMode: r.access_mode as "direct" | "appointment" | "referral",
    referralFrom: (r.referral_from as string | null) ?? null,
    keywords: (r.keywords as string[] | null) ?? [],
    languages: (r.languages as string[] | null) ?? [],
    accessibility: (r.accessibility as string[] | null) ?? [],
    translations: (r.translations ?? {}) as Translations,
    lastVerifiedAt: (r.last_verified_text as string | null) ?? null,
    organization: {
      id: r.org_id as string,
      slug: r.org_slug as string,
      name: r.org_name as string,
      kind: r.org_kind as "center" | "partner",
      description: r.org_description as string,
      email: (r.org_email as string | null) ?? null,
      phone: (r.org_phone as string | null) ?? null,
      website: (r.org_website as string | null) ?? null,
      translations: (r.org_translations ?? {}) as Translations,
    },
    categories: termRows.filter((t) => t.purpose === "services").map(term),
    lifeEvents: termRows.filter((t) => t.purpose === "life_events").map(term),
    schedules: rowsOf(hours).map(slot),
    contacts: rowsOf(contacts).map((c) => ({
      id: c.id as string,
      name: (c.name as string | null) ?? null,
      title: (c.title as string | null) ?? null,
      email: (c.email as string | null) ?? null,
    })),
    phones: rowsOf(phones).map((p) => ({ number: p.number as string, type: (p.type as string | null) ?? null, description: (p.description as string | null) ?? null })),
    requiredDocuments: rowsOf<{ document: string }>(documents).map((d) => d.document),
    places,
  };
}

export type ServicePage = NonNullable<Awaited<ReturnType<typeof findServiceBySlug>>>;
