import { sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import type { Translations } from "./directory.tables.js";

type Row = Record<string, unknown>;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Second-level categories of a service taxonomy with how many active services each has. */
export async function listTopCategories(db: Database, taxonomyId: string | null) {
  if (!taxonomyId) return [];
  const result = await db.execute(sql`
    select t.id, t.code, t.name, t.translations, count(distinct s.id)::int as service_count
    from taxonomy_terms t
    join taxonomy_terms parent on parent.id = t.parent_id
    left join service_terms st on st.term_id = t.id
    left join services s on s.id = st.service_id and s.status = 'active'
    where t.taxonomy_id = ${taxonomyId}
    group by t.id, t.code, t.name, t.translations, t.position
    having count(distinct s.id) > 0
    order by t.position`);
  return rowsOf<Row>(result).map((r) => ({
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    translations: r.translations as Translations,
    serviceCount: r.service_count as number,
  }));
}
