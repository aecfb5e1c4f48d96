import { sql } from "drizzle-orm";
import type { Database } from "../src/platform/db/client.js";
import { refreshServiceSearch, rebuildSearchLexicon } from "../src/modules/directory/index.js";
import { THESAURUS_WORDS } from "../src/modules/search/index.js";

/**
 * Grows the demo directory to national scale: `organizations` partner organisations each with one
 * location somewhere in Italy, and `services` listings cloned from the demo services (text,
 * categories, schedules) with their own ids, names and places. All in set-based SQL.
 */
export async function growNationalDirectory(db: Database, opts: { organizations: number; services: number }) {
  const { organizations: orgCount, services: serviceCount } = opts;
  await db.execute(sql`
    insert into organizations (id, network_id, slug, kind, partner_kind, name, description, email)
    select gen_random_uuid(), null, 'bench-org-' || g, 'partner', 'third_sector',
           'Organizzazione ' || g || ' APS', 'Ente del terzo settore per le famiglie del territorio.', 'info' || g || '@bench.example.org'
    from generate_series(1, ${orgCount}) g`);
  await db.execute(sql`
    insert into locations (id, organization_id, slug, name, address, city, latitude, longitude)
    select gen_random_uuid(), o.id, 'bench-loc-' || o.slug, 'Sede ' || o.name, 'Via Roma ' || (row_number() over ()),
           'Comune ' || (row_number() over () % 7900), 37.0 + random() * 9.5, 7.5 + random() * 11.0
    from organizations o where o.slug like 'bench-org-%'`);
  // Template services (the demo listings) numbered 0..n-1.
  await db.execute(sql`create temporary table bench_tpl as select row_number() over (order by slug) - 1 as n, s.* from services s where slug not like 'bench-%'`);
  await db.execute(sql`create temporary table bench_loc as select row_number() over (order by slug) - 1 as n, id, organization_id from locations where slug like 'bench-loc-%'`);
  await db.execute(sql`
    create temporary table bench_map as
    select g, gen_random_uuid() as id, (g % (select count(*) from bench_tpl)) as tpl_n, (g % ${orgCount}) as loc_n
    from generate_series(1, ${serviceCount}) g`);
  await db.execute(sql`
    insert into services (id, organization_id, slug, name, short_description, description, status, audience, how_to, outcome, timing,
      conditions, minimum_age, maximum_age, free, cost_cents, fees_description, access_mode, referral_from, keywords, languages,
      accessibility, translations, last_verified_at, last_modified)
    select m.id, l.organization_id, 'bench-' || m.g, t.name || ' – sede ' || m.loc_n, t.short_description, t.description, t.status,
      t.audience, t.how_to, t.outcome, t.timing, t.conditions, t.minimum_age, t.maximum_age, t.free, t.cost_cents, t.fees_description,
      t.access_mode, t.referral_from, t.keywords, t.languages, t.accessibility, t.translations, t.last_verified_at,
      now() - (random() * interval '400 days')
    from bench_map m join bench_tpl t on t.n = m.tpl_n join bench_loc l on l.n = m.loc_n`);
  await db.execute(sql`
    insert into service_at_locations (id, service_id, location_id)
    select gen_random_uuid(), m.id, l.id from bench_map m join bench_loc l on l.n = m.loc_n`);
  await db.execute(sql`
    insert into service_terms (id, service_id, term_id)
    select gen_random_uuid(), m.id, st.term_id from bench_map m join bench_tpl t on t.n = m.tpl_n join service_terms st on st.service_id = t.id`);
  await db.execute(sql`
    insert into schedules (id, service_id, freq, byday, opens_at, closes_at, description)
    select gen_random_uuid(), m.id, sc.freq, sc.byday, sc.opens_at, sc.closes_at, sc.description
    from bench_map m join bench_tpl t on t.n = m.tpl_n join schedules sc on sc.service_id = t.id`);
  await db.execute(sql`
    insert into contacts (id, service_id, name, email)
    select gen_random_uuid(), m.id, 'Segreteria', 'servizio' || m.g || '@bench.example.org' from bench_map m`);
  await refreshServiceSearch(db, null);
  await rebuildSearchLexicon(db, THESAURUS_WORDS);
  await db.execute(sql`drop table bench_tpl; `);
  await db.execute(sql`drop table bench_loc`);
  await db.execute(sql`drop table bench_map`);
  await db.execute(sql`analyze`);
}
