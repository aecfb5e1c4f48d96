import { describe, expect, it } from "vitest";
import { applyCorrections, buildTsquery, extractAge, normalizeText, taxonomyLexeme, tokenizeQuery } from "./search-normalize.js";

describe("normalizeText", () => {
  it("lower-cases and strips accents so perché = perche", () => {
    expect(normalizeText("Perché")).toBe("perche");
    expect(normalizeText("PAPÀ però è più città")).toBe("papa pero e piu citta");
  });

  it("turns apostrophes (straight and typographic) and punctuation into spaces", () => {
    expect(normalizeText("mia madre ha l'alzheimer!!")).toBe("mia madre ha l alzheimer");
    expect(normalizeText("dell’asilo, nido?")).toBe("dell asilo nido");
    expect(normalizeText("  0-3   anni ")).toBe("0 3 anni");
  });

  it("keeps letters of other scripts", () => {
    expect(normalizeText("Mediazione / وساطة")).toBe("mediazione وساطة");
  });
});

describe("tokenizeQuery", () => {
  it("drops single letters and duplicates", () => {
    expect(tokenizeQuery("l'asilo e l'asilo nido")).toEqual(["asilo", "nido"]);
  });

  it("caps very long queries", () => {
    const long = Array.from({ length: 60 }, (_, i) => `parola${i}`).join(" ");
    expect(tokenizeQuery(long).length).toBeLessThanOrEqual(24);
  });

  it("returns nothing for punctuation only", () => {
    expect(tokenizeQuery(" ?!… ")).toEqual([]);
  });
});

describe("buildTsquery", () => {
  it("ORs alternatives and ANDs the words of a phrase", () => {
    expect(buildTsquery([["mediazion", "familiar"], ["separ"], ["separ"], []])).toBe("('mediazion' & 'familiar') | 'separ'");
  });

  it("is empty without lexemes", () => {
    expect(buildTsquery([])).toBe("");
  });
});

describe("applyCorrections", () => {
  it("replaces corrected words and keeps the rest as typed", () => {
    expect(applyCorrections("Mio figlio ha la dislesia", [{ from: "dislesia", to: "dislessia" }])).toBe("Mio figlio ha la dislessia");
    expect(applyCorrections("Separazzione!", [{ from: "separazzione", to: "separazione" }])).toBe("separazione!");
  });
});

describe("extractAge", () => {
  it("reads an age in years, in digits or words, and months as years", () => {
    expect(extractAge("mio figlio di 15 anni si annoia")).toEqual({ age: 15, rest: "mio figlio di si annoia" });
    expect(extractAge("Ha tre anni e non parla").age).toBe(3);
    expect(extractAge("bimba di 8 mesi").age).toBe(0);
    expect(extractAge("bimbo di 18 mesi").age).toBe(1);
    expect(extractAge("un anno").age).toBe(1);
  });

  it("ignores numbers that are not ages", () => {
    expect(extractAge("legge 104")).toEqual({ age: null, rest: "legge 104" });
    expect(extractAge("sono 300 anni").age).toBe(null);
  });
});

describe("taxonomyLexeme", () => {
  it("turns a taxonomy code into one lexeme of the search document", () => {
    expect(taxonomyLexeme("evento-separazione")).toBe("txeventoseparazione");
    expect(taxonomyLexeme("Area_Informazione")).toBe("txareainformazione");
  });
});
