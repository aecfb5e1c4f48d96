import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HSDS_SCHEMAS, TABULAR_TABLES, hsdsServiceValidator } from "./hsds-schema.js";
import { HSDS_DIR } from "./hsds.test-support.js";

const shared = (...p: string[]) => path.join(HSDS_DIR, ...p);

describe("vendored HSDS 3.0 schemas", () => {
  it("are the official files, unchanged", () => {
    if (!fs.existsSync(shared("schema"))) throw new Error(`HSDS 3.0 files not found in ${HSDS_DIR}: put ../shared/hsds-3.0 next to the repository`);
    const official = fs.readdirSync(shared("schema")).filter((f) => f.endsWith(".json") && f !== "openapi.json").sort();
    expect(Object.keys(HSDS_SCHEMAS).sort()).toEqual(official);
    for (const file of official) expect(HSDS_SCHEMAS[file], file).toEqual(JSON.parse(fs.readFileSync(shared("schema", file), "utf8")));
  });

  it("validate a service as the compiled service.json does", async () => {
    const validate = await hsdsServiceValidator();
    const example = JSON.parse(fs.readFileSync(shared("examples", "service_full.json"), "utf8"));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, status: "chiuso" })).toBe(false);
    expect(validate({ ...example, id: "x" })).toBe(false);
    const nested = structuredClone(example);
    nested.service_at_locations[0].location.addresses[0].country = 39;
    expect(validate(nested)).toBe(false);
  });

  it("give the tabular layout of the example data package", () => {
    const dir = shared("examples", "csv");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".csv"));
    expect(TABULAR_TABLES.map((t) => t.path).sort()).toEqual(files.sort());
    for (const table of TABULAR_TABLES) {
      const header = fs.readFileSync(path.join(dir, table.path), "utf8").split(/\r?\n/)[0];
      expect(table.fields.map((f) => f.name).join(","), table.path).toBe(header);
    }
    expect(TABULAR_TABLES[0]!.name).toBe("organization");
  });
});
