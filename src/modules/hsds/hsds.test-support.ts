import fs from "node:fs";
import path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Validators built from the official HSDS 3.0 files in ../shared/hsds-3.0 (the reference the
 * API output must satisfy), not from the copies vendored in ./schema.
 */
export const HSDS_DIR = path.resolve("..", "shared", "hsds-3.0");

function readJson(...parts: string[]): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(HSDS_DIR, ...parts), "utf8")) as Record<string, unknown>;
}

export interface HsdsValidators {
  service: ValidateFunction;
  servicePage: ValidateFunction;
  organization: ValidateFunction;
  organizationPage: ValidateFunction;
  serviceAtLocation: ValidateFunction;
  serviceAtLocationPage: ValidateFunction;
  taxonomy: ValidateFunction;
  taxonomyPage: ValidateFunction;
  taxonomyTerm: ValidateFunction;
  taxonomyTermPage: ValidateFunction;
}

let cached: HsdsValidators | null = null;

export function loadHsdsValidators(): HsdsValidators {
  if (cached) return cached;
  if (!fs.existsSync(path.join(HSDS_DIR, "schema", "compiled", "service.json"))) {
    throw new Error(
      `HSDS 3.0 schemas not found in ${HSDS_DIR} (expected schema/compiled/service.json). ` +
        "The HSDS tests validate API output against the official Open Referral files: put them in ../shared/hsds-3.0 next to the repository.",
    );
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const base = "https://hsds.test/schema/";
  for (const file of fs.readdirSync(path.join(HSDS_DIR, "schema")).filter((f) => f.endsWith(".json") && f !== "openapi.json")) {
    ajv.addSchema({ ...readJson("schema", file), $id: base + file });
  }
  const openapi = readJson("schema", "openapi.json") as { components: { schemas: { Page: { properties: Record<string, unknown> } } } };
  const pageFields = openapi.components.schemas.Page.properties;
  const page = (items: object) => ajv.compile({
    type: "object",
    required: [...Object.keys(pageFields), "contents"],
    properties: { ...pageFields, contents: { type: "array", items } },
  });
  const compiled = (name: string) => readJson("schema", "compiled", `${name}.json`);

  cached = {
    service: ajv.compile(compiled("service")),
    servicePage: page(compiled("service_list")),
    organization: ajv.compile(compiled("organization")),
    organizationPage: page(compiled("organization_list")),
    serviceAtLocation: ajv.compile(compiled("service_at_location")),
    serviceAtLocationPage: page(compiled("service_at_location_list")),
    taxonomy: ajv.getSchema(`${base}taxonomy.json`)!,
    taxonomyPage: page({ $ref: `${base}taxonomy.json` }),
    taxonomyTerm: ajv.getSchema(`${base}taxonomy_term.json`)!,
    taxonomyTermPage: page({ $ref: `${base}taxonomy_term.json` }),
  };
  return cached;
}

/** Throws with Ajv's explanation when `data` does not validate. */
export function assertValid(validate: ValidateFunction, data: unknown, label = "response"): void {
  if (validate(data)) return;
  const errors = (validate.errors ?? []).slice(0, 8).map((e) => `  ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("\n");
  throw new Error(`${label} does not validate against the HSDS 3.0 schema:\n${errors}`);
}

/** Great-circle distance in metres on earthdistance's sphere (radius 6378168 m). */
export function earthDistance(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lng2 - lng1) / 2) ** 2;
  return 2 * 6378168 * Math.asin(Math.min(1, Math.sqrt(a)));
}
