import { z } from "zod";
import raw from "./thesaurus.it.json" with { type: "json" };

/** Curated map from everyday Italian to the directory's vocabulary and taxonomy codes. */
export const thesaurusEntry = z.object({
  terms: z.array(z.string()).min(1),
  expandsTo: z.array(z.string()),
  categories: z.array(z.string()).default([]),
  lifeEvents: z.array(z.string()).default([]),
});
export type ThesaurusEntry = z.infer<typeof thesaurusEntry>;

export const THESAURUS: ThesaurusEntry[] = z.array(thesaurusEntry).parse(raw);

/** Every word the thesaurus knows, added to the typo-correction vocabulary. */
export const THESAURUS_WORDS: string[] = THESAURUS.flatMap((e) => [...e.terms, ...e.expandsTo]);
