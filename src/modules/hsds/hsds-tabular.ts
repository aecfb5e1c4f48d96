import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { TABULAR_TABLES, tabularTable } from "./hsds-schema.js";
import { serviceAccessibilityId, type HsdsObject } from "./hsds.mappers.js";

/**
 * The HSDS tabular data package (datapackage.json + one CSV per table, as in
 * ../shared/hsds-3.0/examples/csv) ↔ fully nested service objects.
 */
export class HsdsSourceError extends Error {
  readonly code = "source";
}

type Row = Record<string, unknown>;
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const basename = (file: string) => file.split(/[\\/]/).pop()!.toLowerCase();

/** Table name → file name, from datapackage.json when it lists its resources, else the standard names. */
function resourcePaths(files: Map<string, string>, warnings: string[]): Map<string, string> {
  const paths = new Map(TABULAR_TABLES.map((t) => [t.name, t.path]));
  const manifest = files.get("datapackage.json");
  if (manifest === undefined) {
    warnings.push("datapackage.json assente: uso i nomi di file standard HSDS");
    return paths;
  }
  try {
    const json = JSON.parse(manifest) as { resources?: { name?: unknown; path?: unknown }[] };
    if (!Array.isArray(json.resources)) throw new Error("no resources");
    for (const r of json.resources) {
      if (typeof r.name === "string" && typeof r.path === "string" && paths.has(r.name)) paths.set(r.name, basename(r.path));
    }
  } catch {
    warnings.push("datapackage.json non leggibile: uso i nomi di file standard HSDS");
  }
  return paths;
}

