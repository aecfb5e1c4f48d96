import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { planSearch, type SearchPlan } from "./search-plan.service.js";

/** A text[] parameter (drizzle expands JS arrays into value lists, so pass one JSON value). */
function textArray(values: string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/** A numeric constant inlined in the SQL text (weights are code, not user input). */
const num = (x: number) => sql.raw(Number(x).toString());

/**
 * Weights of the ranking. Field weights follow the search document (refreshServiceSearch):
 * A name and keywords, B categories, life events, short description and audience, C description,
 * D translated names.
 */
export const RANKING = {
  fieldWeights: "{0.2, 0.2, 0.4, 1.0}",
  /** ts_rank_cd normalisation: 1 divides by 1 + log(document length). */
  normalization: 1,
  /** The user's own words. */
  user: 1.0,
  /** Generic words next to specific ones. */
  generic: 0.25,
  /** Listing vocabulary and taxonomy terms (categories, life events) added by the thesaurus. */
  expansion: 0.6,
  /** An age in the query that fits (or falls outside) the service's age range. */
  age: 0.15,
  /** Trigram similarity of a short query to the name and keywords. */
  trigram: 0.2,
} as const;

/** Most candidates scored per query: the ranking reads each candidate's search document. */
export const DEFAULT_CANDIDATE_LIMIT = 150;

export interface SearchSqlOptions {
  /** A condition on the services row `s` (the caller's filters), applied while choosing candidates. */
  where?: SQL;
  /** At most this many candidates are scored (default DEFAULT_CANDIDATE_LIMIT). */
  candidateLimit?: number;
}

/**
 * A SELECT of (id, score) over services for a planned query. Candidates come from indexes only, in
 * tiers: services whose search document has the user's own specific words (GIN on search_vector),
 * then those with the thesaurus expansions, then those linked to the thesaurus' taxonomy terms
 * (service_terms index), each tier filtered by the caller's `where` and the whole capped at
 * `candidateLimit`; only those candidates are scored, so the cost does not grow with the table.
 * Usable as a CTE inside a caller's larger query:
 *
 *   const ranked = searchServicesSql(plan, { where: sql`s.status = 'active'` });
 *   sql`with ranked as (${ranked}) select … from services s join ranked r on r.id = s.id order by r.score desc`
 */
export function searchServicesSql(plan: SearchPlan, opts: SearchSqlOptions = {}): SQL {
  const none = sql`select null::uuid as id, 0::float8 as score where false`;
  if (plan.empty) return none;
  const limit = num(Math.max(1, Math.floor(opts.candidateLimit ?? DEFAULT_CANDIDATE_LIMIT)));
  const filter = opts.where ? sql` and (${opts.where})` : sql``;
  // Tiers are mutually exclusive and read lazily (UNION ALL under LIMIT): the next one only when
  // the previous ran short. 1: the user's own specific words; 2: thesaurus expansions (or generic
  // words alone); 3: services linked to the thesaurus' taxonomy terms.
  const tiers: SQL[] = [];
  const seen: string[] = [];
  for (const q of [plan.userQuery, plan.candidateQuery, plan.taxonomyQuery]) {
    if (!q || seen.includes(q)) continue;
    const previous = seen.length ? sql` and not (s.search_vector @@ ${seen.join(" | ")}::tsquery)` : sql``;
    tiers.push(sql`select s.id from services s where s.search_vector @@ ${q}::tsquery${previous}${filter}`);
    seen.push(q);
  }
  if (!tiers.length) return none;
  const rank = (query: string, weight: number) =>
    query ? sql` + ts_rank_cd(${sql.raw(`'${RANKING.fieldWeights}'`)}::float4[], s.search_vector, ${query}::tsquery, ${num(RANKING.normalization)}) * ${num(weight)}` : sql``;
  const trigram = plan.trigramText ? sql` + word_similarity(${plan.trigramText}, s.search_text) * ${num(RANKING.trigram)}` : sql``;
  const age = plan.age === null ? sql`` : sql` + (case
      when s.minimum_age is null and s.maximum_age is null then 0
      when ${num(plan.age)} between coalesce(s.minimum_age, 0) and coalesce(s.maximum_age, 200) then ${num(RANKING.age)}
      else ${num(-RANKING.age)} end)`;
  return sql`
    select s.id, (0${rank(plan.userQuery, RANKING.user)}${rank(plan.genericQuery, RANKING.generic)}${rank(plan.expansionQuery, RANKING.expansion)}${age}${trigram})::float8 as score
    from (select c.id from (${sql.join(tiers, sql` union all `)}) c limit ${limit}) h
    join services s on s.id = h.id`;
}

/** The ranking SELECT for a query, or null when the query means nothing we know (no results). */
export async function searchServicesQuery(
  db: Pick<Database, "execute">, query: string, opts: SearchSqlOptions = {},
): Promise<SQL | null> {
  const plan = await planSearch(db, query);
  return plan.empty ? null : searchServicesSql(plan, opts);
}

export interface RankOptions extends SearchSqlOptions {
  /** Only these services (e.g. already filtered by the caller). */
  allowedIds?: string[];
  /** Only services with one of these statuses (default: any status). */
  statuses?: string[];
  limit?: number;
  offset?: number;
}

/**
 * Service ids in relevance order for a free-text query (best first); [] for an empty or meaningless
 * query. Filters (statuses, allowedIds, where) are applied while choosing candidates, so a filtered
 * search on a national directory still finds what matches the filter.
 */
export async function rankServiceIds(
  db: Pick<Database, "execute">, query: string, opts: RankOptions = {},
): Promise<{ id: string; score: number }[]> {
  const plan = await planSearch(db, query);
  if (plan.empty) return [];
  const filters: SQL[] = [];
  if (opts.where) filters.push(opts.where);
  if (opts.statuses) filters.push(sql`s.status = any(${textArray(opts.statuses)})`);
  if (opts.allowedIds) {
    if (!opts.allowedIds.length) return [];
    filters.push(sql`s.id = any(${textArray(opts.allowedIds)}::uuid[])`);
  }
  const where = filters.length ? sql.join(filters, sql` and `) : undefined;
  const result = (await db.execute(sql`
    with ranked as (${searchServicesSql(plan, { where, candidateLimit: opts.candidateLimit })})
    select r.id, r.score from ranked r join services s on s.id = r.id
    order by r.score desc, s.name, s.id
    ${opts.limit ? sql`limit ${num(opts.limit)}` : sql``} ${opts.offset ? sql`offset ${num(opts.offset)}` : sql``}`)) as {
    rows: { id: string; score: number }[];
  };
  return result.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
