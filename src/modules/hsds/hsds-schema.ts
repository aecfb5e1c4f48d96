import type { ValidateFunction } from "ajv/dist/2020.js";
import accessibility from "./schema/accessibility.json" with { type: "json" };
import address from "./schema/address.json" with { type: "json" };
import attribute from "./schema/attribute.json" with { type: "json" };
import contact from "./schema/contact.json" with { type: "json" };
import costOption from "./schema/cost_option.json" with { type: "json" };
import funding from "./schema/funding.json" with { type: "json" };
import language from "./schema/language.json" with { type: "json" };
import location from "./schema/location.json" with { type: "json" };
import metaTableDescription from "./schema/meta_table_description.json" with { type: "json" };
import metadata from "./schema/metadata.json" with { type: "json" };
import organization from "./schema/organization.json" with { type: "json" };
import organizationIdentifier from "./schema/organization_identifier.json" with { type: "json" };
import phone from "./schema/phone.json" with { type: "json" };
import program from "./schema/program.json" with { type: "json" };
import requiredDocument from "./schema/required_document.json" with { type: "json" };
import schedule from "./schema/schedule.json" with { type: "json" };
import service from "./schema/service.json" with { type: "json" };
import serviceArea from "./schema/service_area.json" with { type: "json" };
import serviceAtLocation from "./schema/service_at_location.json" with { type: "json" };
import taxonomy from "./schema/taxonomy.json" with { type: "json" };
import taxonomyTerm from "./schema/taxonomy_term.json" with { type: "json" };

/**
 * The HSDS 3.0 schemas vendored in ./schema (bundled as modules so they travel with the server
 * build), an Ajv validator for one service record, and the tabular layout derived from them.
 */
export const HSDS_SCHEMAS: Record<string, HsdsSchema> = {
  "accessibility.json": accessibility,
  "address.json": address,
  "attribute.json": attribute,
  "contact.json": contact,
  "cost_option.json": costOption,
  "funding.json": funding,
  "language.json": language,
  "location.json": location,
  "meta_table_description.json": metaTableDescription,
  "metadata.json": metadata,
  "organization.json": organization,
  "organization_identifier.json": organizationIdentifier,
  "phone.json": phone,
  "program.json": program,
  "required_document.json": requiredDocument,
  "schedule.json": schedule,
  "service.json": service,
  "service_area.json": serviceArea,
  "service_at_location.json": serviceAtLocation,
  "taxonomy.json": taxonomy,
  "taxonomy_term.json": taxonomyTerm,
};

export interface HsdsSchema {
  name: string;
  path?: string;
  datapackage_metadata?: { order?: number };
  properties: Record<string, { type?: string; format?: string; datapackage_type?: string; description?: string }>;
  required?: string[];
}

const BASE = "https://crocevia.invalid/hsds-3.0/schema/";
let validator: ValidateFunction | null = null;

/**
 * Validates one service object against service.json and what it references (= compiled/service.json).
 * Ajv is loaded on first use, so the read API does not need it.
 */
export async function hsdsServiceValidator(): Promise<ValidateFunction> {
  if (validator) return validator;
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const { default: addFormats } = await import("ajv-formats");
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const [file, schema] of Object.entries(HSDS_SCHEMAS)) ajv.addSchema({ ...schema, $id: BASE + file });
  validator = ajv.getSchema(BASE + "service.json")!;
  return validator;
}

export interface TabularTable {
  /** Resource name in datapackage.json ("service"). */
  name: string;
  /** File name ("services.csv"). */
  path: string;
  /** Column headers, in the order of the HSDS tabular format. */
  fields: { name: string; type: string; format?: string }[];
  required: string[];
}

/** Every table of the HSDS tabular data package, in datapackage order. */
export const TABULAR_TABLES: TabularTable[] = Object.values(HSDS_SCHEMAS)
  .filter((s) => s.path && s.datapackage_metadata?.order !== undefined)
  .sort((a, b) => a.datapackage_metadata!.order! - b.datapackage_metadata!.order!)
  .map((s) => ({
    name: s.name,
    path: s.path!,
    fields: Object.entries(s.properties)
      .filter(([, p]) => p.type === "string" || p.type === "number" || p.type === "integer" || p.type === "boolean")
      .map(([name, p]) => ({
        name,
        type: p.datapackage_type ?? (p.type === "number" ? "number" : "string"),
        ...(p.format && p.format !== "uuid" ? { format: p.format } : {}),
      })),
    required: (s.required ?? []).filter((r) => Object.prototype.hasOwnProperty.call(s.properties, r)),
  }));

export const tabularTable = (name: string) => TABULAR_TABLES.find((t) => t.name === name)!;
