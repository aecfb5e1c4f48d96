import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { exportHsdsCsvPackage, exportHsdsJson, hsdsRoutes, importHsds } from "./index.js";
import { assertValid, HSDS_DIR, loadHsdsValidators, type HsdsValidators } from "./hsds.test-support.js";

type Json = Record<string, any>;
let v: HsdsValidators;
let demo: TestDb;
let exported: Json[];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crocevia-hsds-export-"));

beforeAll(async () => {
  v = loadHsdsValidators();
  demo = await createTestDb("demo");
  exported = await exportHsdsJson(demo.db);
});
afterAll(async () => {
  await demo?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("HSDS export", () => {
  it("exports every published service, as the API returns it, valid against compiled service.json", async () => {
    const [{ n }] = ((await demo.db.execute(sql`
      select count(*)::int as n from services where status in ('active', 'temporarily closed')`)) as unknown as { rows: [{ n: number }] }).rows;
    expect(exported).toHaveLength(n);
    const api = hsdsRoutes(demo.services);
    for (const s of exported) {
      assertValid(v.service, s, `export ${s.id}`);
      expect(await (await api.request(`/services/${s.id}`)).json()).toEqual(s);
    }
    const all = await exportHsdsJson(demo.db, { publicOnly: false });
    const [{ total }] = ((await demo.db.execute(sql`select count(*)::int as total from services`)) as unknown as { rows: [{ total: number }] }).rows;
    expect(all).toHaveLength(total);
  });

  it("writes a tabular data package with the HSDS headers", async () => {
    const dir = path.join(tmp, "csv");
    const result = await exportHsdsCsvPackage(demo.db, dir);
    expect(result.services).toBe(exported.length);
    const example = path.join(HSDS_DIR, "examples", "csv");
    for (const file of fs.readdirSync(example).filter((f) => f.endsWith(".csv"))) {
      const header = (f: string) => fs.readFileSync(f, "utf8").split(/\r?\n/)[0];
      expect(header(path.join(dir, file)), file).toBe(header(path.join(example, file)));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8")) as Json;
    expect(manifest.profile).toBe("tabular-data-package");
    for (const r of manifest.resources) {
      expect(fs.existsSync(path.join(dir, r.path)), r.path).toBe(true);
      const [headerRow] = parse(fs.readFileSync(path.join(dir, r.path), "utf8"), { to_line: 1 }) as string[][];
      expect(headerRow, r.path).toEqual(r.schema.fields.map((f: Json) => f.name));
    }
    const services = parse(fs.readFileSync(path.join(dir, "services.csv"), "utf8"), { columns: true }) as Json[];
    expect(services.map((s) => s.id).sort()).toEqual(exported.map((s) => s.id).sort());
  });
});

describe("HSDS round trip", () => {
  let empty: TestDb;
  beforeAll(async () => { empty = await createTestDb("empty"); });
  afterAll(async () => { await empty?.close(); });

  it("export JSON, import into an empty database: the same services come back", async () => {
    const file = path.join(tmp, "services.json");
    fs.writeFileSync(file, JSON.stringify(exported));
    const report = await importHsds(empty.db, file);
    expect(report.failed).toEqual([]);
    expect(report).toMatchObject({ total: exported.length, imported: exported.length, updated: 0 });
    expect(await exportHsdsJson(empty.db)).toEqual(exported);
    const again = await importHsds(empty.db, file);
    expect(again).toMatchObject({ imported: 0, updated: exported.length, failed: [] });
    expect(await exportHsdsJson(empty.db)).toEqual(exported);
  });

  it("export CSV, import into another empty database: the same services come back", async () => {
    const other = await createTestDb("empty");
    try {
      const dir = path.join(tmp, "csv-roundtrip");
      await exportHsdsCsvPackage(demo.db, dir);
      const report = await importHsds(other.db, dir);
      expect(report.failed).toEqual([]);
      expect(report.imported).toBe(exported.length);
      expect(await exportHsdsJson(other.db)).toEqual(exported);
    } finally {
      await other.close();
    }
  });
});
