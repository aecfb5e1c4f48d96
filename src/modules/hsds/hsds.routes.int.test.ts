import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import type { Database } from "../../platform/db/client.js";
import { rankServiceIds } from "../search/index.js";
import { hsdsRoutes, loadHsdsServices } from "./index.js";
import { assertValid, earthDistance, loadHsdsValidators, type HsdsValidators } from "./hsds.test-support.js";

type Json = Record<string, any>;
let t: TestDb;
let v: HsdsValidators;
let app: ReturnType<typeof hsdsRoutes>;

async function q<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; res: Response }> {
  const res = await app.request(url, { headers });
  const text = await res.text();
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    throw new Error(`${url}: answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body, res };
}

async function ok(url: string, validate?: (typeof v)[keyof HsdsValidators]): Promise<Json> {
  const { status, body } = await get(url);
  expect(status, `${url} → ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  if (validate) assertValid(validate, body, url);
  return body;
}

async function badRequest(url: string, parameter?: string): Promise<Json> {
  const { status, body, res } = await get(url);
  expect(status, `${url} → ${JSON.stringify(body)}`).toBe(400);
  expect(body.error).toBe("invalid_parameter");
  expect(typeof body.message).toBe("string");
  expect(body.message.length).toBeGreaterThan(10);
  if (parameter) expect(body.parameter).toBe(parameter);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  return body;
}

/** Every page of a list endpoint, each validated. */
async function allPages(url: string, validate: (typeof v)[keyof HsdsValidators]): Promise<Json[]> {
  const items: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await ok(`${url}${url.includes("?") ? "&" : "?"}per_page=200&page=${page}`, validate);
    items.push(...body.contents);
    if (body.last_page) return items;
  }
}

const ids = (items: Json[]) => items.map((i) => i.id as string);
const sorted = (list: string[]) => [...list].sort();

let publicIds: string[];

beforeAll(async () => {
  v = loadHsdsValidators();
  t = await createTestDb("demo");
  app = hsdsRoutes(t.services);
  publicIds = (await q<{ id: string }>(sql`select id from services where status in ('active', 'temporarily closed')`)).map((r) => r.id);
});
afterAll(async () => {
  await t?.close();
});

