import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { exportHsdsJson, hsdsRoutes, HsdsSourceError, importHsds, sourceFromFiles } from "./index.js";
import { assertValid, HSDS_DIR, loadHsdsValidators, type HsdsValidators } from "./hsds.test-support.js";

type Json = Record<string, any>;
const EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b";
let v: HsdsValidators;
let example: Json;
let csvFiles: Record<string, string>;
const csvDir = () => path.join(HSDS_DIR, "examples", "csv");

async function rowsOf<T>(t: TestDb, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** How many rows each table of the directory holds: nothing may be half-written. */
async function census(t: TestDb) {
  const [row] = await rowsOf<Record<string, number>>(t, sql`select
    (select count(*)::int from services) as services, (select count(*)::int from organizations) as organizations,
    (select count(*)::int from locations) as locations, (select count(*)::int from service_at_locations) as sal,
    (select count(*)::int from schedules) as schedules, (select count(*)::int from contacts) as contacts,
    (select count(*)::int from phones) as phones, (select count(*)::int from service_terms) as service_terms,
    (select count(*)::int from taxonomy_terms) as terms, (select count(*)::int from taxonomies) as taxonomies,
    (select count(*)::int from required_documents) as documents`);
  return row!;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

beforeAll(() => {
  v = loadHsdsValidators();
  example = JSON.parse(fs.readFileSync(path.join(HSDS_DIR, "examples", "service_full.json"), "utf8")) as Json;
  csvFiles = Object.fromEntries(fs.readdirSync(csvDir()).map((f) => [f, fs.readFileSync(path.join(csvDir(), f), "utf8")]));
});

describe("HSDS import: the Open Referral JSON example", () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb("empty"); });
  afterAll(async () => { await t?.close(); });

  it("imports service_full.json with its organization, locations, schedules, contacts and taxonomy", async () => {
    const report = await importHsds(t.db, [example]);
    expect(report).toMatchObject({ total: 1, imported: 1, updated: 0, failed: [] });
    expect(report.warnings.some((w) => /coordinates/.test(w.message))).toBe(true);

    const res = await hsdsRoutes(t.services).request(`/services/${EXAMPLE_ID}`);
    expect(res.status).toBe(200);
    const s = (await res.json()) as Json;
    assertValid(v.service, s, "imported example");
    expect(s).toMatchObject({
      id: EXAMPLE_ID, name: "Community Counselling", alternate_name: "MyCity Counselling Services", status: "active",
      application_process: example.application_process, eligibility_description: example.eligibility_description,
      fees_description: example.fees_description, wait_time: "wait_time", minimum_age: 12, maximum_age: 100,
      assured_date: "2005-01-01", last_modified: "2023-03-15T10:30:45.123Z",
      organization: { id: example.organization.id, name: "Example Organization Inc.", website: "http://example.com" },
    });
    expect(s.service_at_locations).toHaveLength(1);
    const sal = s.service_at_locations[0];
    expect(sal).toMatchObject({ id: "e94c9f38-1e8f-4564-91d4-d53501ab1765", location_id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5" });
    expect(sal.location).toMatchObject({ name: "MyCity Civic Center", organization_id: example.organization.id });
    expect(sal.location.latitude).toBeUndefined();
    expect(sal.location.addresses[0]).toMatchObject({ address_1: "1-30 Main Street, MyVillage", city: "MyCity", postal_code: "ABC 1234", state_province: "MyState" });
    expect(sal.location.accessibility.map((a: Json) => a.description)).toEqual([example.service_at_locations[0].location.accessibility[0].description]);
    const allSchedules = [...s.schedules, ...sal.schedules, ...sal.location.schedules];
    expect(allSchedules.map((x: Json) => x.id)).toContain("48102e86-bb50-41c4-8f1e-e269368c41d1");
    expect(allSchedules[0]).toMatchObject({ byday: "TH,FR", opens_at: "10:00:00", closes_at: "18:00:00", freq: "WEEKLY" });
    expect(s.contacts).toEqual([expect.objectContaining({ id: "1e7efce3-639b-4880-940c-b95cd30cdb50", name: "Ann Persona", title: "Reception Manager" })]);
    expect(s.contacts[0].phones.map((p: Json) => p.number)).toEqual(['"+44 1234 234567"']);
    expect(s.languages.map((l: Json) => l.code)).toEqual(["ur"]);
    expect(s.cost_options[0].amount).toBe(35);
    expect(s.required_documents).toEqual([expect.objectContaining({ id: "f6ad7e69-b9c8-42ce-92db-92cedb4c05c0" })]);
    const term = s.attributes.find((a: Json) => a.taxonomy_term)?.taxonomy_term;
    expect(term).toMatchObject({ id: "3f7b145d-84af-42d7-8fae-eaca714b02b2", name: "name", code: "code", taxonomy_detail: { id: "5c4d79d7-cc55-470e-9f1f-8cad074e4892", name: "name", version: "version" } });

    const [org] = await rowsOf<{ kind: string }>(t, sql`select kind from organizations where id = ${example.organization.id}`);
    expect(org!.kind).toBe("partner");
    const [svc] = await rowsOf<{ free: boolean; cost_cents: number; short_description: string }>(t, sql`select free, cost_cents, short_description from services where id = ${EXAMPLE_ID}`);
    expect(svc).toMatchObject({ free: false, cost_cents: 3500 });
    expect(svc!.short_description.length).toBeGreaterThan(10);
  });

  it("is idempotent: importing again updates in place and keeps every id", async () => {
    const before = await census(t);
    const exported = await exportHsdsJson(t.db);
    const again = await importHsds(t.db, [example]);
    expect(again).toMatchObject({ total: 1, imported: 0, updated: 1, failed: [] });
    expect(await census(t)).toEqual(before);
    expect(await exportHsdsJson(t.db)).toEqual(exported);
  });

  it("updates what changed", async () => {
    const changed = clone(example);
    changed.name = "Community Counselling (nuova sede)";
    changed.status = "temporarily closed";
    changed.service_at_locations[0].description = "Solo su appuntamento";
    const report = await importHsds(t.db, { kind: "json", services: [changed] });
    expect(report).toMatchObject({ imported: 0, updated: 1, failed: [] });
    const s = (await (await hsdsRoutes(t.services).request(`/services/${EXAMPLE_ID}`)).json()) as Json;
    expect(s).toMatchObject({ name: "Community Counselling (nuova sede)", status: "temporarily closed" });
    expect(s.service_at_locations[0].description).toBe("Solo su appuntamento");
  });
});

describe("HSDS import: the tabular data package example", () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb("empty"); });
  afterAll(async () => { await t?.close(); });

  it("imports the CSV folder (datapackage.json + CSV files) by path, then again as an upload, idempotently", async () => {
    const report = await importHsds(t.db, csvDir());
    expect(report).toMatchObject({ total: 1, imported: 1, updated: 0, failed: [] });
    const s = (await (await hsdsRoutes(t.services).request(`/services/${EXAMPLE_ID}`)).json()) as Json;
    assertValid(v.service, s, "imported tabular example");
    expect(s).toMatchObject({ name: "Community Counselling", minimum_age: 12, maximum_age: 100, organization: { name: "Example Organization Inc." } });
    expect(s.service_at_locations).toEqual([expect.objectContaining({ id: "e94c9f38-1e8f-4564-91d4-d53501ab1765" })]);
    expect(s.service_at_locations[0].schedules.map((x: Json) => x.id)).toEqual(["48102e86-bb50-41c4-8f1e-e269368c41d1"]);
    expect(s.service_at_locations[0].location.addresses[0].city).toBe("MyCity");
    expect(s.contacts[0]).toMatchObject({ name: "Ann Persona" });
    expect(s.required_documents).toHaveLength(1);
    expect(s.cost_options[0]).toMatchObject({ amount: 35 });

    const before = await census(t);
    const exported = await exportHsdsJson(t.db);
    const upload = await importHsds(t.db, sourceFromFiles(Object.fromEntries(Object.entries(csvFiles).map(([k, text]) => [`cartella/${k}`, text]))));
    expect(upload).toMatchObject({ total: 1, imported: 0, updated: 1, failed: [] });
    expect(await census(t)).toEqual(before);
    expect(await exportHsdsJson(t.db)).toEqual(exported);
  });

  it("says which CSV is broken and refuses a package without services", async () => {
    await expect(importHsds(t.db, { kind: "tabular", files: { "datapackage.json": "{}", "organizations.csv": "id,name\n" } })).rejects.toThrow(HsdsSourceError);
    await expect(importHsds(t.db, { kind: "tabular", files: { "services.csv": 'id,name,status\n"unclosed,x,active\n' } })).rejects.toThrow(/services\.csv/);
    await expect(importHsds(t.db, path.join(os.tmpdir(), "does-not-exist-hsds"))).rejects.toThrow(HsdsSourceError);
    expect(() => sourceFromFiles({ "a.txt": "x" })).toThrow(HsdsSourceError);
    expect(() => sourceFromFiles({ "servizi.json": "{not json" })).toThrow(/JSON/);
  });

  it("reports a bad row of services.csv and imports the good ones", async () => {
    const services = csvFiles["services.csv"]!.trim().split(/\r?\n/);
    const good = services[1]!.replace(EXAMPLE_ID, "0b6d9b43-2bd5-4c07-9e1b-6b4c0f1c2e01").replace("Community Counselling", "Ascolto per genitori");
    const badAge = services[1]!.replace(EXAMPLE_ID, "0b6d9b43-2bd5-4c07-9e1b-6b4c0f1c2e02").replace(",12,100,", ",dodici,100,");
    const files = { ...csvFiles, "services.csv": [services[0], good, badAge].join("\n") + "\n" };
    const report = await importHsds(t.db, { kind: "tabular", files });
    expect(report.imported + report.updated).toBe(1);
    expect(report.failed).toEqual([expect.objectContaining({ ref: "0b6d9b43-2bd5-4c07-9e1b-6b4c0f1c2e02", index: 1, code: "schema" })]);
    expect(report.failed[0]!.reason).toMatch(/minimum_age/);
  });
});

