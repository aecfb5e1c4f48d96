import { describe, expect, it } from "vitest";
import { compileThesaurus, matchThesaurus, THESAURUS, type ThesaurusEntry } from "./thesaurus.js";

// A toy stemmer standing in for Postgres' italian snowball: drops stop words, cuts the endings.
const STOP = new Set(["a", "ci", "il", "la", "mio", "non", "di", "ha", "con", "chi", "stanno", "i", "mi"]);
const toyStem = async (texts: string[]) =>
  texts.map((t) => t.split(" ").filter((w) => w && !STOP.has(w)).map((w) => w.replace(/(azione|ando|ati|ere|e|i|o|a)$/, "")));

const entries: ThesaurusEntry[] = [
  { terms: ["separazione", "ci stiamo separando"], expandsTo: ["mediazione familiare"], categories: ["mediazione"], lifeEvents: ["separazione"] },
  { terms: ["non riesce a leggere", "dislessia"], expandsTo: ["DSA", "disturbi specifici dell'apprendimento"], categories: [], lifeEvents: ["difficolta-scuola"] },
  { terms: ["leggere"], expandsTo: ["biblioteca"], categories: [], lifeEvents: [] },
];

describe("compileThesaurus and matchThesaurus", () => {
  it("matches inflected words through their stems", async () => {
    const t = await compileThesaurus(entries, [], toyStem);
    const stems = new Set((await toyStem(["separati"]))[0]);
    expect(matchThesaurus(t, stems).map((m) => m.entry.index)).toEqual([0]);
  });

  it("matches a phrase in any order with other words around it; the longest reading wins", async () => {
    const t = await compileThesaurus(entries, [], toyStem);
    const stems = new Set((await toyStem(["leggere bene non riesce mio figlio"]))[0]);
    const matches = matchThesaurus(t, stems);
    // "leggere" alone (entry 2) is part of the matched phrase "non riesce a leggere" (entry 1).
    expect(matches.map((m) => m.entry.index)).toEqual([1]);
    expect(matches[0]!.size).toBe(2);
    expect(matchThesaurus(t, new Set((await toyStem(["leggere storie"]))[0])).map((m) => m.entry.index)).toEqual([2]);
  });

  it("does not match a phrase when one of its words is missing", async () => {
    const t = await compileThesaurus(entries, [], toyStem);
    expect(matchThesaurus(t, new Set(["riesc"]))).toEqual([]);
  });

  it("matches terms made only of generic or stop words as whole phrases only", async () => {
    const t = await compileThesaurus(
      [{ terms: ["con chi stanno i bambini", "mi picchia"], expandsTo: ["accordi sui figli"], categories: [], lifeEvents: [] }],
      ["bambini"], toyStem,
    );
    expect(t.entries[0]!.terms.every((x) => x.literalOnly)).toBe(true);
    const read = async (q: string) => matchThesaurus(t, new Set((await toyStem([q]))[0]), q).length;
    expect(await read("i bambini stanno bene")).toBe(0);
    expect(await read("picchia")).toBe(0);
    expect(await read("con chi stanno i bambini dopo la separazione")).toBe(1);
    expect(await read("mio marito mi picchia")).toBe(1);
  });

  it("weighs a phrase more than a word and a generic word less", async () => {
    const t = await compileThesaurus([
      { terms: ["leggere"], expandsTo: ["biblioteca"], categories: [], lifeEvents: [] },
      { terms: ["non riesce a leggere"], expandsTo: ["dsa"], categories: [], lifeEvents: [] },
      { terms: ["bambini"], expandsTo: ["spazio gioco"], categories: [], lifeEvents: [] },
    ], ["bambini"], toyStem);
    const q = "i bambini non riesce a leggere";
    const sizes = matchThesaurus(t, new Set((await toyStem([q]))[0]), q).map((m) => m.size);
    expect(sizes).toEqual([2, 0.5]);
  });

  it("knows the stems of generic words and of every term", async () => {
    const t = await compileThesaurus(entries, ["figlio", "aiuto"], toyStem);
    expect(t.genericStems.has("figli")).toBe(true);
    expect(t.termStems.has("dislessi")).toBe(true);
  });
});

describe("the curated thesaurus", () => {
  it("validates and every entry leads somewhere", () => {
    expect(THESAURUS.length).toBeGreaterThan(0);
    for (const e of THESAURUS) expect(e.expandsTo.length + e.categories.length + e.lifeEvents.length).toBeGreaterThan(0);
  });

  it("has no duplicate everyday term across entries", () => {
    const seen = new Map<string, number>();
    THESAURUS.forEach((e, i) => e.terms.forEach((t) => {
      const k = t.toLowerCase();
      expect(seen.has(k), `"${t}" in entries ${seen.get(k)} and ${i}`).toBe(false);
      seen.set(k, i);
    }));
  });

});

