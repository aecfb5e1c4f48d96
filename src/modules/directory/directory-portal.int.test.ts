import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { FIXTURE_MUNICIPALITIES as M, loadPortalFixture } from "./directory-portal.fixture.js";
import { findDirectoryServices, listDirectoryFacets, listDirectoryPlaces, listRecentServices, type DirectoryFilters } from "./directory-search.queries.js";
import { findServiceBySlug } from "./directory-page.queries.js";
import { suggestServices } from "./directory-orientation.queries.js";
import { serviceJsonLd } from "./directory-jsonld.js";

let t: TestDb;
let fx: Awaited<ReturnType<typeof loadPortalFixture>>;

beforeAll(async () => {
  t = await createTestDb("empty");
  fx = await loadPortalFixture(t.db);
});
afterAll(async () => t?.close());

const slugs = async (filters: DirectoryFilters, perPage = 100) =>
  (await findDirectoryServices(t.db, filters, { page: 1, perPage })).items.map((s) => s.slug);
const distinct = ["fx-spazio-compiti", "fx-mediazione", "fx-preparto", "fx-logopedia"];
const only = (list: string[]) => list.filter((s) => !s.startsWith("fx-laboratorio"));

describe("findDirectoryServices", () => {
  it("lists active services by name and never a defunct one", async () => {
    const all = await findDirectoryServices(t.db, {}, { page: 1, perPage: 100 });
    expect(all.total).toBe(29);
    expect(all.items.map((s) => s.slug)).not.toContain("fx-chiuso");
    const names = all.items.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("filters by the child's age (a range that includes it, or no limit)", async () => {
    expect(only(await slugs({ age: 12 })).sort()).toEqual(["fx-mediazione", "fx-preparto", "fx-spazio-compiti"]);
    expect(only(await slugs({ age: 4 })).sort()).toEqual(["fx-logopedia", "fx-mediazione", "fx-preparto"]);
    expect(only(await slugs({ age: 6 })).sort()).toEqual(["fx-logopedia", "fx-mediazione", "fx-preparto", "fx-spazio-compiti"]);
  });

  it("filters free services only and by language spoken", async () => {
    const free = await slugs({ freeOnly: true });
    expect(free).not.toContain("fx-mediazione");
    expect(free).not.toContain("fx-logopedia");
    expect(free).toContain("fx-preparto");
    expect(await slugs({ language: "ar" })).toEqual(["fx-preparto"]);
    expect(await slugs({ language: "en" })).toEqual(["fx-spazio-compiti"]);
  });

  it("filters by distance from a municipality, nearest first, and by the municipality alone", async () => {
    const firenze = { lat: M.firenze.lat, lng: M.firenze.lng };
    const near10 = await findDirectoryServices(t.db, { near: { ...firenze, radiusKm: 10 } }, { page: 1, perPage: 100 });
    expect(only(near10.items.map((s) => s.slug))).toEqual(["fx-spazio-compiti"]);
    expect(near10.items[0]!.distanceKm).toBe(0);
    // Prato is about 16 km from Florence, Empoli about 25, Siena about 50.
    const near20 = only(await slugs({ near: { ...firenze, radiusKm: 20 } }));
    expect(near20.sort()).toEqual(["fx-mediazione", "fx-spazio-compiti"]);
    const near30 = await findDirectoryServices(t.db, { near: { ...firenze, radiusKm: 30 } }, { page: 1, perPage: 100 });
    const order = only(near30.items.map((s) => s.slug));
    expect(order).toEqual(["fx-spazio-compiti", "fx-mediazione", "fx-logopedia"]);
    const km = near30.items.filter((s) => distinct.includes(s.slug)).map((s) => s.distanceKm!);
    expect(km[1]).toBeGreaterThan(10);
    expect(km[1]).toBeLessThan(20);
    expect(await slugs({ municipalityIstat: M.prato.istat })).toEqual(["fx-mediazione"]);
  });

  it("filters services open at a given instant, in Europe/Rome time", async () => {
    // Monday 3 March 2025, 16:00 in Rome (CET, UTC+1).
    expect(only(await slugs({ openAt: new Date("2025-03-03T15:00:00Z") }))).toEqual(["fx-spazio-compiti"]);
    // Monday 7 July 2025, 16:00 in Rome (CEST, UTC+2): 15:00Z would be 17:00, still open; 16:30Z is 18:30, closed.
    expect(only(await slugs({ openAt: new Date("2025-07-07T14:00:00Z") }))).toEqual(["fx-spazio-compiti"]);
    expect(only(await slugs({ openAt: new Date("2025-07-07T16:30:00Z") }))).toEqual([]);
    // Tuesday 4 March 2025, 10:00 in Rome: mediation and speech therapy.
    expect(only(await slugs({ openAt: new Date("2025-03-04T09:00:00Z") })).sort()).toEqual(["fx-logopedia", "fx-mediazione"]);
    // Closing time is exclusive: Friday 12:00 in Rome.
    expect(await slugs({ openAt: new Date("2025-03-07T11:00:00Z") })).toEqual(["fx-logopedia"]);
    expect((await slugs({ openAt: new Date("2025-03-07T10:59:00Z") })).sort()).toEqual(["fx-logopedia", "fx-preparto"]);
    // Sunday: nothing is open.
    expect(await slugs({ openAt: new Date("2025-03-09T10:00:00Z") })).toEqual([]);
  });

  it("filters by category (with the terms below it) and by life event", async () => {
    const learning = await slugs({ category: "apprendimento", serviceTaxonomyId: fx.servicesTax });
    expect(only(learning).sort()).toEqual(["fx-logopedia", "fx-spazio-compiti"]);
    expect(learning).toHaveLength(27);
    expect((await slugs({ category: "sostegno-genitori" })).sort()).toEqual(["fx-mediazione", "fx-preparto"]);
    expect((await slugs({ lifeEvent: "difficolta-scolastiche" })).sort()).toEqual(["fx-logopedia", "fx-spazio-compiti"]);
    expect(await slugs({ lifeEvent: "nascita", freeOnly: true, language: "ar" })).toEqual(["fx-preparto"]);
  });

  it("paginates in SQL with a stable order and the true total", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => findDirectoryServices(t.db, {}, { page, perPage: 10 })));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 9]);
    expect(pages.every((p) => p.total === 29 && p.pageCount === 3)).toBe(true);
    const seen = pages.flatMap((p) => p.items.map((s) => s.id));
    expect(new Set(seen).size).toBe(29);
    const beyond = await findDirectoryServices(t.db, {}, { page: 9, perPage: 10 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(29);
  });

  it("keeps the search module's ranking order and applies the filters to it", async () => {
    const ids = ["fx-logopedia", "fx-spazio-compiti", "fx-mediazione"].map((s) => s);
    const all = await findDirectoryServices(t.db, {}, { page: 1, perPage: 100 });
    const idOf = (slug: string) => all.items.find((s) => s.slug === slug)!.id;
    const ranked = ids.map(idOf);
    expect(await slugs({ rankedIds: ranked })).toEqual(ids);
    expect(await slugs({ rankedIds: ranked, freeOnly: true })).toEqual(["fx-spazio-compiti"]);
    expect((await findDirectoryServices(t.db, { rankedIds: [] }, { page: 1, perPage: 10 })).total).toBe(0);
  });

  it("loads the page's categories, places and organisation in batches", async () => {
    const [card] = (await findDirectoryServices(t.db, { language: "en" }, { page: 1, perPage: 10 })).items;
    expect(card).toMatchObject({
      slug: "fx-spazio-compiti", accessMode: "direct", free: true, organizationName: "Centro per le Famiglie di prova",
      cities: ["Firenze"], lastVerifiedAt: "2025-02-20",
    });
    expect(card!.categories.map((c) => c.code)).toEqual(["dsa"]);
    expect(card!.categories[0]!.translations.en!.name).toBe("DSA (en)");
  });
});

