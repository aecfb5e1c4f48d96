import { describe, expect, it } from "vitest";
import { queryObject, serviceQuerySchema, termQuerySchema } from "./hsds.schemas.js";
import { buildHsdsOpenApi } from "./hsds-openapi.js";

const parse = (qs: string) => serviceQuerySchema.safeParse(queryObject(`http://x/services?${qs}`));
const issue = (qs: string) => {
  const r = parse(qs);
  return r.success ? null : { param: r.error.issues[0]!.path[0], message: r.error.issues[0]!.message };
};

describe("HSDS query parameters", () => {
  it("defaults to the first page of 50", () => {
    expect(parse("")).toMatchObject({ success: true, data: { page: 1, per_page: 50 } });
  });

  it("reads dates in ISO 8601, forgiving a '+' decoded as a space", () => {
    const date = (v: string) => (parse(`modified_after=${v}`) as { data?: { modified_after: Date } }).data?.modified_after.toISOString();
    expect(date("2024-03-01")).toBe("2024-03-01T00:00:00.000Z");
    expect(date("2024-03-01T10:30")).toBe("2024-03-01T10:30:00.000Z");
    expect(date("2024-03-01T10:30:00%2B01:00")).toBe("2024-03-01T09:30:00.000Z");
    expect(date("2024-03-01T10:30:00+01:00")).toBe("2024-03-01T09:30:00.000Z");
    expect(date("2024-03-01T10:30:00-0200")).toBe("2024-03-01T12:30:00.000Z");
    expect(date("2024-03-01%2010:30:00Z")).toBe("2024-03-01T10:30:00.000Z");
    for (const bad of ["2024-02-30", "2023-02-29", "24-03-01", "2024-03-01T24:30:00Z", "ieri", ""]) {
      expect(issue(`modified_after=${bad}`), bad).toEqual({ param: "modified_after", message: "errors.invalidDate" });
    }
    expect(date("2024-02-29")).toBe("2024-02-29T00:00:00.000Z");
  });

  it("checks places, ages and paging together", () => {
    expect(issue("lat=43")).toMatchObject({ param: "long", message: "errors.coordinatesPair" });
    expect(issue("proximity=5")).toMatchObject({ param: "proximity", message: "errors.proximityWithoutCenter" });
    expect(issue("municipality=048017&lat=1&long=2")).toMatchObject({ param: "municipality", message: "errors.centerConflict" });
    expect(issue("minimum_age=9&maximum_age=3")).toMatchObject({ param: "minimum_age", message: "errors.ageRange" });
    expect(issue("per_page=201")).toMatchObject({ param: "per_page", message: "errors.invalidPerPage" });
    expect(issue("taxonomy_id=abc")).toMatchObject({ param: "taxonomy_id", message: "errors.invalidUuid" });
    expect(parse("lat=43.5&long=-11&proximity=2.5&municipality=")).toMatchObject({ success: false });
    expect(parse("lat=43.5&long=-11&proximity=2.5")).toMatchObject({ success: true, data: { lat: 43.5, long: -11, proximity: 2.5 } });
    expect(parse("search=%00%20ciao%00")).toMatchObject({ success: true, data: { search: "ciao" } });
    expect(parse("page=2&page=3")).toMatchObject({ data: { page: 2 } });
    expect(termQuerySchema.safeParse({ top_only: "TRUE" })).toMatchObject({ success: true, data: { top_only: true } });
  });

  it("describes every endpoint in the OpenAPI document", () => {
    const doc = buildHsdsOpenApi("https://crocevia.example.org");
    expect(doc.servers[0]!.url).toBe("https://crocevia.example.org/api/hsds");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/", "/services", "/services/{id}", "/taxonomy_terms"]));
  });
});
