import { describe, expect, it } from "vitest";
import { isStale, parseByday, romeClock, upcomingDays } from "./directory-clock.js";
import { parseDirectoryParams, parseOrientationParams } from "./directory-portal.schemas.js";
import { jsonForScript } from "./directory-jsonld.js";
import { tileImageSource } from "../../platform/config.js";

describe("romeClock", () => {
  it("reads the wall clock in Europe/Rome in winter and in summer", () => {
    expect(romeClock(new Date("2025-03-03T15:00:00Z"))).toEqual({ date: "2025-03-03", time: "16:00:00", weekday: "MO" });
    expect(romeClock(new Date("2025-07-06T22:30:00Z"))).toEqual({ date: "2025-07-07", time: "00:30:00", weekday: "MO" });
  });

  it("lists the next calendar days across a daylight-saving change", () => {
    // Clocks go forward on Sunday 30 March 2025; from Saturday 23:30 every day appears once.
    const days = upcomingDays(new Date("2025-03-29T22:30:00Z"), 3);
    expect(days).toEqual([
      { date: "2025-03-29", weekday: "SA" },
      { date: "2025-03-30", weekday: "SU" },
      { date: "2025-03-31", weekday: "MO" },
    ]);
  });

  it("normalises byday lists", () => {
    expect(parseByday("mo, TU,we,XX")).toEqual(["MO", "TU", "WE"]);
  });

  it("flags listings verified more than N days ago, or never", () => {
    const now = new Date("2025-07-01T10:00:00Z");
    expect(isStale("2025-01-01", now, 183)).toBe(false);
    expect(isStale("2024-12-29", now, 183)).toBe(true);
    expect(isStale(null, now, 183)).toBe(true);
  });
});

describe("parseDirectoryParams", () => {
  const parse = (qs: string) => parseDirectoryParams(new URLSearchParams(qs));

  it("drops blanks and coerces the filters", () => {
    const r = parse("q=logopedia&categoria=&eta=7&gratuito=1&comune=048017&raggio=20&aperto=1&pagina=2&vista=mappa");
    expect(r).toEqual({
      ok: true,
      params: { q: "logopedia", eta: 7, gratuito: true, comune: "048017", raggio: 20, aperto: true, pagina: 2, vista: "mappa" },
    });
  });

  it("reports bad values with i18n keys and keeps the good ones", () => {
    const r = parse("q=nido&eta=abc&comune=Firenze&raggio=7&lat=100&lng=1");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      eta: "directory.errors.age", comune: "directory.errors.municipality", raggio: "directory.errors.radius", lat: "directory.errors.position",
    });
    expect(r.params.q).toBe("nido");
  });

  it("needs both coordinates", () => {
    expect(parse("lat=43.7").ok).toBe(false);
  });
});

describe("parseOrientationParams", () => {
  it("collects repeated answers", () => {
    const r = parseOrientationParams(new URLSearchParams("passo=5&chi=genitore&eta=0-2&eta=6-10&evento=nascita&evento=separazione"));
    expect(r).toEqual({ ok: true, params: { passo: 5, chi: "genitore", eta: ["0-2", "6-10"], evento: ["nascita", "separazione"] } });
  });

  it("rejects unknown roles and age bands", () => {
    const r = parseOrientationParams(new URLSearchParams("passo=2&chi=alieno&eta=99"));
    expect(r.ok).toBe(false);
  });
});

describe("jsonForScript and tileImageSource", () => {
  it("escapes < so content cannot close the script element", () => {
    const json = jsonForScript({ name: "</script><script>alert(1)</script>" });
    expect(json).not.toContain("<");
    expect(JSON.parse(json).name).toBe("</script><script>alert(1)</script>");
  });

  it("derives the CSP source of a tile URL template", () => {
    expect(tileImageSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe("https://tile.openstreetmap.org");
    expect(tileImageSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe("https://*.tile.example.org");
  });
});