describe("listDirectoryPlaces", () => {
  it("groups the matching services by place, with coordinates", async () => {
    const places = await listDirectoryPlaces(t.db, { lifeEvent: "difficolta-scolastiche" });
    expect(places.map((p) => p.municipalityName)).toEqual(["Empoli", "Firenze"]);
    expect(places[1]!.services.map((s) => s.slug)).toEqual(["fx-spazio-compiti"]);
    expect(places[0]!.lat).toBeCloseTo(M.empoli.lat, 3);
    const firenze = (await listDirectoryPlaces(t.db, { category: "apprendimento" })).find((p) => p.municipalityName === "Firenze")!;
    expect(firenze.services).toHaveLength(26);
    expect(await listDirectoryPlaces(t.db, { rankedIds: [] })).toEqual([]);
  });
});

describe("listDirectoryFacets and listRecentServices", () => {
  it("offers second-level categories, life events and the languages spoken", async () => {
    const f = await listDirectoryFacets(t.db, fx.servicesTax);
    expect(f.categories.map((c) => c.code)).toEqual(["sostegno-genitori", "apprendimento"]);
    expect(f.lifeEvents.map((c) => c.code)).toEqual(["nascita", "separazione", "difficolta-scolastiche"]);
    expect(f.languages[0]).toBe("it");
    expect([...f.languages].sort()).toEqual(["ar", "en", "it"]);
  });

  it("lists the most recently verified services first, optionally of one organisation", async () => {
    expect((await listRecentServices(t.db, { limit: 2 })).map((s) => s.slug)).toEqual(["fx-preparto", "fx-spazio-compiti"]);
    expect((await listRecentServices(t.db, { organizationId: fx.partner })).map((s) => s.slug)).toEqual(["fx-logopedia", "fx-mediazione"]);
  });
});

