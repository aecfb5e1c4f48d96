import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { HSDS_UPLOAD_FIELD, importHsdsUpload } from "./index.js";
import { HSDS_DIR } from "./hsds.test-support.js";

type Json = Record<string, any>;
const EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b";
const URL_ = "http://localhost/backoffice/importa";

let example: Json;
let csvDir: string;

/** A browser-like multipart upload of the given files (name → content). */
function upload(files: Record<string, string | Uint8Array>, extra: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [name, content] of Object.entries(files)) form.append(HSDS_UPLOAD_FIELD, new File([content as BlobPart], name));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return new Request(URL_, { method: "POST", body: form });
}

async function count(t: TestDb, table: "services" | "organizations"): Promise<number> {
  const res = await t.db.execute(sql`select count(*)::int as n from ${sql.raw(table)}`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

beforeAll(() => {
  example = JSON.parse(fs.readFileSync(path.join(HSDS_DIR, "examples", "service_full.json"), "utf8")) as Json;
  csvDir = path.join(HSDS_DIR, "examples", "csv");
});

describe("HSDS import by upload", () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb("empty"); });
  afterAll(async () => { await t?.close(); });

  it("imports a JSON file of services, reporting a bad record with its reason while the rest goes in", async () => {
    const bad = { id: "not-a-service", name: 42 };
    const result = await importHsdsUpload(t.db, upload({ "servizi.json": JSON.stringify([example, bad]) }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.files).toEqual(["servizi.json"]);
    expect(result.report).toMatchObject({ total: 2, imported: 1, updated: 0 });
    expect(result.report.failed).toHaveLength(1);
    expect(result.report.failed[0]).toMatchObject({ ref: "not-a-service", index: 1, code: "schema" });
    expect(result.report.failed[0]!.reason.length).toBeGreaterThan(0);
    const rows = await t.db.execute(sql`select name from services where id = ${EXAMPLE_ID}::uuid`);
    expect((rows as unknown as { rows: { name: string }[] }).rows).toEqual([{ name: "Community Counselling" }]);
  });

  it("updates on a second upload of the same data (idempotent by id)", async () => {
    const before = await count(t, "services");
    const result = await importHsdsUpload(t.db, upload({ "servizi.json": JSON.stringify([example]) }));
    expect(result.ok && result.report).toMatchObject({ total: 1, imported: 0, updated: 1, failed: [] });
    expect(await count(t, "services")).toBe(before);
  });

  it("imports the files of a tabular data package (datapackage.json + CSVs)", async () => {
    const files = Object.fromEntries(fs.readdirSync(csvDir).map((f) => [f, fs.readFileSync(path.join(csvDir, f), "utf8")]));
    const result = await importHsdsUpload(t.db, upload(files));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.total).toBeGreaterThan(0);
    expect(result.report.imported + result.report.updated).toBe(result.report.total - result.report.failed.length);
    expect(result.files).toContain("datapackage.json");
  });

  it("refuses what is not an upload of JSON or CSV files with a 400 and writes nothing", async () => {
    const before = await count(t, "services");
    const cases: [Request, number, string, string?][] = [
      [new Request(URL_, { method: "POST", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } }), 400, "notMultipart"],
      [upload({}, { other: "x" }), 400, "noFiles"],
      [upload({ "servizi.xml": "<services/>" }), 400, "fileType", "servizi.xml"],
      [upload({ "servizi.json": new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]) }), 400, "encoding", "servizi.json"],
      [upload({ "servizi.json": "[{\"id\": " }), 400, "source"],
      [upload({ "a.json": "[]", "b.json": "[]" }), 400, "source"],
      [upload({ "servizi.json": JSON.stringify({ hello: "world" }) }), 400, "source"],
      [upload({ "datapackage.json": "{}", "phones.csv": "id,number\n" }), 400, "source"],
    ];
    for (const [request, status, error, detail] of cases) {
      const result = await importHsdsUpload(t.db, request);
      expect(result, error).toMatchObject({ ok: false, status, error });
      if (detail && !result.ok) expect(result.detail).toBe(detail);
      if (error === "source" && !result.ok) expect(result.detail?.length).toBeGreaterThan(0);
    }
    const broken = new Request(URL_, { method: "POST", body: "--x\r\nnot a part", headers: { "content-type": "multipart/form-data; boundary=zzz" } });
    expect(await importHsdsUpload(t.db, broken)).toMatchObject({ ok: false, status: 400 });
    expect(await count(t, "services")).toBe(before);
  });

  it("answers 413 above the size limit, by declared length or while reading, and writes nothing", async () => {
    const before = await count(t, "services");
    const big = JSON.stringify([{ ...example, id: "5f9a2b1c-0000-4000-8000-000000000001", description: "x".repeat(5000) }]);
    const declared = upload({ "servizi.json": big });
    const withLength = new Request(URL_, {
      method: "POST", body: await declared.arrayBuffer(),
      headers: { "content-type": declared.headers.get("content-type")!, "content-length": "999999999" },
    });
    expect(await importHsdsUpload(t.db, withLength, { maxBytes: 1000 })).toMatchObject({ ok: false, status: 413, error: "tooLarge" });
    // No Content-Length (a chunked body): the limit applies while reading; the excess is drained…
    const size = (await upload({ "servizi.json": big }).arrayBuffer()).byteLength;
    expect(await importHsdsUpload(t.db, upload({ "servizi.json": big }), { maxBytes: Math.floor(size / 2) }))
      .toMatchObject({ ok: false, status: 413, error: "tooLarge" });
    // …up to a point, then the stream is cancelled.
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) { controller.enqueue(new Uint8Array(4096).fill(0x61)); },
      cancel() { cancelled = true; },
    });
    const streamed = new Request(URL_, {
      method: "POST", body: endless, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=zzz" },
    } as RequestInit);
    expect(await importHsdsUpload(t.db, streamed, { maxBytes: 10_000 })).toMatchObject({ ok: false, status: 413, error: "tooLarge" });
    expect(cancelled).toBe(true);
    // Too many files at once.
    expect(await importHsdsUpload(t.db, upload({ "a.csv": "id\n", "b.csv": "id\n", "c.csv": "id\n" }), { maxFiles: 2 }))
      .toMatchObject({ ok: false, status: 400, error: "tooManyFiles", detail: "2" });
    expect(await count(t, "services")).toBe(before);
  });
});
