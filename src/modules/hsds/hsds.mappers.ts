import { derivedId } from "./hsds.ids.js";
import type {
  ContactRow, DocumentRow, LocationRow, OrganizationRow, PhoneRow, ScheduleRow, ServiceAtLocationRow, ServiceDetails,
  ServiceRow, TaxonomyRow, TermRow,
} from "./hsds.queries.js";

/**
 * Our rows → Open Referral HSDS 3.0 objects. Absent values are left out (the schemas have no
 * nulls), links and URLs are only emitted when well-formed, and records we keep as columns
 * (addresses, languages, cost options, attributes) get stable derived ids.
 */
export type HsdsObject = Record<string, unknown>;

/** Link types of the attributes that carry what HSDS has no field for. */
export const ACCESS_MODE_LINK_TYPE = "access_mode";
export const REFERRAL_FROM_LINK_TYPE = "referral_from";
const LINK_TYPE_BY_PURPOSE: Record<string, string> = { services: "service_category", life_events: "life_event", other: "classification" };
export const PURPOSE_BY_LINK_TYPE: Record<string, "services" | "life_events" | "other"> = {
  service_category: "services", life_event: "life_events", classification: "other",
};
export const ISTAT_IDENTIFIER = "ISTAT";

function compact<T extends HsdsObject>(o: T): T {
  for (const key of Object.keys(o)) if (o[key] === undefined || o[key] === null) delete o[key];
  return o;
}

const text = (v: string | null | undefined) => (v && v.trim() ? v : undefined);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function asEmail(v: string | null | undefined): string | undefined {
  const s = v?.trim();
  return s && EMAIL.test(s) ? s : undefined;
}