function readTable(files: Map<string, string>, paths: Map<string, string>, name: string): Row[] {
  const table = tabularTable(name);
  const file = paths.get(name)!;
  const text = files.get(file) ?? (name === "service_at_location" ? files.get("service_at_locations.csv") : undefined);
  if (text === undefined) return [];
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  } catch (err) {
    throw new HsdsSourceError(`${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  const numeric = new Set(table.fields.filter((f) => f.type === "number" || f.type === "integer").map((f) => f.name));
  return records.map((rec) => {
    const row: Row = {};
    for (const [key, raw] of Object.entries(rec)) {
      const value = typeof raw === "string" ? raw.replace(/\r+$/, "") : "";
      if (value === "") continue;
      row[key.trim()] = numeric.has(key.trim()) && NUMERIC.test(value.trim()) ? Number(value.trim()) : value;
    }
    return row;
  });
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const k = row[key];
    if (typeof k !== "string") continue;
    (map.get(k) ?? map.set(k, []).get(k)!).push(row);
  }
  return map;
}

const byId = (rows: Row[]) => new Map(rows.filter((r) => typeof r.id === "string").map((r) => [r.id as string, r]));

/**
 * Reads a tabular package (file name → text) into nested service objects in the shape of
 * compiled/service.json, ready for the same validation and import as JSON records.
 */
export function parseTabularPackage(input: Record<string, string>): { services: unknown[]; organizations: Row[]; warnings: string[] } {
  const files = new Map(Object.entries(input).map(([name, text]) => [basename(name), text]));
  const warnings: string[] = [];
  const paths = resourcePaths(files, warnings);
  if (!files.has(paths.get("service")!)) throw new HsdsSourceError(`manca ${paths.get("service")}: nessun servizio da importare`);
  const t = (name: string) => readTable(files, paths, name);

  const services = t("service");
  const organizations = byId(t("organization"));
  const locations = byId(t("location"));
  const terms = byId(t("taxonomy_term"));
  const taxonomies = byId(t("taxonomy"));
  const serviceAtLocations = groupBy(t("service_at_location"), "service_id");
  const addresses = groupBy(t("address"), "location_id");
  const accessibility = groupBy(t("accessibility"), "location_id");
  const phones = t("phone");
  const phonesByService = groupBy(phones, "service_id");
  const phonesByContact = groupBy(phones, "contact_id");
  const phonesBySal = groupBy(phones, "service_at_location_id");
  const phonesByLocation = groupBy(phones, "location_id");
  const phonesByOrg = groupBy(phones, "organization_id");
  const schedules = t("schedule");
  const schedulesByService = groupBy(schedules, "service_id");
  const schedulesBySal = groupBy(schedules, "service_at_location_id");
  const schedulesByLocation = groupBy(schedules, "location_id");
  const contacts = t("contact");
  const contactsByService = groupBy(contacts, "service_id");
  const contactsBySal = groupBy(contacts, "service_at_location_id");
  const languages = groupBy(t("language"), "service_id");
  const costOptions = groupBy(t("cost_option"), "service_id");
  const documents = groupBy(t("required_document"), "service_id");
  const funding = groupBy(t("funding"), "service_id");
  const serviceAreas = groupBy(t("service_area"), "service_id");
  const attributes = groupBy(t("attribute"), "link_id");
  const programs = byId(t("program"));

  // Accessibility rows that repeat another service's own notes at a shared location (see hsds.mappers.ts).
  const serviceNoteOwner = new Map<string, string>();
  for (const s of services) {
    for (const sal of serviceAtLocations.get(s.id as string) ?? []) {
      const rows = accessibility.get(sal.location_id as string) ?? [];
      for (let i = 0; i < rows.length; i++) serviceNoteOwner.set(serviceAccessibilityId(s.id as string, sal.location_id as string, i), s.id as string);
    }
  }

  const withPhones = (contact: Row) => ({ ...contact, phones: phonesByContact.get(contact.id as string) ?? [] });
  const term = (id: unknown) => {
    const row = typeof id === "string" ? terms.get(id) : undefined;
    if (!row) return undefined;
    const detail = typeof row.taxonomy_id === "string" ? taxonomies.get(row.taxonomy_id) : undefined;
    return detail ? { ...row, taxonomy_detail: detail } : { ...row };
  };
  const location = (id: unknown, serviceId: string) => {
    const row = typeof id === "string" ? locations.get(id) : undefined;
    if (!row) return undefined;
    const lid = row.id as string;
    return {
      ...row,
      addresses: addresses.get(lid) ?? [],
      accessibility: (accessibility.get(lid) ?? []).filter((a) => {
        const owner = serviceNoteOwner.get(a.id as string);
        return !owner || owner === serviceId;
      }),
      phones: (phonesByLocation.get(lid) ?? []).filter((p) => !p.service_id && !p.contact_id && !p.service_at_location_id),
      schedules: (schedulesByLocation.get(lid) ?? []).filter((s) => !s.service_id && !s.service_at_location_id),
    };
  };

  const nested = services.map((s) => {
    const id = s.id as string;
    const org = typeof s.organization_id === "string" ? organizations.get(s.organization_id) : undefined;
    const program = typeof s.program_id === "string" ? programs.get(s.program_id) : undefined;
    // A row naming a link or contact this service does not have stays with the service itself.
    const salIds = new Set((serviceAtLocations.get(id) ?? []).map((x) => x.id as string));
    const contactIds = new Set((contactsByService.get(id) ?? []).map((x) => x.id as string));
    const atLocation = (r: Row) => typeof r.service_at_location_id === "string" && salIds.has(r.service_at_location_id);
    const ofContact = (r: Row) => typeof r.contact_id === "string" && contactIds.has(r.contact_id);
    const out: Row = {
      ...s,
      phones: (phonesByService.get(id) ?? []).filter((p) => !atLocation(p) && !ofContact(p)),
      schedules: (schedulesByService.get(id) ?? []).filter((x) => !atLocation(x)),
      service_areas: serviceAreas.get(id) ?? [],
      service_at_locations: (serviceAtLocations.get(id) ?? []).map((sal) => {
        const loc = location(sal.location_id, id);
        return {
          ...sal,
          schedules: schedulesBySal.get(sal.id as string) ?? [],
          phones: (phonesBySal.get(sal.id as string) ?? []).filter((p) => !ofContact(p)),
          contacts: (contactsBySal.get(sal.id as string) ?? []).filter((c) => c.service_id === id || !c.service_id).map(withPhones),
          ...(loc ? { location: loc } : {}),
        };
      }),
      languages: languages.get(id) ?? [],
      funding: funding.get(id) ?? [],
      cost_options: costOptions.get(id) ?? [],
      required_documents: documents.get(id) ?? [],
      contacts: (contactsByService.get(id) ?? []).filter((c) => !atLocation(c)).map(withPhones),
      attributes: (attributes.get(id) ?? []).map((a) => {
        const tt = term(a.taxonomy_term_id);
        return tt ? { ...a, taxonomy_term: tt } : a;
      }),
    };
    if (org) out.organization = { ...org, phones: (phonesByOrg.get(org.id as string) ?? []).filter((p) => !p.service_id && !p.location_id && !p.contact_id) };
    if (program) out.program = program;
    return out;
  });
  return { services: nested, organizations: [...organizations.values()], warnings };
}

// ---------------------------------------------------------------------------------------------
// Nested services → tables.

type Tables = Map<string, Map<string, Row>>;

function put(tables: Tables, table: string, row: Row) {
  const rows = tables.get(table) ?? tables.set(table, new Map()).get(table)!;
  const id = row.id as string;
  if (!rows.has(id)) rows.set(id, row);
}

const scalars = (o: HsdsObject) => Object.fromEntries(Object.entries(o).filter(([, v]) => v === null || typeof v !== "object"));
const list = (v: unknown) => (Array.isArray(v) ? (v as HsdsObject[]) : []);

function putPhones(tables: Tables, phones: HsdsObject[]) {
  for (const p of phones) put(tables, "phone", scalars(p));
}

function putLocation(tables: Tables, loc: HsdsObject) {
  put(tables, "location", scalars(loc));
  for (const l of list(loc.languages)) put(tables, "language", scalars(l));
  for (const a of list(loc.addresses)) put(tables, "address", scalars(a));
  for (const a of list(loc.accessibility)) put(tables, "accessibility", scalars(a));
  for (const s of list(loc.schedules)) put(tables, "schedule", scalars(s));
  putPhones(tables, list(loc.phones));
}

/** Flattens fully nested services (and extra organizations) into the rows of each HSDS table. */
export function flattenServices(services: HsdsObject[], organizations: HsdsObject[] = []): Map<string, Row[]> {
  const tables: Tables = new Map();
  for (const org of organizations) {
    put(tables, "organization", scalars(org));
    for (const f of list(org.funding)) put(tables, "funding", scalars(f));
    for (const p of list(org.programs)) put(tables, "program", scalars(p));
    putPhones(tables, list(org.phones));
    for (const loc of list(org.locations)) putLocation(tables, loc);
  }
  for (const s of services) {
    if (s.organization) put(tables, "organization", scalars(s.organization as HsdsObject));
    put(tables, "service", scalars(s));
    if (s.program) put(tables, "program", scalars(s.program as HsdsObject));
    for (const f of list(s.funding)) put(tables, "funding", scalars(f));
    for (const a of list(s.service_areas)) put(tables, "service_area", scalars(a));
    putPhones(tables, list(s.phones));
    for (const x of list(s.schedules)) put(tables, "schedule", scalars(x));
    for (const sal of list(s.service_at_locations)) {
      put(tables, "service_at_location", scalars(sal));
      for (const x of list(sal.schedules)) put(tables, "schedule", scalars(x));
      putPhones(tables, list(sal.phones));
      if (sal.location) putLocation(tables, sal.location as HsdsObject);
    }
    for (const l of list(s.languages)) put(tables, "language", scalars(l));
    for (const c of list(s.cost_options)) put(tables, "cost_option", scalars(c));
    for (const d of list(s.required_documents)) put(tables, "required_document", scalars(d));
    for (const c of list(s.contacts)) {
      put(tables, "contact", scalars(c));
      putPhones(tables, list(c.phones));
    }
    for (const a of list(s.attributes)) {
      put(tables, "attribute", scalars(a));
      const term = a.taxonomy_term as HsdsObject | undefined;
      if (term) {
        put(tables, "taxonomy_term", scalars(term));
        if (term.taxonomy_detail) put(tables, "taxonomy", scalars(term.taxonomy_detail as HsdsObject));
      }
    }
  }
  return new Map(TABULAR_TABLES.map((t) => [t.name, [...(tables.get(t.name)?.values() ?? [])]]));
}

/** CSV text of every table (headers exactly as the HSDS tabular format) and the datapackage.json. */
export function renderTabularPackage(tables: Map<string, Row[]>, meta: { name: string; title: string }): Record<string, string> {
  const files: Record<string, string> = {};
  for (const table of TABULAR_TABLES) {
    const columns = table.fields.map((f) => f.name);
    const rows = (tables.get(table.name) ?? []).map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? "" : String(r[c]))));
    files[table.path] = stringify(rows, { header: true, columns, record_delimiter: "\n" });
  }
  files["datapackage.json"] = `${JSON.stringify({
    profile: "tabular-data-package",
    name: meta.name,
    title: meta.title,
    version: "3.0",
    created: new Date().toISOString(),
    licenses: [{ name: "CC-BY-SA-4.0", path: "https://creativecommons.org/licenses/by-sa/4.0/", title: "HSDS: an Open Referral resource" }],
    resources: TABULAR_TABLES.map((t) => ({
      name: t.name,
      path: t.path,
      profile: "tabular-data-resource",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      schema: {
        fields: t.fields.map((f) => ({ name: f.name, type: f.type, ...(f.format ? { format: f.format } : {}), ...(t.required.includes(f.name) ? { constraints: { required: true } } : {}) })),
        primaryKey: "id",
      },
    })),
  }, null, 2)}\n`;
  return files;
}
