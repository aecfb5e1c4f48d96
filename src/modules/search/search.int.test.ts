import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { explainSearch, rankServiceIds, searchServicesQuery } from "./index.js";
import { evaluateSearch, readEvalSet } from "./search-eval.js";
import { loadCompiledThesaurus } from "./search-plan.service.js";

let t: TestDb;
let slugById: Map<string, string>;

beforeAll(async () => {
  t = await createTestDb("demo");
  const rows = (await t.db.execute(sql`select id, slug from services`)) as { rows: { id: string; slug: string }[] };
  slugById = new Map(rows.rows.map((r) => [r.id, r.slug]));
});
afterAll(async () => { await t?.close(); });

async function topSlugs(query: string, n = 3): Promise<string[]> {
  const ranked = await rankServiceIds(t.db, query);
  return ranked.slice(0, n).map((r) => slugById.get(r.id)!);
}

describe("search quality on everyday questions (the quality gate)", () => {
  it("puts a right service in the top 3 for at least 9 of 10 everyday queries", async () => {
    const summary = await evaluateSearch(t.db, readEvalSet("everyday"));
    const misses = summary.results.filter((r) => !r.hitAt3).map((r) => `${r.q} → ${r.top.join(", ")}`);
    expect(summary.queries).toBeGreaterThanOrEqual(50);
    expect(summary.hitAt3, `misses:\n${misses.join("\n")}`).toBeGreaterThanOrEqual(0.9);
    expect(summary.mrr).toBeGreaterThanOrEqual(0.75);
  });
});

describe("the curated thesaurus, stemmed by Postgres", () => {
  it("has no term made only of stop words and no entry reachable only through generic words", async () => {
    const thesaurus = await loadCompiledThesaurus(t.db);
    for (const entry of thesaurus.entries) {
      for (const term of entry.terms) expect(term.stems.length, `"${term.text}" is only stop words`).toBeGreaterThan(0);
      const specific = entry.terms.filter((x) => x.stems.some((s) => !thesaurus.genericStems.has(s)));
      expect(specific.length, `entry ${entry.index} (${entry.entry.terms[0]})`).toBeGreaterThan(0);
    }
  });

  it("points only to taxonomy codes that exist", async () => {
    const rows = (await t.db.execute(sql`select code from taxonomy_terms`)) as { rows: { code: string }[] };
    const codes = new Set(rows.rows.map((r) => r.code));
    const thesaurus = await loadCompiledThesaurus(t.db);
    for (const { entry } of thesaurus.entries) for (const c of [...entry.categories, ...entry.lifeEvents]) expect(codes.has(c), c).toBe(true);
  });
});

describe("query understanding", () => {
  it("ignores accents and capitals: perche = perché = PERCHÉ", async () => {
    const a = await rankServiceIds(t.db, "perche mio figlio è triste");
    const b = await rankServiceIds(t.db, "PERCHÉ mio figlio e triste");
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
    expect(a.length).toBeGreaterThan(0);
  });

  it("finds separation services from inflected forms", async () => {
    for (const q of ["ci stiamo separando", "siamo separati", "separazione"]) {
      const top = await topSlugs(q);
      expect(top.some((s) => ["lucca-mediazione-familiare", "lucca-orientamento-legale-separazione", "lucca-gruppo-genitori-separati"].includes(s)), `${q}: ${top}`).toBe(true);
    }
  });

  it("tells an inflection from a typo through the stems of the vocabulary", async () => {
    const inflected = await explainSearch(t.db, "ci separiamo");
    expect(inflected.words.find((w) => w.word === "separiamo")).toMatchObject({ status: "known", stems: ["separ"] });
    expect(inflected.didYouMean).toBeNull();
    const english = await explainSearch(t.db, "mediation");
    expect(english.words[0]!.status).toBe("known");
    expect(english.didYouMean).toBeNull();
  });

  it("corrects typos against the directory's vocabulary and says so", async () => {
    const separation = await topSlugs("separazzione");
    expect(separation.some((s) => ["lucca-mediazione-familiare", "lucca-orientamento-legale-separazione", "lucca-gruppo-genitori-separati"].includes(s)), String(separation)).toBe(true);
    const dyslexia = await topSlugs("dislesia");
    expect(dyslexia.some((s) => ["dsa-sportello-famiglie", "lucca-doposcuola-dsa", "dsa-laboratori-strumenti"].includes(s)), String(dyslexia)).toBe(true);
    const explained = await explainSearch(t.db, "dislesia");
    expect(explained.didYouMean).toBe("dislessia");
    expect(explained.corrections[0]).toMatchObject({ from: "dislesia", to: "dislessia" });
  });

  it("expands everyday words through the thesaurus to caregiver and dementia services", async () => {
    const top = await topSlugs("mia madre ha l'alzheimer");
    expect(top).toContain("radici-caffe-alzheimer");
    expect(top.some((s) => ["radici-corso-caregiver-demenza", "capannori-sportello-caregiver", "altopascio-gruppo-caregiver"].includes(s))).toBe(true);
    const explained = await explainSearch(t.db, "non riesce a leggere");
    expect(explained.taxonomyCodes).toContain("evento-difficolta-apprendimento");
    expect(explained.alsoFor.length).toBeGreaterThan(0);
  });

  it("uses an age in the query to prefer services for that age", async () => {
    const top = await topSlugs("mio figlio di 15 anni si annoia");
    expect(top[0]).toBe("altopascio-spazio-giovani-binario");
  });

  it("returns nothing for an empty or meaningless query", async () => {
    for (const q of ["", "   ", "?!", "xqzwv kjhgt", "il la di per"]) {
      expect(await rankServiceIds(t.db, q), q).toEqual([]);
      expect(await searchServicesQuery(t.db, q), q).toBeNull();
    }
    expect((await explainSearch(t.db, "xqzwv")).empty).toBe(true);
  });

  it("never fails on odd input", async () => {
    const odd = ["l'\\'\"; drop table services; --", "😀 👶🏽 bimbo", "a".repeat(5000), "(separazione & | ! :* )", "وساطة الأسرية", "0-3 anni", "٣ سنوات"];
    for (const q of odd) {
      await expect(rankServiceIds(t.db, q), q).resolves.toBeInstanceOf(Array);
      await expect(explainSearch(t.db, q), q).resolves.toHaveProperty("query", q);
    }
    const emoji = await topSlugs("👶🏽 allattamento!!!");
    expect(emoji.length).toBeGreaterThan(0);
  });

  it("composes inside a caller's SQL with its own filters and pagination", async () => {
    const ranked = await searchServicesQuery(t.db, "allattamento");
    const rows = (await t.db.execute(sql`
      with ranked as (${ranked!})
      select s.slug from services s join ranked r on r.id = s.id
      where s.free and s.status = 'active' order by r.score desc limit 2`)) as { rows: { slug: string }[] };
    expect(rows.rows.length).toBe(2);
    expect(rows.rows.map((r) => r.slug)).toContain("capannori-gruppo-allattamento");
  });

  it("restricts ranking to allowed ids and statuses", async () => {
    const all = await rankServiceIds(t.db, "compiti");
    const allowed = all.slice(1, 3).map((r) => r.id);
    const only = await rankServiceIds(t.db, "compiti", { allowedIds: allowed });
    expect(only.map((r) => r.id).sort()).toEqual([...allowed].sort());
    expect(await rankServiceIds(t.db, "compiti", { allowedIds: [] })).toEqual([]);
    const closed = await rankServiceIds(t.db, "grest", { statuses: ["temporarily closed"] });
    expect(closed.map((r) => slugById.get(r.id))).toContain("caritas-grest-estivo");
  });
});
