import { z } from "zod";
import raw from "./thesaurus.it.json" with { type: "json" };
import genericRaw from "./generic-words.it.json" with { type: "json" };
import { normalizeText } from "./search-normalize.js";

/**
 * Curated map from everyday Italian to the directory's vocabulary and taxonomy codes.
 * `terms` are what people type (words or short phrases; a phrase matches when all of its
 * meaningful words occur in the query, in any order and any inflection); `expandsTo` is listing
 * vocabulary searched on their behalf; `categories` and `lifeEvents` are taxonomy term codes whose
 * services get a boost.
 */
export const thesaurusEntry = z.object({
  terms: z.array(z.string().min(2)).min(1),
  expandsTo: z.array(z.string().min(2)),
  categories: z.array(z.string()).default([]),
  lifeEvents: z.array(z.string()).default([]),
});
export type ThesaurusEntry = z.infer<typeof thesaurusEntry>;

export const THESAURUS: ThesaurusEntry[] = z.array(thesaurusEntry).parse(raw);

/**
 * Words that say "family" or "I need help" but not which help: they rank, but on their own they
 * do not pull services into the results when the query has more specific words.
 */
export const GENERIC_WORDS: string[] = z.array(z.string()).parse(genericRaw);

/** Every word the thesaurus knows, added to the typo-correction vocabulary. */
export const THESAURUS_WORDS: string[] = THESAURUS.flatMap((e) => [...e.terms, ...e.expandsTo]);

/** A thesaurus entry with the Italian stems of its terms and expansions (computed by Postgres). */
export interface CompiledTerm {
  text: string;
  /** Normalised text, for phrases that must occur as typed. */
  phrase: string;
  stems: string[];
  /**
   * A term that stemming reduces to generic words only ("con chi stanno i bambini" → bambin) or
   * to a single stem out of several words ("ho paura di lui" → paur) matches only as a whole phrase.
   */
  literalOnly: boolean;
}

export interface CompiledEntry {
  index: number;
  entry: ThesaurusEntry;
  terms: CompiledTerm[];
  expansions: { text: string; stems: string[] }[];
}

export interface CompiledThesaurus {
  entries: CompiledEntry[];
  /** Every stem that occurs in some entry term: such a query word is known even if no listing has it. */
  termStems: Set<string>;
  genericStems: Set<string>;
}

/** Stemmer signature: normalised texts in, the lexemes of each text (in order) out. */
export type StemTexts = (texts: string[]) => Promise<string[][]>;

/** Builds the stemmed form of the thesaurus once; `stem` is Postgres' italian configuration. */
export async function compileThesaurus(
  entries: ThesaurusEntry[], generic: string[], stem: StemTexts,
): Promise<CompiledThesaurus> {
  const texts = new Set<string>();
  for (const e of entries) for (const t of [...e.terms, ...e.expandsTo]) texts.add(normalizeText(t));
  for (const g of generic) texts.add(normalizeText(g));
  const list = [...texts];
  const stems = await stem(list);
  const byText = new Map(list.map((t, i) => [t, stems[i] ?? []]));
  const genericStems = new Set(generic.flatMap((g) => byText.get(normalizeText(g)) ?? []));
  const lookup = (t: string) => ({ text: t, stems: byText.get(normalizeText(t)) ?? [] });
  const compileTerm = (t: string): CompiledTerm => {
    const phrase = normalizeText(t);
    const stemsOf = [...new Set(byText.get(phrase) ?? [])];
    const words = phrase.split(" ").length;
    const literalOnly = stemsOf.every((s) => genericStems.has(s)) || (words > 1 && stemsOf.length < 2);
    return { text: t, phrase, stems: stemsOf, literalOnly };
  };
  const compiled = entries.map((entry, index) => ({
    index,
    entry,
    terms: entry.terms.map(compileTerm).filter((t) => t.stems.length > 0 || t.phrase.length > 0),
    expansions: entry.expandsTo.map(lookup).filter((t) => t.stems.length > 0),
  }));
  return {
    entries: compiled,
    termStems: new Set(compiled.flatMap((e) => e.terms.filter((t) => !t.literalOnly).flatMap((t) => t.stems))),
    genericStems,
  };
}

export interface ThesaurusMatch {
  entry: CompiledEntry;
  /** The entry term that matched (the most specific one when several do). */
  term: string;
  /** How much evidence the term is: its number of distinct stems (a phrase counts more than a word). */
  size: number;
  stems: string[];
}

/**
 * Entries with a term whose stems all occur in the query, in any order and inflection ("riesce a
 * leggere" matches "non riesce più a leggere bene"); literal-only terms must occur as a phrase in
 * the normalised query.
 */
export function matchThesaurus(thesaurus: CompiledThesaurus, queryStems: Set<string>, normalizedQuery = ""): ThesaurusMatch[] {
  const padded = ` ${normalizedQuery} `;
  const matches: ThesaurusMatch[] = [];
  for (const entry of thesaurus.entries) {
    let best: CompiledTerm | null = null;
    for (const term of entry.terms) {
      const hit = term.literalOnly
        ? padded.includes(` ${term.phrase} `)
        : term.stems.every((s) => queryStems.has(s));
      if (hit && (!best || weightOf(term) > weightOf(best))) best = term;
    }
    if (best) matches.push({ entry, term: best.text, size: weightOf(best), stems: best.stems });
  }
  // The longest reading wins: a single word that is part of a matched phrase of another entry
  // ("gioca" in "gioca alla play") does not also pull in its own entry (play spaces).
  return matches.filter((m) => !matches.some((o) => o !== m && o.stems.length > m.stems.length && m.stems.every((s) => o.stems.includes(s))));
}

/** Evidence of a matched term: a phrase counts more than a word, a generic word ("padre") less. */
function weightOf(t: CompiledTerm): number {
  if (!t.literalOnly) return Math.max(t.stems.length, 1);
  if (t.phrase.includes(" ")) return Math.max(t.stems.length, 2);
  return 0.5;
}