describe("HSDS import: a bad record among good ones", () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb("empty"); });
  afterAll(async () => { await t?.close(); });

  it("imports the good records and reports each bad one with its id or position and the reason", async () => {
    const good1 = clone(example);
    const good2 = clone(example);
    good2.id = "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a01";
    good2.name = "Gruppo di parola per figli di genitori separati";
    good2.service_at_locations[0].id = "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a02";
    const missingName = clone(example);
    missingName.id = "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a03";
    delete missingName.name;
    const badId = { ...clone(example), id: "not-a-uuid" };
    const unknownOrg = { id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a04", name: "Senza ente", status: "active", organization_id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a05" };
    const ages = { ...clone(example), id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a06", minimum_age: 18, maximum_age: 3 };
    const newOrg = { id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a08", name: "Ente nuovo", description: "Un ente che non deve restare", email: "ente@example.org" };
    const unknownTerm = {
      id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a07", name: "Termine inesistente", status: "active", organization: newOrg,
      attributes: [{ id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a09", taxonomy_term_id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a10" }],
    };
    const badStatus = { ...clone(example), id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a11", status: "chiuso" };
    const badEmail = { ...clone(example), id: "7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a12", email: "non è una email" };
    const source = [good1, missingName, badId, "testo", unknownOrg, good2, ages, unknownTerm, badStatus, badEmail, null];

    const report = await importHsds(t.db, source);
    expect(report.total).toBe(source.length);
    expect(report.imported).toBe(2);
    expect(report.updated).toBe(0);
    const failures = Object.fromEntries(report.failed.map((f) => [f.ref, f]));
    expect(report.failed).toHaveLength(source.length - 2);
    expect(failures["7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a03"]).toMatchObject({ index: 1, code: "schema", reason: expect.stringMatching(/name/) });
    expect(failures["not-a-uuid"]).toMatchObject({ index: 2, code: "schema", reason: expect.stringMatching(/uuid/) });
    expect(failures["#4"]).toMatchObject({ index: 3, code: "schema" });
    expect(failures["7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a04"]).toMatchObject({ code: "reference", reason: expect.stringMatching(/organization/) });
    expect(failures["7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a06"]).toMatchObject({ code: "invalid", reason: expect.stringMatching(/minimum_age/) });
    expect(failures["7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a07"]).toMatchObject({ code: "reference", reason: expect.stringMatching(/taxonomy term/) });
    expect(failures["7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a11"]).toMatchObject({ code: "schema", reason: expect.stringMatching(/status/) });
    expect(failures["7d3f0a51-0c1e-4a77-9d0b-2f5b2d1e9a12"]).toMatchObject({ code: "schema", reason: expect.stringMatching(/email/) });
    expect(failures["#11"]).toMatchObject({ index: 10 });

    const ids = (await rowsOf<{ id: string }>(t, sql`select id from services order by id`)).map((r) => r.id);
    expect(ids.sort()).toEqual([EXAMPLE_ID, good2.id].sort());
    // The failed record's new organization was rolled back with it.
    expect(await rowsOf(t, sql`select 1 from organizations where id = ${newOrg.id}`)).toEqual([]);
    const api = hsdsRoutes(t.services);
    for (const id of ids) assertValid(v.service, await (await api.request(`/services/${id}`)).json(), id);
  });

  it("keeps ids that clash with another service's records apart", async () => {
    // good2 above reuses the example's schedule, contact and phone ids: each service got its own rows.
    const [{ n }] = (await rowsOf<{ n: number }>(t, sql`select count(*)::int as n from contacts`)) as [{ n: number }];
    expect(n).toBe(2);
    const again = await importHsds(t.db, [clone(example)]);
    expect(again).toMatchObject({ updated: 1, failed: [] });
    const [{ m }] = (await rowsOf<{ m: number }>(t, sql`select count(*)::int as m from contacts`)) as [{ m: number }];
    expect(m).toBe(2);
  });
});

describe("HSDS import into a directory with data", () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb("demo"); });
  afterAll(async () => { await t?.close(); });

  it("updates an existing service from HSDS and keeps what HSDS does not carry", async () => {
    const [row] = await rowsOf<Json>(t, sql`
      select id, slug, outcome, conditions, keywords, translations, short_description from services
      where status = 'active' and outcome <> '' order by name limit 1`);
    const api = hsdsRoutes(t.services);
    const hsds = (await (await api.request(`/services/${row!.id}`)).json()) as Json;
    hsds.name = `${hsds.name} (aggiornato)`;
    hsds.minimum_age = 3;
    delete hsds.maximum_age;
    const report = await importHsds(t.db, [hsds]);
    expect(report).toMatchObject({ imported: 0, updated: 1, failed: [] });
    const after = (await (await api.request(`/services/${row!.id}`)).json()) as Json;
    assertValid(v.service, after, "updated service");
    expect(after.name).toMatch(/\(aggiornato\)$/);
    expect(after.minimum_age).toBe(3);
    expect(after.maximum_age).toBeUndefined();
    const [stored] = await rowsOf<Json>(t, sql`
      select slug, outcome, conditions, keywords, translations, short_description from services where id = ${row!.id}`);
    expect(stored).toEqual({ slug: row!.slug, outcome: row!.outcome, conditions: row!.conditions, keywords: row!.keywords, translations: row!.translations, short_description: row!.short_description });
    const search = (await (await api.request(`/services?search=${encodeURIComponent("aggiornato")}`)).json()) as Json;
    expect(search.contents.map((s: Json) => s.id)).toContain(row!.id);
  });
});