/** A URI with a scheme; a bare host such as "www.comune.it" becomes https://www.comune.it. */
export function asUri(v: string | null | undefined): string | undefined {
  const s = v?.trim();
  if (!s || /\s/.test(s)) return undefined;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : /^[\w-]+(\.[\w-]+)+(\/.*)?$/.test(s) ? `https://${s}` : undefined;
  if (!candidate) return undefined;
  try {
    new URL(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}

const languageNames = new Intl.DisplayNames(["it"], { type: "language", fallback: "code" });
export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function toOrganizationBasic(o: OrganizationRow): HsdsObject {
  return compact({
    id: o.id,
    name: o.name,
    alternate_name: text(o.alternate_name),
    description: o.description ?? "",
    email: asEmail(o.email),
    website: asUri(o.website),
  });
}

/** The one-to-one fields of a service (the shape of service_list.json, with its organization). */
export function toServiceBase(s: ServiceRow): HsdsObject {
  return compact({
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    alternate_name: text(s.alternate_name),
    description: s.description ?? "",
    url: asUri(s.url),
    email: asEmail(s.email),
    status: s.status,
    application_process: text(s.how_to),
    fees_description: text(s.fees_description),
    wait_time: text(s.timing),
    eligibility_description: text(s.audience),
    minimum_age: s.minimum_age ?? undefined,
    maximum_age: s.maximum_age ?? undefined,
    assured_date: s.last_verified_at ?? undefined,
    last_modified: s.last_modified,
    organization: toOrganizationBasic(s.org),
  });
}

export function toSchedule(r: ScheduleRow): HsdsObject {
  return compact({
    id: r.id,
    service_id: r.service_id ?? undefined,
    location_id: r.location_id ?? undefined,
    service_at_location_id: r.service_at_location_id ?? undefined,
    valid_from: r.valid_from ?? undefined,
    valid_to: r.valid_to ?? undefined,
    freq: r.freq,
    byday: r.byday,
    description: text(r.description),
    opens_at: r.opens_at,
    closes_at: r.closes_at,
  });
}

export function toPhone(p: PhoneRow): HsdsObject {
  return compact({
    id: p.id,
    location_id: p.location_id ?? undefined,
    service_id: p.service_id ?? undefined,
    organization_id: p.organization_id ?? undefined,
    contact_id: p.contact_id ?? undefined,
    number: p.number,
    type: p.type ?? "voice",
    description: text(p.description),
    languages: [],
  });
}

export function toContact(c: ContactRow, phones: PhoneRow[]): HsdsObject {
  return compact({
    id: c.id,
    organization_id: c.organization_id ?? undefined,
    service_id: c.service_id ?? undefined,
    name: text(c.name),
    title: text(c.title),
    email: asEmail(c.email),
    phones: phones.filter((p) => p.contact_id === c.id).map(toPhone),
  });
}

/** The location's own fields, without nested arrays (service_at_location_list.json). */
export function toLocationBasic(l: LocationRow): HsdsObject {
  const hasPoint = typeof l.latitude === "number" && typeof l.longitude === "number";
  return compact({
    id: l.id,
    location_type: "physical",
    organization_id: l.organization_id ?? undefined,
    name: l.name,
    description: text(l.description),
    latitude: hasPoint ? l.latitude : undefined,
    longitude: hasPoint ? l.longitude : undefined,
    external_identifier: text(l.municipality_istat),
    external_identifier_type: text(l.municipality_istat) ? ISTAT_IDENTIFIER : undefined,
  });
}

/** Id of the accessibility record that repeats a service's accessibility note at one of its locations. */
export const serviceAccessibilityId = (serviceId: string, locationId: string, index: number) =>
  derivedId("service-accessibility", serviceId, locationId, index);
export const locationAccessibilityId = (locationId: string, index: number) => derivedId("location-accessibility", locationId, index);

export function toLocation(
  l: LocationRow,
  related: { schedules: ScheduleRow[]; phones: PhoneRow[]; service?: { id: string; accessibility: string[] } },
): HsdsObject {
  const addresses = text(l.address)
    ? [compact({
        id: derivedId("address", l.id),
        location_id: l.id,
        address_1: l.address!,
        city: l.city ?? "",
        state_province: l.region ?? "",
        postal_code: l.postal_code ?? "",
        country: "IT",
        address_type: "physical",
      })]
    : [];
  const accessibility = [
    ...l.accessibility.map((description, i) => ({ id: locationAccessibilityId(l.id, i), location_id: l.id, description })),
    ...(related.service?.accessibility ?? []).map((description, i) => ({
      id: serviceAccessibilityId(related.service!.id, l.id, i), location_id: l.id, description,
    })),
  ];
  return {
    ...toLocationBasic(l),
    languages: [],
    addresses,
    contacts: [],
    accessibility,
    phones: related.phones.filter((p) => p.location_id === l.id && !p.service_id && !p.contact_id).map(toPhone),
    schedules: related.schedules.filter((s) => s.location_id === l.id && !s.service_id && !s.service_at_location_id).map(toSchedule),
    attributes: [],
    metadata: [],
  };
}

export function toTaxonomy(t: TaxonomyRow): HsdsObject {
  return compact({
    id: t.id,
    name: t.name,
    description: t.description ?? "",
    uri: asUri(t.uri),
    version: text(t.version),
    metadata: [],
  });
}

export function toTaxonomyTerm(t: TermRow): HsdsObject {
  const detail = toTaxonomy(t.taxonomy);
  delete detail.metadata;
  return compact({
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description ?? "",
    parent_id: t.parent_id ?? undefined,
    taxonomy: t.taxonomy.name,
    taxonomy_detail: detail,
    language: "it",
    taxonomy_id: t.taxonomy_id,
    metadata: [],
  });
}

function serviceAttributes(s: ServiceRow, terms: TermRow[]): HsdsObject[] {
  const attributes: HsdsObject[] = terms.map((t) => ({
    id: derivedId("attribute", s.id, t.id),
    link_id: s.id,
    taxonomy_term_id: t.id,
    link_type: LINK_TYPE_BY_PURPOSE[t.taxonomy.purpose] ?? "classification",
    link_entity: "service",
    taxonomy_term: toTaxonomyTerm(t),
  }));
  attributes.push({
    id: derivedId("attribute", s.id, ACCESS_MODE_LINK_TYPE),
    link_id: s.id,
    link_type: ACCESS_MODE_LINK_TYPE,
    link_entity: "service",
    value: s.access_mode,
  });
  if (text(s.referral_from)) {
    attributes.push({
      id: derivedId("attribute", s.id, REFERRAL_FROM_LINK_TYPE),
      link_id: s.id,
      link_type: REFERRAL_FROM_LINK_TYPE,
      link_entity: "service",
      value: s.referral_from,
    });
  }
  return attributes;
}

/** One cost option: amount 0 for a free service, the price (or none, when unknown) otherwise. */
function costOptions(s: ServiceRow): HsdsObject[] {
  return [compact({
    id: derivedId("cost-option", s.id),
    service_id: s.id,
    option: s.free ? "Gratuito" : "A pagamento",
    currency: "EUR",
    amount: s.free ? 0 : s.cost_cents !== null ? s.cost_cents / 100 : undefined,
    amount_description: text(s.fees_description),
  })];
}

function serviceAtLocation(
  s: ServiceRow,
  sal: ServiceAtLocationRow,
  d: Pick<ServiceDetails, "schedules" | "phones">,
): HsdsObject {
  return compact({
    id: sal.id,
    service_id: sal.service_id,
    location_id: sal.location_id,
    description: text(sal.description),
    contacts: [],
    phones: [],
    schedules: d.schedules.filter((x) => x.service_at_location_id === sal.id).map(toSchedule),
    location: toLocation(sal.location, { schedules: d.schedules, phones: d.phones, service: { id: s.id, accessibility: s.accessibility } }),
    attributes: [],
    metadata: [],
  });
}

/** A fully nested service (compiled service.json), from its row and its batch of details. */
export function toFullService(s: ServiceRow, d: ServiceDetails, opts: { withServiceAtLocations?: boolean } = {}): HsdsObject {
  const mine = <T extends { service_id: string | null }>(list: T[]) => list.filter((x) => x.service_id === s.id);
  const phones = mine(d.phones);
  const full: HsdsObject = {
    ...toServiceBase(s),
    phones: phones.map(toPhone),
    schedules: mine(d.schedules).filter((x) => !x.service_at_location_id).map(toSchedule),
    service_areas: [],
    service_at_locations: mine(d.serviceAtLocations).map((sal) => serviceAtLocation(s, sal, d)),
    languages: s.languages.map((code) => ({ id: derivedId("language", s.id, code), service_id: s.id, name: languageName(code), code })),
    funding: [],
    cost_options: costOptions(s),
    required_documents: mine(d.documents).map((doc: DocumentRow) => ({ id: doc.id, service_id: s.id, document: doc.document })),
    contacts: mine(d.contacts).map((c) => toContact(c, phones)),
    attributes: serviceAttributes(s, mine(d.terms)),
    metadata: [],
  };
  if (opts.withServiceAtLocations === false) delete full.service_at_locations;
  return full;
}

/** The page envelope of the HSDS OpenAPI (Page schema plus contents). */
export function toPage(contents: unknown[], total: number, page: number, perPage: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