describe("HSDS API: meta and CORS", () => {
  it("describes itself at / and serves its OpenAPI document", async () => {
    const root = await ok("/");
    expect(root).toEqual({ version: "3.0", profile: expect.any(String), openapi_url: "http://localhost:3000/api/hsds/openapi.json" });
    expect(() => new URL(root.profile)).not.toThrow();
    const doc = await ok("/openapi.json");
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const path of ["/", "/services", "/services/{id}", "/organizations", "/organizations/{id}", "/service_at_locations",
      "/service_at_locations/{id}", "/taxonomies", "/taxonomy_terms"]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const params = doc.paths["/services"].get.parameters.map((p: Json) => p.$ref.split("/").pop());
    expect(params).toEqual(expect.arrayContaining(["search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after",
      "minimum_age", "maximum_age", "proximity", "lat", "long", "municipality", "page", "per_page"]));
  });

  it("is CORS-open on answers, errors and preflights", async () => {
    for (const url of ["/", "/services", "/services/not-a-uuid", `/services/${crypto.randomUUID()}`]) {
      const res = await app.request(url, { headers: { Origin: "https://example.org" } });
      expect(res.headers.get("access-control-allow-origin"), url).toBe("*");
    }
    const pre = await app.request("/services", {
      method: "OPTIONS", headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("is read-only and answers unknown paths with JSON", async () => {
    const post = await app.request("/services", { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect((await post.json()).error).toBe("method_not_allowed");
    const missing = await get("/nowhere");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe("not_found");
    expect((await app.request("/services", { method: "HEAD" })).status).toBe(200);
    const slash = await app.request("/services/?per_page=2");
    expect(slash.status).toBe(308);
    expect(slash.headers.get("location")).toBe("/services?per_page=2");
  });
});

describe("HSDS API: /services", () => {
  it("lists exactly the published services, 50 a page by default, in name order", async () => {
    expect(publicIds.length).toBeGreaterThan(0);
    const first = await ok("/services", v.servicePage);
    expect(first).toMatchObject({ total_items: publicIds.length, page_number: 1, first_page: true, empty: false });
    expect(first.size).toBe(Math.min(50, publicIds.length));
    expect(first.total_pages).toBe(Math.ceil(publicIds.length / 50));
    const all = await allPages("/services", v.servicePage);
    expect(sorted(ids(all))).toEqual(sorted(publicIds));
    const names = all.map((s) => s.name as string);
    const byDb = (await q<{ name: string }>(sql`select name from services where status in ('active', 'temporarily closed') order by name, id`)).map((r) => r.name);
    expect(names).toEqual(byDb);
    for (const s of all) {
      expect(["active", "temporarily closed"]).toContain(s.status);
      expect(s.organization.id).toBe(s.organization_id);
    }
  });

  it("hides services that are not published, in lists and by id", async () => {
    const [victim] = publicIds;
    const [{ status }] = (await q<{ status: string }>(sql`select status from services where id = ${victim}`)) as [{ status: string }];
    await t.db.execute(sql`update services set status = 'inactive' where id = ${victim}`);
    try {
      const all = await allPages("/services", v.servicePage);
      expect(ids(all)).not.toContain(victim);
      expect((await get(`/services/${victim}`)).status).toBe(404);
      const sal = await allPages("/service_at_locations", v.serviceAtLocationPage);
      expect(sal.map((x) => x.service_id)).not.toContain(victim);
    } finally {
      await t.db.execute(sql`update services set status = ${status} where id = ${victim}`);
    }
  });

  it("pages with exact edges", async () => {
    const total = publicIds.length;
    const one = await ok("/services?per_page=1", v.servicePage);
    expect(one).toMatchObject({ total_items: total, total_pages: total, size: 1, first_page: true, last_page: total === 1, empty: false });
    const last = await ok(`/services?per_page=1&page=${total}`, v.servicePage);
    expect(last).toMatchObject({ page_number: total, size: 1, first_page: total === 1, last_page: true });
    const beyond = await ok(`/services?per_page=1&page=${total + 1}`, v.servicePage);
    expect(beyond).toMatchObject({ page_number: total + 1, size: 0, empty: true, last_page: true, contents: [] });
    const pageSize = Math.max(1, Math.floor(total / 2));
    const p1 = await ok(`/services?per_page=${pageSize}&page=1`, v.servicePage);
    const p2 = await ok(`/services?per_page=${pageSize}&page=2`, v.servicePage);
    expect(new Set([...ids(p1.contents), ...ids(p2.contents)]).size).toBe(p1.size + p2.size);
    expect((await ok("/services?per_page=200", v.servicePage)).size).toBe(Math.min(200, total));
    expect((await ok("/services?page=1&per_page=200&format=json", v.servicePage)).total_items).toBe(total);
  });

  it("rejects bad paging with a 400", async () => {
    for (const bad of ["page=0", "page=-1", "page=abc", "page=1.5", "page=", "page=99999999999999999999", "per_page=0", "per_page=201",
      "per_page=1e3", "per_page=-5", "format=xml"]) {
      await badRequest(`/services?${bad}`, bad.split("=")[0]);
    }
  });

  it("returns every published service fully nested, valid against compiled service.json", async () => {
    for (const id of publicIds) {
      const s = await ok(`/services/${id}`, v.service);
      expect(s.id).toBe(id);
      expect(s.organization.id).toBe(s.organization_id);
      for (const key of ["phones", "schedules", "service_at_locations", "languages", "cost_options", "required_documents", "contacts", "attributes", "metadata"]) {
        expect(Array.isArray(s[key]), key).toBe(true);
      }
      for (const sal of s.service_at_locations) {
        expect(sal.service_id).toBe(id);
        expect(sal.location.id).toBe(sal.location_id);
        expect(Array.isArray(sal.location.addresses)).toBe(true);
      }
      for (const a of s.attributes.filter((x: Json) => x.taxonomy_term)) {
        expect(a.taxonomy_term_id).toBe(a.taxonomy_term.id);
        expect(a.taxonomy_term.taxonomy_detail.id).toBe(a.taxonomy_term.taxonomy_id);
      }
      expect(s.attributes.some((x: Json) => x.link_type === "access_mode")).toBe(true);
      expect(s.cost_options).toHaveLength(1);
    }
  });

  it("maps the directory's columns onto HSDS fields", async () => {
    const [row] = await q<Json>(sql`
      select s.id, s.how_to, s.audience, s.last_verified_at::text as verified, s.fees_description, s.access_mode, s.free, s.cost_cents,
        s.minimum_age, s.maximum_age, s.languages
      from services s where s.status = 'active' and s.how_to <> '' and s.audience <> '' order by s.name limit 1`);
    const s = await ok(`/services/${row!.id}`, v.service);
    expect(s.application_process).toBe(row!.how_to);
    expect(s.eligibility_description).toBe(row!.audience);
    if (row!.verified) expect(s.assured_date).toBe(row!.verified);
    if (row!.fees_description) expect(s.fees_description).toBe(row!.fees_description);
    expect(s.attributes.find((a: Json) => a.link_type === "access_mode").value).toBe(row!.access_mode);
    expect(s.cost_options[0].amount === 0).toBe(row!.free);
    expect(s.languages.map((l: Json) => l.code)).toEqual(row!.languages);
    if (row!.minimum_age !== null) expect(s.minimum_age).toBe(row!.minimum_age);
    const terms = await q<{ term_id: string }>(sql`select term_id from service_terms where service_id = ${row!.id}`);
    expect(sorted(s.attributes.filter((a: Json) => a.taxonomy_term).map((a: Json) => a.taxonomy_term_id))).toEqual(sorted(terms.map((x) => x.term_id)));
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await get(`/services/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: "not_found", message: expect.any(String) });
    await badRequest("/services/not-a-uuid", "id");
    await badRequest(`/services/${"a".repeat(300)}`, "id");
    await badRequest("/services/%27%3B--", "id");
  });

  it("orders search results by the search module's relevance", async () => {
    const [target] = await q<{ name: string }>(sql`select name from services where status = 'active' order by length(name) desc limit 1`);
    const word = target!.name.split(/\s+/).find((w) => w.length >= 5) ?? target!.name;
    const body = await ok(`/services?search=${encodeURIComponent(word)}&per_page=200`, v.servicePage);
    expect(body.total_items).toBeGreaterThan(0);
    const ranked = (await rankServiceIds(t.db as unknown as Database, word)).map((r) => r.id).filter((id) => publicIds.includes(id));
    expect(ids(body.contents)).toEqual(ranked.slice(0, 200));
    expect(body.total_items).toBe(ranked.length);
    const paged = await ok(`/services?search=${encodeURIComponent(word)}&per_page=1&page=1`, v.servicePage);
    expect(paged.contents[0]?.id).toBe(ranked[0]);
    const none = await ok("/services?search=zzqxjwv%20kkqpz", v.servicePage);
    expect(none).toMatchObject({ total_items: 0, total_pages: 0, size: 0, empty: true, contents: [] });
    await badRequest(`/services?search=${"a".repeat(501)}`, "search");
    expect((await ok("/services?search=%20%20", v.servicePage)).total_items).toBe(publicIds.length);
  });

  it("filters by taxonomy term (with its descendants), taxonomy and organization", async () => {
    const [parent] = await q<{ id: string }>(sql`
      select p.id from taxonomy_terms p join taxonomy_terms c on c.parent_id = p.id
      join service_terms st on st.term_id = c.id join services s on s.id = st.service_id and s.status = 'active'
      group by p.id order by count(*) desc limit 1`);
    const expectedForTerm = await q<{ id: string }>(sql`
      select distinct st.service_id as id from service_terms st join services s on s.id = st.service_id
      where s.status in ('active', 'temporarily closed') and st.term_id in (
        with recursive tree(id) as (select ${parent!.id}::uuid union select c.id from taxonomy_terms c join tree on c.parent_id = tree.id)
        select id from tree)`);
    const byTerm = await allPages(`/services?taxonomy_term_id=${parent!.id}`, v.servicePage);
    expect(sorted(ids(byTerm))).toEqual(sorted(expectedForTerm.map((r) => r.id)));
    expect(byTerm.length).toBeGreaterThan(0);

    const [tax] = await q<{ id: string }>(sql`select taxonomy_id as id from taxonomy_terms where id = ${parent!.id}`);
    const expectedForTax = await q<{ id: string }>(sql`
      select distinct st.service_id as id from service_terms st join taxonomy_terms t on t.id = st.term_id
      join services s on s.id = st.service_id where s.status in ('active', 'temporarily closed') and t.taxonomy_id = ${tax!.id}`);
    expect(sorted(ids(await allPages(`/services?taxonomy_id=${tax!.id}`, v.servicePage)))).toEqual(sorted(expectedForTax.map((r) => r.id)));

    const [org] = await q<{ id: string; n: number }>(sql`
      select organization_id as id, count(*)::int as n from services where status in ('active', 'temporarily closed')
      group by organization_id order by count(*) desc limit 1`);
    const byOrg = await allPages(`/services?organization_id=${org!.id}`, v.servicePage);
    expect(byOrg).toHaveLength(org!.n);
    expect(byOrg.every((s) => s.organization_id === org!.id)).toBe(true);

    const combined = await allPages(`/services?taxonomy_term_id=${parent!.id}&organization_id=${org!.id}`, v.servicePage);
    expect(combined.every((s) => s.organization_id === org!.id && ids(byTerm).includes(s.id))).toBe(true);

    expect((await ok(`/services?taxonomy_term_id=${crypto.randomUUID()}`, v.servicePage)).total_items).toBe(0);
    for (const p of ["taxonomy_term_id", "taxonomy_id", "organization_id"]) await badRequest(`/services?${p}=123`, p);
  });

  it("filters by modification date", async () => {
    const [victim] = publicIds;
    await t.db.execute(sql`update services set last_modified = '2099-06-01T12:00:00Z' where id = ${victim}`);
    expect(ids((await ok("/services?modified_after=2099-06-01", v.servicePage)).contents)).toEqual([victim]);
    expect(ids((await ok("/services?modified_after=2099-06-01T12:00:00Z", v.servicePage)).contents)).toEqual([victim]);
    expect(ids((await ok("/services?modified_after=2099-06-01T13:00:00%2B01:00", v.servicePage)).contents)).toEqual([victim]);
    expect(ids((await ok("/services?modified_after=2099-06-01T13:00:00+01:00", v.servicePage)).contents)).toEqual([victim]);
    expect((await ok("/services?modified_after=2099-06-01T12:00:01Z", v.servicePage)).total_items).toBe(0);
    expect((await ok("/services?modified_after=1970-01-01", v.servicePage)).total_items).toBe(publicIds.length);
    for (const bad of ["yesterday", "2024-13-01", "2024-02-30", "2024-1-1", "0000-00-00", "2024-01-01T25:00:00Z", "2024-01-01T10:00:00+99:99", "12345"]) {
      await badRequest(`/services?modified_after=${encodeURIComponent(bad)}`, "modified_after");
    }
  });

  it("filters by the age range the services accept", async () => {
    const expected = async (min?: number, max?: number) => (await q<{ id: string }>(sql`
      select id from services where status in ('active', 'temporarily closed')
      and (${min ?? null}::numeric is null or maximum_age is null or maximum_age >= ${min ?? null}::numeric)
      and (${max ?? null}::numeric is null or minimum_age is null or minimum_age <= ${max ?? null}::numeric)`)).map((r) => r.id);
    for (const [min, max] of [[5, 5], [0, 2], [16, undefined], [undefined, 1], [40, 60]] as const) {
      const params = [min !== undefined ? `minimum_age=${min}` : "", max !== undefined ? `maximum_age=${max}` : ""].filter(Boolean).join("&");
      const items = await allPages(`/services?${params}`, v.servicePage);
      expect(sorted(ids(items)), params).toEqual(sorted(await expected(min, max)));
      for (const s of items) {
        if (min !== undefined && s.maximum_age !== undefined) expect(s.maximum_age).toBeGreaterThanOrEqual(min);
        if (max !== undefined && s.minimum_age !== undefined) expect(s.minimum_age).toBeLessThanOrEqual(max);
      }
    }
    expect((await ok("/services?minimum_age=2.5", v.servicePage)).total_items).toBeGreaterThan(0);
    for (const bad of ["minimum_age=-1", "minimum_age=151", "minimum_age=abc", "maximum_age=", "maximum_age=1e400"]) {
      await badRequest(`/services?${bad}`, bad.split("=")[0]);
    }
    await badRequest("/services?minimum_age=10&maximum_age=5", "minimum_age");
  });

  it("filters by distance from a point or a municipality, nearest first", async () => {
    const places = await q<{ service_id: string; lat: number; lng: number }>(sql`
      select sal.service_id, l.latitude as lat, l.longitude as lng from service_at_locations sal
      join locations l on l.id = sal.location_id join services s on s.id = sal.service_id
      where s.status in ('active', 'temporarily closed') and l.latitude is not null`);
    expect(places.length).toBeGreaterThan(0);
    const center = places[0]!;
    const within = (lat: number, lng: number, km: number) =>
      sorted([...new Set(places.filter((p) => earthDistance(lat, lng, p.lat, p.lng) <= km * 1000).map((p) => p.service_id))]);
    for (const km of [0.5, 5, 30, 300]) {
      const items = await allPages(`/services?lat=${center.lat}&long=${center.lng}&proximity=${km}`, v.servicePage);
      expect(sorted(ids(items)), `${km} km`).toEqual(within(center.lat, center.lng, km));
      const distances = items.map((s) => Math.min(...places.filter((p) => p.service_id === s.id).map((p) => earthDistance(center.lat, center.lng, p.lat, p.lng))));
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
    expect(ids(await allPages(`/services?lat=${center.lat}&long=${center.lng}&proximity=0.5`, v.servicePage))).toContain(center.service_id);

    const [muni] = await q<{ istat: string; lat: number; lng: number }>(sql`
      select m.istat, m.lat, m.lng from municipalities m join locations l on l.municipality_istat = m.istat order by m.istat limit 1`);
    const byMuni = await allPages(`/services?municipality=${muni!.istat}&proximity=25`, v.servicePage);
    expect(sorted(ids(byMuni))).toEqual(within(muni!.lat, muni!.lng, 25));
    const everything = await allPages(`/services?municipality=${muni!.istat}`, v.servicePage);
    expect(everything).toHaveLength(publicIds.length);
    const search = await ok(`/services?search=${encodeURIComponent("famiglia")}&lat=${center.lat}&long=${center.lng}&proximity=300`, v.servicePage);
    expect(search.size).toBeLessThanOrEqual(search.total_items);
  });

  it("rejects incomplete or impossible places with a 400", async () => {
    await badRequest("/services?lat=43.7", "long");
    await badRequest("/services?long=11.2", "lat");
    await badRequest("/services?lat=43.7&long=11.2&municipality=048017", "municipality");
    await badRequest("/services?proximity=10", "proximity");
    await badRequest("/services?lat=100&long=11&proximity=5", "lat");
    await badRequest("/services?lat=43&long=181&proximity=5", "long");
    await badRequest("/services?lat=43&long=11&proximity=0", "proximity");
    await badRequest("/services?lat=43&long=11&proximity=-3", "proximity");
    await badRequest("/services?lat=43&long=11&proximity=abc", "proximity");
    await badRequest("/services?municipality=abc", "municipality");
    const unknown = await badRequest("/services?municipality=999999&proximity=10", "municipality");
    expect(unknown.message).toContain("999999");
  });

  it("speaks Italian by default and English or Arabic when asked", async () => {
    const it_ = (await get("/services?page=0")).body.message as string;
    const en = (await get("/services?page=0", { "Accept-Language": "en-GB,en;q=0.9" })).body.message as string;
    const ar = (await get("/services?page=0", { "Accept-Language": "ar" })).body.message as string;
    expect(it_).toMatch(/numero intero/);
    expect(en).toMatch(/whole number/);
    expect(ar).not.toBe(it_);
    expect((await get(`/services/${crypto.randomUUID()}`, { "Accept-Language": "en" })).body.message).toMatch(/No published service/);
  });

  it("never answers 5xx, whatever the input", async () => {
    const nasty = ["%00", "%27%3B%20drop%20table%20services%3B--", "%E2%80%AE", "%F0%9F%98%80", "%ff%fe", "\\", "%25", "_", "(", "!!!", "a%00b",
      encodeURIComponent("«mio figlio non riesce a leggere»"), encodeURIComponent("' OR 1=1 --"), encodeURIComponent("<script>")];
    const params = ["search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "minimum_age", "maximum_age",
      "proximity", "lat", "long", "municipality", "page", "per_page", "format", "parent_id", "top_only"];
    for (const path of ["/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms"]) {
      for (const p of params) {
        for (const value of nasty) {
          const res = await app.request(`${path}?${p}=${value}`);
          expect(res.status, `${path}?${p}=${value}`).toBeLessThan(500);
          expect(res.headers.get("content-type")).toContain("application/json");
        }
      }
    }
    for (const id of ["%00", "x".repeat(5000), "00000000-0000-0000-0000-000000000000", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd"]) {
      for (const path of ["/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms"]) {
        expect((await app.request(`${path}/${id}`)).status, `${path}/${id}`).toBeLessThan(500);
      }
    }
  });

  it("fetches a page's nested details in a fixed number of queries", async () => {
    let count = 0;
    const counting = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "execute") return (...args: unknown[]) => { count++; return (target.execute as (...a: unknown[]) => unknown)(...args); };
        return Reflect.get(target, prop, receiver);
      },
    }) as unknown as Database;
    const measure = async (n: number) => {
      count = 0;
      const services = await loadHsdsServices(counting, publicIds.slice(0, n));
      expect(services).toHaveLength(Math.min(n, publicIds.length));
      return count;
    };
    expect(await measure(1)).toBe(await measure(publicIds.length));
    const api = hsdsRoutes({ ...t.services, db: counting });
    count = 0;
    await api.request("/services?per_page=1");
    const small = count;
    count = 0;
    await api.request("/services?per_page=200");
    expect(count).toBe(small);
  });
});

describe("HSDS API: organizations, services at locations, taxonomies", () => {
  it("lists and returns organizations", async () => {
    const [{ n }] = (await q<{ n: number }>(sql`select count(*)::int as n from organizations`)) as [{ n: number }];
    const all = await allPages("/organizations", v.organizationPage);
    expect(all).toHaveLength(n);
    const target = all[0]!;
    const needle = (target.name as string).split(/\s+/).find((w: string) => w.length >= 5)!.toUpperCase();
    const found = await allPages(`/organizations?search=${encodeURIComponent(needle)}`, v.organizationPage);
    expect(ids(found)).toContain(target.id);
    expect(found.every((o) => (o.name as string).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").includes(needle.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")))).toBe(true);
    expect((await ok("/organizations?search=%25", v.organizationPage)).total_items).toBe(0);

    for (const org of all) {
      const full = await ok(`/organizations/${org.id}`, v.organization);
      expect(full.id).toBe(org.id);
      for (const s of full.services) {
        expect(publicIds).toContain(s.id);
        expect(s.organization_id).toBe(org.id);
      }
    }
    expect((await get(`/organizations/${crypto.randomUUID()}`)).status).toBe(404);
    await badRequest("/organizations/nope", "id");
    await badRequest("/organizations?per_page=500", "per_page");
  });

  it("lists and returns services at locations", async () => {
    const [{ n }] = (await q<{ n: number }>(sql`
      select count(*)::int as n from service_at_locations sal join services s on s.id = sal.service_id
      where s.status in ('active', 'temporarily closed')`)) as [{ n: number }];
    const all = await allPages("/service_at_locations", v.serviceAtLocationPage);
    expect(all).toHaveLength(n);
    for (const sal of all.slice(0, 40)) {
      const full = await ok(`/service_at_locations/${sal.id}`, v.serviceAtLocation);
      expect(full).toMatchObject({ id: sal.id, service_id: sal.service_id, location_id: sal.location_id });
      expect(full.service.id).toBe(sal.service_id);
      expect(full.location.id).toBe(sal.location_id);
    }
    const org = all[0]!.service.organization_id as string;
    const byOrg = await allPages(`/service_at_locations?organization_id=${org}`, v.serviceAtLocationPage);
    expect(byOrg.every((x) => x.service.organization_id === org)).toBe(true);
    const withPoint = all.find((x) => typeof x.location.latitude === "number")!;
    const near = await allPages(`/service_at_locations?lat=${withPoint.location.latitude}&long=${withPoint.location.longitude}&proximity=1`, v.serviceAtLocationPage);
    expect(ids(near)).toContain(withPoint.id);
    for (const x of near) expect(earthDistance(withPoint.location.latitude, withPoint.location.longitude, x.location.latitude, x.location.longitude)).toBeLessThanOrEqual(1000);
    expect((await get(`/service_at_locations/${crypto.randomUUID()}`)).status).toBe(404);
    await badRequest("/service_at_locations/123", "id");
    await badRequest("/service_at_locations?page=0", "page");
  });

  it("lists taxonomies and their terms", async () => {
    const [{ n }] = (await q<{ n: number }>(sql`select count(*)::int as n from taxonomies`)) as [{ n: number }];
    const taxonomies = await allPages("/taxonomies", v.taxonomyPage);
    expect(taxonomies).toHaveLength(n);
    for (const tx of taxonomies) assertValid(v.taxonomy, await ok(`/taxonomies/${tx.id}`), "taxonomy");
    const [{ m }] = (await q<{ m: number }>(sql`select count(*)::int as m from taxonomy_terms`)) as [{ m: number }];
    const terms = await allPages("/taxonomy_terms", v.taxonomyTermPage);
    expect(terms).toHaveLength(m);
    const tax = taxonomies[0]!;
    const ofTax = await allPages(`/taxonomy_terms?taxonomy_id=${tax.id}`, v.taxonomyTermPage);
    expect(ofTax.length).toBe(terms.filter((x) => x.taxonomy_id === tax.id).length);
    const top = await allPages("/taxonomy_terms?top_only=true", v.taxonomyTermPage);
    expect(top.length).toBe(terms.filter((x) => !x.parent_id).length);
    const parent = terms.find((x) => terms.some((c) => c.parent_id === x.id));
    if (parent) {
      const children = await allPages(`/taxonomy_terms?parent_id=${parent.id}`, v.taxonomyTermPage);
      expect(sorted(ids(children))).toEqual(sorted(ids(terms.filter((c) => c.parent_id === parent.id))));
    }
    assertValid(v.taxonomyTerm, await ok(`/taxonomy_terms/${terms[0]!.id}`), "taxonomy term");
    expect((await ok(`/taxonomy_terms?search=${encodeURIComponent(terms[0]!.name)}`, v.taxonomyTermPage)).total_items).toBeGreaterThan(0);
    expect((await get(`/taxonomies/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await get(`/taxonomy_terms/${crypto.randomUUID()}`)).status).toBe(404);
    await badRequest("/taxonomy_terms?top_only=maybe", "top_only");
    await badRequest("/taxonomy_terms?parent_id=x", "parent_id");
    await badRequest("/taxonomies?page=-2", "page");
  });
});

describe("HSDS API: export", () => {
  it("downloads every published service as one JSON array", async () => {
    const res = await app.request("/export.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = JSON.parse(await res.text()) as Json[];
    expect(sorted(ids(body))).toEqual(sorted(publicIds));
    for (const s of body) assertValid(v.service, s, `export ${s.id}`);
  });
});
