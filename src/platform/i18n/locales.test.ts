import { describe, expect, it } from "vitest";
import { resolveLocale, textDirection } from "./locales.js";
import { messagesFor } from "./catalog.js";
import { createTranslator } from "./translator.js";

const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("resolveLocale", () => {
  it("prefers ?lang, then the cookie, then Accept-Language, then Italian", () => {
    expect(resolveLocale(req("http://x/?lang=ar", { cookie: "lang=en" }))).toBe("ar");
    expect(resolveLocale(req("http://x/", { cookie: "a=1; lang=en" }))).toBe("en");
    expect(resolveLocale(req("http://x/", { "accept-language": "fr-FR,en;q=0.8" }))).toBe("en");
    expect(resolveLocale(req("http://x/", { "accept-language": "de" }))).toBe("it");
    expect(resolveLocale(req("http://x/?lang=xx"))).toBe("it");
  });

  it("lays Arabic out right to left", () => {
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("it")).toBe("ltr");
  });
});

describe("message catalogs", () => {
  const keys = (o: unknown, prefix = ""): string[] =>
    typeof o === "object" && o !== null && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
      : [prefix.replace(/_(zero|one|two|few|many|other)$/, "")];

  it("English and Arabic translate every Italian key", () => {
    const it = new Set(keys(messagesFor("it")));
    for (const locale of ["en", "ar"] as const) {
      const other = new Set(keys(messagesFor(locale)));
      const missing = [...it].filter((k) => !other.has(k));
      expect(missing, `keys missing in ${locale}`).toEqual([]);
    }
  });

  it("pluralises with the locale's rules", () => {
    const t = createTranslator("ar", messagesFor("ar"), messagesFor("it"));
    expect(t("common.years", { count: 2 })).toBe("سنتان");
    const ti = createTranslator("it", messagesFor("it"));
    expect(ti("common.years", { count: 1 })).toBe("1 anno");
    expect(ti("common.years", { count: 3 })).toBe("3 anni");
  });
});
