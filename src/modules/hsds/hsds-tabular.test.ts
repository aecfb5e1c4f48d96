import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { HsdsSourceError, flattenServices, parseTabularPackage, renderTabularPackage } from "./hsds-tabular.js";
import { hsdsServiceValidator } from "./hsds-schema.js";
import { HSDS_DIR } from "./hsds.test-support.js";

const dir = path.join(HSDS_DIR, "examples", "csv");
const exampleFiles = () => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));

describe("HSDS tabular package → nested services", () => {
  it("nests the example package into valid service objects", async () => {
    const { services, warnings } = parseTabularPackage(exampleFiles());
    expect(services).toHaveLength(1);
    const s = services[0] as Record<string, any>;
    const validate = await hsdsServiceValidator();
    expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    expect(s.organization.name).toBe("Example Organization Inc.");
    expect(s.minimum_age).toBe(12);
    expect(s.service_at_locations[0].location.addresses[0].city).toBe("MyCity");
    expect(s.service_at_locations[0].location.latitude).toBe(100);
    expect(s.service_at_locations[0].schedules[0].byday).toBe("TH,FR");
    expect(s.contacts[0].phones[0].number).toBe('"+44 1234 234567"');
    expect(s.cost_options[0].amount).toBe(35);
    // The example's datapackage.json is not a JSON document: standard file names are used, with a warning.
    expect(warnings.join(" ")).toMatch(/datapackage/);
  });

  it("follows the file names of datapackage.json", () => {
    const files = exampleFiles();
    const renamed: Record<string, string> = { ...files, "servizi.csv": files["services.csv"]! };
    delete renamed["services.csv"];
    renamed["datapackage.json"] = JSON.stringify({ resources: [{ name: "service", path: "data/servizi.csv" }] });
    const { services, warnings } = parseTabularPackage(renamed);
    expect(services).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it("refuses a package without services or with a broken CSV", () => {
    expect(() => parseTabularPackage({ "organizations.csv": "id,name\n" })).toThrow(HsdsSourceError);
    expect(() => parseTabularPackage({ "services.csv": 'id,name\n"a,b\n' })).toThrow(/services\.csv/);
  });
});

describe("nested services → HSDS tabular package", () => {
  it("writes every table with its header and reads back the same service", () => {
    const { services } = parseTabularPackage(exampleFiles());
    const files = renderTabularPackage(flattenServices(services as Record<string, unknown>[]), { name: "t", title: "t" });
    expect(Object.keys(files)).toContain("datapackage.json");
    const manifest = JSON.parse(files["datapackage.json"]!);
    expect(manifest.resources).toHaveLength(21);
    for (const r of manifest.resources) {
      const [header] = parse(files[r.path]!, { to_line: 1 }) as string[][];
      expect(header).toEqual(r.schema.fields.map((f: { name: string }) => f.name));
    }
    const again = parseTabularPackage(files);
    expect(again.services).toEqual(services);
  });
});
