import { sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import {
  compileThesaurus, GENERIC_WORDS, matchThesaurus, THESAURUS, type CompiledThesaurus, type StemTexts,
} from "./thesaurus.js";
import { applyCorrections, buildTsquery, extractAge, normalizeText, quoteLexeme, taxonomyLexeme, tokenizeQuery } from "./search-normalize.js";

/** What the search understood of one word of the query. */
export interface WordReading {
  word: string;
  stems: string[];
  /** stopword: dropped by the italian configuration; known: in the directory or thesaurus;
   *  corrected: replaced by a near word of the vocabulary; prefix: searched as a word start; unknown: ignored. */
  status: "stopword" | "known" | "corrected" | "prefix" | "unknown";
  generic: boolean;
  correction?: { word: string; similarity: number };
}

/** The interpretation of a query, from which the ranking SQL and the "did you mean" hints are built. */
export interface SearchPlan {
  query: string;
  normalized: string;
  words: WordReading[];
  corrections: { from: string; to: string; similarity: number }[];
  /** The query with corrections applied, when something was corrected ("Forse cercavi"). */
  correctedQuery: string | null;
  thesaurus: { term: string; expandsTo: string[]; categories: string[]; lifeEvents: string[] }[];
  /** Listing vocabulary searched on the user's behalf ("Risultati anche per"). */
  expandedTerms: string[];
  taxonomyCodes: string[];
  /** Evidence for each taxonomy code: the sizes of the thesaurus terms that pointed to it, summed. */
  taxonomyWeights: Record<string, number>;
  /** The taxonomy codes as lexemes of the search document ("tx…", see taxonomyLexeme), OR-ed. */
  taxonomyQuery: string;
  /** tsquery texts (lexemes are already stemmed: cast with ::tsquery, never re-parse). */
  userQuery: string;
  /** Generic words ("figlio", "aiuto") when the query also has specific ones: they weigh less. */
  genericQuery: string;
  /** Thesaurus listing words and taxonomy lexemes. */
  expansionQuery: string;
  /** What brings a service into the candidates: specific words, corrections, prefixes, expansions. */
  candidateQuery: string;
  /** An age stated in the query, in years: services whose age range fits it rank higher. */
  age: number | null;
  /** Short queries also get a trigram boost on the service's name and keywords. */
  trigramText: string | null;
  empty: boolean;
}

/** Minimal trigram similarity for a correction to be trusted. */
export const CORRECTION_MIN_SIMILARITY = 0.45;
const PLAN_CACHE_SIZE = 2000;
const PLAN_CACHE_TTL_MS = 5 * 60_000;

type Db = Pick<Database, "execute">;
type Rows<T> = { rows: T[] };

/** Postgres' italian stems of normalised texts, in word order. */
function stemWith(db: Db): StemTexts {
  return async (texts) => {
    if (!texts.length) return [];
    const result = (await db.execute(sql`
      select t.i::int as i, coalesce((
        select array_agg(l.lexeme order by l.positions[1]) from unnest(to_tsvector('italian', t.txt)) l
      ), '{}') as stems
      from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) with ordinality as t(txt, i)`)) as Rows<{ i: number; stems: string[] }>;
    const out: string[][] = texts.map(() => []);
    for (const r of result.rows) out[r.i - 1] = r.stems;
    return out;
  };
}

let compiled: Promise<CompiledThesaurus> | null = null;

/** The stemmed thesaurus, compiled once per process (the stems depend only on the italian snowball stemmer). */
export function loadCompiledThesaurus(db: Db): Promise<CompiledThesaurus> {
  if (!compiled) {
    compiled = compileThesaurus(THESAURUS, GENERIC_WORDS, stemWith(db));
    compiled.catch(() => { compiled = null; });
  }
  return compiled;
}

interface WordRow {
  word: string;
  stems: string[];
  in_lexicon: boolean;
  indexed: boolean | null;
  /** The word as typed is a lexeme of some document (translated names are indexed unstemmed). */
  raw_indexed: boolean | null;
  prefix_hit: boolean | null;
  suggestions: { word: string; sim: number; freq: number; stems: string[] }[] | null;
}

/**
 * One round trip reads every word: its italian stems (empty for stop words), whether the
 * directory's vocabulary (search_lexicon, rebuilt with the directory) has it, and for the others
 * whether some vocabulary word shares its stem (an inflection), whether the word as typed is a
 * lexeme (translations are indexed without stemming), whether its stem starts some lexeme, and
 * the nearest vocabulary words by trigram similarity (GIN trigram index on search_lexicon.word).
 * Index lookups on the vocabulary only: the services are not read.
 */
async function readWords(db: Db, tokens: string[]): Promise<WordRow[]> {
  const result = (await db.execute(sql`
    with tok as (
      select t.word, t.pos from jsonb_array_elements_text(${JSON.stringify(tokens)}::jsonb) with ordinality as t(word, pos)
    ), st as (
      select tok.word, tok.pos,
        coalesce((select array_agg(l.lexeme) from unnest(to_tsvector('italian', tok.word)) l), '{}') as stems,
        exists(select 1 from search_lexicon x where x.word = tok.word) as in_lexicon
      from tok
    )
    select st.word, st.stems, st.in_lexicon,
      case when not st.in_lexicon and cardinality(st.stems) > 0 then exists(
        select 1 from search_lexicon x where x.stem = any(st.stems)) end as indexed,
      case when cardinality(st.stems) > 0 and not (st.word = any(st.stems)) then exists(
        select 1 from search_lexicon x where x.stem = st.word) end as raw_indexed,
      case when not st.in_lexicon and cardinality(st.stems) > 0 and length(st.stems[1]) >= 4 then exists(
        select 1 from search_lexicon x where x.stem ~>=~ st.stems[1] and x.stem ~<~ (st.stems[1] || chr(1114111))) end as prefix_hit,
      case when not st.in_lexicon and cardinality(st.stems) > 0 and length(st.word) >= 4 then (
        select json_agg(json_build_object('word', c.word, 'sim', c.sim, 'freq', c.frequency, 'stems', coalesce(
          (select array_agg(l.lexeme) from unnest(to_tsvector('italian', c.word)) l), '{}')) order by c.sim desc, c.frequency desc)
        from (
          select x.word, similarity(x.word, st.word) as sim, x.frequency from search_lexicon x
          where x.word % st.word and x.frequency > 0 and abs(length(x.word) - length(st.word)) <= 3
          order by sim desc, x.frequency desc limit 3
        ) c) end as suggestions
    from st order by st.pos`)) as unknown as Rows<WordRow>;
  return result.rows;
}

/** Builds the interpretation of a query (pure given the word readings and the thesaurus). */
export function interpretQuery(query: string, rows: WordRow[], thesaurus: CompiledThesaurus, age: number | null = null): SearchPlan {
  const words: WordReading[] = [];
  const corrections: SearchPlan["corrections"] = [];
  const strong: string[][] = [];
  const weak: string[][] = [];
  const prefixes: string[] = [];
  const stemSet = new Set<string>();
  for (const row of rows) {
    const stems = row.stems ?? [];
    const generic = stems.length > 0 && stems.every((s) => thesaurus.genericStems.has(s));
    const reading: WordReading = { word: row.word, stems, status: "known", generic };
    if (!stems.length) reading.status = "stopword";
    else if (row.in_lexicon || row.indexed || row.raw_indexed || stems.some((s) => thesaurus.termStems.has(s))) {
      reading.status = "known";
      // A foreign word ("mothers") matches the translations, which are indexed as typed.
      if (row.raw_indexed) reading.stems = [...stems, row.word];
    }
    else {
      const best = (row.suggestions ?? []).find((s) => s.sim >= CORRECTION_MIN_SIMILARITY && s.stems.length > 0);
      if (best) {
        reading.status = "corrected";
        reading.correction = { word: best.word, similarity: Number(best.sim) };
        reading.stems = best.stems;
        reading.generic = best.stems.every((s) => thesaurus.genericStems.has(s));
        corrections.push({ from: row.word, to: best.word, similarity: Number(best.sim) });
      } else if (row.prefix_hit) {
        reading.status = "prefix";
        prefixes.push(stems[0]!);
      } else reading.status = "unknown";
    }
    if (reading.status === "known" || reading.status === "corrected") {
      for (const s of reading.stems) stemSet.add(s);
      (reading.generic ? weak : strong).push(...reading.stems.map((s) => [s]));
    }
    words.push(reading);
  }

  const normalized = normalizeText(query);
  const correctedText = corrections.length ? normalizeText(applyCorrections(query, corrections)) : normalized;
  const matches = matchThesaurus(thesaurus, stemSet, correctedText);
  const expansions = new Map<string, string[]>();
  const weakExpansions = new Map<string, string[]>();
  const codeWeights: Record<string, number> = {};
  for (const m of matches) {
    // A generic word that matched ("padre") widens the search only a little.
    for (const e of m.entry.expansions) (m.size >= 1 ? expansions : weakExpansions).set(e.text, e.stems);
    for (const c of new Set([...m.entry.entry.categories, ...m.entry.entry.lifeEvents])) codeWeights[c] = (codeWeights[c] ?? 0) + m.size;
  }
  for (const k of expansions.keys()) weakExpansions.delete(k);
  const expansionGroups = [...expansions.values()];
  const prefixQuery = prefixes.map((p) => `${quoteLexeme(p)}:*`).join(" | ");
  // Generic words rank on their own only when the query has nothing more specific.
  const strongQuery = [buildTsquery(strong), prefixQuery].filter(Boolean).join(" | ");
  const userQuery = strongQuery || buildTsquery(weak);
  // Taxonomy codes reached only through a generic word ("padre") rank with the generic words.
  const weakCodes = Object.keys(codeWeights).filter((c) => codeWeights[c]! < 1).map((c) => [taxonomyLexeme(c)]);
  const strongCodes = Object.keys(codeWeights).filter((c) => codeWeights[c]! >= 1).map((c) => [taxonomyLexeme(c)]);
  const genericQuery = buildTsquery([...(strongQuery ? weak : []), ...weakExpansions.values(), ...weakCodes]);
  const textExpansions = buildTsquery(expansionGroups);
  // The thesaurus' taxonomy codes rank together with its listing words (one pass over the document).
  const expansionQuery = buildTsquery([...expansionGroups, ...strongCodes]);
  const strongCandidates = [buildTsquery(strong), prefixQuery, textExpansions].filter(Boolean).join(" | ");
  const candidateQuery = strongCandidates || buildTsquery(weak);
  const meaningful = words.filter((w) => w.status !== "stopword" && w.status !== "unknown");
  const taxonomyCodes = Object.keys(codeWeights);
  return {
    query,
    normalized,
    words,
    corrections,
    correctedQuery: corrections.length ? applyCorrections(query, corrections) : null,
    thesaurus: matches.map((m) => ({
      term: m.term, expandsTo: m.entry.entry.expandsTo, categories: m.entry.entry.categories, lifeEvents: m.entry.entry.lifeEvents,
    })),
    expandedTerms: [...expansions.keys()],
    taxonomyCodes,
    taxonomyWeights: codeWeights,
    taxonomyQuery: buildTsquery(strongCodes),
    userQuery,
    genericQuery,
    expansionQuery,
    candidateQuery,
    age,
    trigramText: meaningful.length > 0 && meaningful.length <= 3 ? meaningful.map((w) => w.correction?.word ?? w.word).join(" ") : null,
    empty: !candidateQuery && strongCodes.length === 0,
  };
}

const planCaches = new WeakMap<object, Map<string, { plan: SearchPlan; at: number }>>();
/** Reads a query (cached per database for a few minutes: the vocabulary changes slowly). */
export async function planSearch(db: Db, query: string): Promise<SearchPlan> {
  const { age, rest } = extractAge(query);
  const tokens = tokenizeQuery(rest);
  const key = `${tokens.join(" ")}|${age ?? ""}`;
  let cache = planCaches.get(db);
  if (!cache) planCaches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < PLAN_CACHE_TTL_MS) {
    return { ...hit.plan, query, correctedQuery: hit.plan.corrections.length ? applyCorrections(query, hit.plan.corrections) : null };
  }
  const thesaurus = await loadCompiledThesaurus(db);
  const rows = tokens.length ? await readWords(db, tokens) : [];
  const plan = interpretQuery(query, rows, thesaurus, age);
  if (cache.size >= PLAN_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, { plan, at: Date.now() });
  return plan;
}

/** Forgets the cached query readings of a database (after its vocabulary is rebuilt, or in tests). */
export function clearSearchCache(db: Db): void {
  planCaches.delete(db);
}
