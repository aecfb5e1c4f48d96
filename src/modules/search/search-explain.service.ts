import type { Database } from "../../platform/db/client.js";
import { planSearch, type WordReading } from "./search-plan.service.js";

/** How a query was read, for the portal's "Forse cercavi: …" and "Risultati anche per: …". */
export interface SearchExplanation {
  query: string;
  /** The query with typos corrected, when something was corrected ("Forse cercavi"). */
  didYouMean: string | null;
  /** Listing words searched on the user's behalf ("Risultati anche per"). */
  alsoFor: string[];
  corrections: { from: string; to: string; similarity: number }[];
  /** Thesaurus entries the query matched: the everyday term and what it expanded to. */
  matchedEntries: { term: string; expandsTo: string[]; categories: string[]; lifeEvents: string[] }[];
  expandedTerms: string[];
  taxonomyCodes: string[];
  /** Words that matched nothing and were ignored. */
  ignoredWords: string[];
  words: WordReading[];
  /** True when nothing in the query could be searched (the result list is empty). */
  empty: boolean;
}

/** Explains the interpretation of a query (same reading as rankServiceIds, served from its cache). */
export async function explainSearch(db: Pick<Database, "execute">, query: string): Promise<SearchExplanation> {
  const plan = await planSearch(db, query);
  const typed = new Set(plan.words.map((w) => w.word));
  return {
    query,
    didYouMean: plan.correctedQuery,
    alsoFor: plan.expandedTerms.filter((t) => !typed.has(t.toLowerCase())).slice(0, 6),
    corrections: plan.corrections,
    matchedEntries: plan.thesaurus,
    expandedTerms: plan.expandedTerms,
    taxonomyCodes: plan.taxonomyCodes,
    ignoredWords: plan.words.filter((w) => w.status === "unknown").map((w) => w.word),
    words: plan.words,
    empty: plan.empty,
  };
}
