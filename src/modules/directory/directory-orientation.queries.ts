import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { cardFieldsOf, listServiceCategories, type ServiceCard } from "./directory-search.queries.js";

type Row = Record<string, unknown>;
const rowsOf = <T = Row>(result: unknown) => (result as { rows: T[] }).rows;

/** Age bands of the orientation path, in years (inclusive). */
export const AGE_BANDS = {
  "0-2": [0, 2],
  "3-5": [3, 5],
  "6-10": [6, 10],
  "11-13": [11, 13],
  "14-17": [14, 17],
} as const satisfies Record<string, readonly [number, number]>;
export type AgeBand = keyof typeof AGE_BANDS;

export interface SuggestionInput {
  /** Life-event term codes the person chose (their children match too). */
  lifeEvents: string[];
  /** Children's age bands; empty means "no children / not relevant". */
  ageBands: AgeBand[];
  /** Optional place: services with a place within radiusKm rank higher. */
  near?: { lat: number; lng: number; radiusKm: number } | null;
  limit?: number;
}

export interface Suggestion extends Pick<ServiceCard, "id" | "slug" | "name" | "shortDescription" | "translations" | "free" | "accessMode" | "lastVerifiedAt" | "organizationName" | "categories"> {
  score: number;
  matchedLifeEvents: string[];
  nearby: boolean;
}

/**
 * Ranked suggestions for the orientation path. A service must match one of the chosen life events
 * (when any is chosen) and, when ages are given, have an age range that meets one of the bands (or
 * no age limit). Score: 3 per matched life event, +2 when its age range meets a chosen band
 * (services without an age limit get +1), +1 when it has a place near the person, +1 when it can be
 * reached without a referral. Ties go to the more specific service (fewer other situations), then
 * the most recently verified.
 */
export async function suggestServices(db: Database, input: SuggestionInput): Promise<Suggestion[]> {
  const limit = Math.min(Math.max(1, input.limit ?? 10), 50);
  const events = [...new Set(input.lifeEvents)];
  const bands = [...new Set(input.ageBands)].map((b) => AGE_BANDS[b]).filter(Boolean);

  const eventsJson = JSON.stringify(events);
  const matched = sql`coalesce((
    select array_agg(distinct coalesce(case when t.code in (select jsonb_array_elements_text(${eventsJson}::jsonb)) then t.code end, p.code))
    from service_terms st
    join taxonomy_terms t on t.id = st.term_id
    join taxonomies x on x.id = t.taxonomy_id and x.purpose = 'life_events'
    left join taxonomy_terms p on p.id = t.parent_id
    where st.service_id = s.id
      and (t.code in (select jsonb_array_elements_text(${eventsJson}::jsonb))
        or p.code in (select jsonb_array_elements_text(${eventsJson}::jsonb)))
  ), '{}'::text[])`;

  const bandOverlap: SQL = bands.length
    ? sql.join(
        bands.map(([lo, hi]) => sql`(coalesce(s.minimum_age, 0) <= ${hi} and coalesce(s.maximum_age, 200) >= ${lo})`),
        sql` or `,
      )
    : sql`false`;
  const ageLimited = sql`(s.minimum_age is not null or s.maximum_age is not null)`;
  const ageScore = bands.length ? sql`case when not ${ageLimited} then 1 when ${bandOverlap} then 2 else 0 end` : sql`0`;
  const nearScore = input.near
    ? sql`case when exists (
        select 1 from service_at_locations sal join locations l on l.id = sal.location_id
        where sal.service_id = s.id and l.latitude is not null
          and earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(${input.near.lat}::float8, ${input.near.lng}::float8)) <= ${input.near.radiusKm * 1000}::float8
      ) then 1 else 0 end`
    : sql`0`;

  const conditions: SQL[] = [sql`s.status in ('active', 'temporarily closed')`];
  if (events.length) conditions.push(sql`cardinality(m.matched) > 0`);
  if (bands.length) conditions.push(sql`(not ${ageLimited} or ${bandOverlap})`);

  const result = await db.execute(sql`
    select s.id, s.slug, s.name, s.short_description, s.translations, s.free, s.access_mode,
      s.last_verified_at::text as last_verified_at, o.name as organization_name,
      m.matched, ${nearScore} as near_score,
      3 * cardinality(m.matched) + ${ageScore} + ${nearScore} + case when s.access_mode = 'referral' then 0 else 1 end as score,
      cardinality(m.matched)::float8 / greatest(1, (
        select count(*) from service_terms st join taxonomy_terms t on t.id = st.term_id
        join taxonomies x on x.id = t.taxonomy_id and x.purpose = 'life_events'
        where st.service_id = s.id)) as specificity
    from services s
    join organizations o on o.id = s.organization_id
    cross join lateral (select ${matched} as matched) m
    where ${sql.join(conditions, sql` and `)}
    order by score desc, specificity desc, s.last_verified_at desc nulls last, s.name
    limit ${limit}`);
  const rows = rowsOf(result);
  const categories = await listServiceCategories(db, rows.map((r) => r.id as string));
  return rows.map((r) => ({
    ...cardFieldsOf(r),
    categories: categories.get(r.id as string) ?? [],
    score: Number(r.score),
    matchedLifeEvents: ((r.matched as string[] | null) ?? []).filter(Boolean),
    nearby: Number(r.near_score) > 0,
  }));
}