describe("findServiceBySlug", () => {
  it("returns everything the scheda servizio shows, and null for an unknown slug", async () => {
    const s = await findServiceBySlug(t.db, "fx-spazio-compiti");
    expect(s).toMatchObject({
      name: "Spazio compiti per ragazzi con DSA", minimumAge: 6, maximumAge: 14, accessMode: "direct", lastVerifiedAt: "2025-02-20",
      requiredDocuments: ["Certificazione DSA"], organization: { slug: "fx-centro", kind: "center" },
    });
    expect(s!.categories.map((c) => c.code)).toEqual(["dsa"]);
    expect(s!.lifeEvents.map((c) => c.code)).toEqual(["difficolta-scolastiche"]);
    expect(s!.schedules).toEqual([{ byday: "MO,WE", opensAt: "15:00", closesAt: "18:00", description: null }]);
    expect(s!.contacts[0]).toMatchObject({ name: "Segreteria", email: "compiti@example.org" });
    expect(s!.phones.map((p) => p.number)).toEqual(["055 123456"]);
    expect(s!.places).toHaveLength(1);
    expect(s!.places[0]).toMatchObject({ municipalityName: "Firenze", province: "FI" });
    expect(s!.places[0]!.schedules[0]).toMatchObject({ byday: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "13:00" });
    expect(await findServiceBySlug(t.db, "non-esiste")).toBeNull();
  });

  it("describes the service as a schema.org GovernmentService", async () => {
    const s = (await findServiceBySlug(t.db, "fx-mediazione"))!;
    const ld = serviceJsonLd(s, "https://example.org/servizi/fx-mediazione");
    expect(ld).toMatchObject({
      "@type": "GovernmentService", name: "Mediazione familiare", serviceType: "Sostegno ai genitori",
      provider: { "@type": "Organization", name: "Cooperativa di prova" },
      areaServed: [{ "@type": "City", name: "Prato" }],
      availableChannel: { "@type": "ServiceChannel", name: "Su appuntamento" },
      audience: { "@type": "PeopleAudience" },
      isAccessibleForFree: false,
    });
  });
});

describe("suggestServices", () => {
  it("ranks services by matched life events, age bands and nearness", async () => {
    const school = await suggestServices(t.db, { lifeEvents: ["difficolta-scolastiche"], ageBands: ["6-10"] });
    expect(school.map((s) => s.slug).sort()).toEqual(["fx-logopedia", "fx-spazio-compiti"]);
    expect(school.every((s) => s.matchedLifeEvents.includes("difficolta-scolastiche"))).toBe(true);
    const nearEmpoli = await suggestServices(t.db, {
      lifeEvents: ["difficolta-scolastiche"], ageBands: ["6-10"], near: { lat: M.empoli.lat, lng: M.empoli.lng, radiusKm: 10 },
    });
    const far = school.find((s) => s.slug === "fx-logopedia")!;
    const near = nearEmpoli.find((s) => s.slug === "fx-logopedia")!;
    expect(near).toMatchObject({ nearby: true, score: far.score + 1 });
    expect(nearEmpoli.find((s) => s.slug === "fx-spazio-compiti")!.nearby).toBe(false);
    // Reachable without a referral ranks higher: the after-school space (direct) over the speech-therapy assessment (referral).
    expect(school[0]!.slug).toBe("fx-spazio-compiti");
    expect(school[0]!.score).toBe(far.score + 1);
    // A teenager of 14-17: the speech-therapy assessment (3-10) no longer fits.
    expect((await suggestServices(t.db, { lifeEvents: ["difficolta-scolastiche"], ageBands: ["14-17"] })).map((s) => s.slug)).toEqual(["fx-spazio-compiti"]);
  });

  it("scores a service matching two chosen situations above one matching a single one", async () => {
    const both = await suggestServices(t.db, { lifeEvents: ["separazione", "nascita", "difficolta-scolastiche"], ageBands: [] });
    expect(both).toHaveLength(4);
    const scores = both.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await suggestServices(t.db, { lifeEvents: ["non-esiste"], ageBands: [] })).toEqual([]);
  });
});

describe("on the demo directory", () => {
  let demo: TestDb;
  beforeAll(async () => {
    demo = await createTestDb("demo");
  });
  afterAll(async () => demo?.close());

  it("finds services for every filter the portal offers", async () => {
    const f = await listDirectoryFacets(demo.db, null);
    expect(f.categories.length).toBeGreaterThan(10);
    expect(f.lifeEvents.some((e) => e.parentCode === null)).toBe(true);
    expect(f.languages).toContain("ar");
    const page = await findDirectoryServices(demo.db, {}, { page: 1, perPage: 10 });
    expect(page.total).toBeGreaterThanOrEqual(80);
    expect(page.items).toHaveLength(10);
    for (const filters of [
      { category: f.categories[0]!.code }, { lifeEvent: "evento-difficolta-apprendimento" }, { lifeEvent: "evento-area-genitori" },
      { age: 8 }, { freeOnly: true }, { language: "ar" },
    ] satisfies DirectoryFilters[]) {
      const r = await findDirectoryServices(demo.db, filters, { page: 1, perPage: 5 });
      expect(r.total, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(r.total).toBeLessThan(page.total);
    }
  });

  it("suggests study support for a child with learning difficulties", async () => {
    const s = await suggestServices(demo.db, { lifeEvents: ["evento-difficolta-apprendimento"], ageBands: ["6-10"] });
    expect(s.length).toBeGreaterThan(0);
    expect(s.slice(0, 3).some((x) => x.categories.some((c) => c.code === "sostegno-studio"))).toBe(true);
  });
});
