/**
 * Pure text normalisation shared by the query path and the thesaurus compiler. It mirrors what the
 * index does in SQL (`lower(immutable_unaccent(text))` then the `italian` text-search configuration),
 * so that a word typed without accents, in capitals or glued to an apostrophe meets the same form.
 */

const APOSTROPHES = /['’‘`´ʼ]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
/** Combining accents of Latin letters only (Arabic hamza and vowel marks are part of the word). */
const DIACRITICS = /[\u0300-\u036f]/g;

/** Lower-case, accents stripped, apostrophes and punctuation turned into spaces, spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(DIACRITICS, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(APOSTROPHES, " ")
    .replace(NOT_WORD, " ")
    .trim()
    .replace(/\s+/g, " ");
}

/** Longest query we look at: a worried parent may write a paragraph; the first words carry it. */
export const MAX_QUERY_TOKENS = 24;

/**
 * Words of a query, normalised, single letters dropped ("l'alzheimer" → ["alzheimer"]), duplicates
 * removed, capped at MAX_QUERY_TOKENS. Stop words are left to Postgres' italian configuration.
 */
export function tokenizeQuery(query: string): string[] {
  const seen = new Set<string>();
  for (const word of normalizeText(query.slice(0, 500)).split(" ")) {
    if (word.length < 2 || seen.has(word)) continue;
    seen.add(word);
    if (seen.size >= MAX_QUERY_TOKENS) break;
  }
  return [...seen];
}

/** A lexeme quoted for a tsquery literal (normalised words never hold quotes, but be safe). */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/'/g, "''").replace(/\\/g, "\\\\")}'`;
}

/** OR of alternatives, each an AND of lexemes: [["mediazion","familiar"],["separ"]] → ('mediazion' & 'familiar') | 'separ'. */
export function buildTsquery(groups: string[][]): string {
  const parts = [...new Set(groups.filter((g) => g.length > 0).map((g) => {
    const lexemes = [...new Set(g)].map(quoteLexeme);
    return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(" & ")})`;
  }))];
  return parts.join(" | ");
}

/** Replaces corrected words in the user's own text, keeping the rest as typed ("Forse cercavi"). */
export function applyCorrections(query: string, corrections: { from: string; to: string }[]): string {
  if (!corrections.length) return query;
  const byWord = new Map(corrections.map((c) => [c.from, c.to]));
  return query.replace(/[\p{L}\p{N}\p{M}]+/gu, (word) => byWord.get(normalizeText(word)) ?? word);
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1, uno: 1, una: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10,
  undici: 11, dodici: 12, tredici: 13, quattordici: 14, quindici: 15, sedici: 16, diciassette: 17, diciotto: 18,
};
const AGE = /(?:^| )(\d{1,3}|un|uno|una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto) (anni|anno|mesi|mese|settimane|giorni)(?= |$)/;

/**
 * An age stated in the query ("mio figlio di 15 anni", "ha tre anni", "un bimbo di 8 mesi"), in
 * whole years, and the query without it: the age ranks services whose age range fits it.
 */
export function extractAge(query: string): { age: number | null; rest: string } {
  const text = normalizeText(query);
  const m = AGE.exec(text);
  if (!m) return { age: null, rest: query };
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!]!;
  const unit = m[2]!;
  const age = unit.startsWith("ann") ? n : unit.startsWith("mes") ? Math.floor(n / 12) : 0;
  if (age > 120) return { age: null, rest: query };
  return { age, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, " ").trim() };
}

/**
 * The lexeme under which the search document carries a linked taxonomy term: "tx" and the code
 * without punctuation ("evento-separazione" → "txeventoseparazione"). Must match the expression in
 * refreshServiceSearch (src/modules/directory/directory.service.ts).
 */
export function taxonomyLexeme(code: string): string {
  return `tx${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}
