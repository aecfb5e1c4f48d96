import type { Database } from "../../platform/db/client.js";
import { rankServiceIds } from "../search/index.js";
import {
  findOrganization, findOrganizationPage, findServiceAtLocation, findServiceAtLocationPage, findServicePage, findServicesByIds,
  findTaxonomy, findTaxonomyPage, findTerm, findTermPage, loadOrganizationDetails, loadServiceDetails, serviceFilterCondition,
  type GeoFilter, type ServiceFilters, type TermFilters,
} from "./hsds.queries.js";
import {
  toContact, toFullService, toLocation, toLocationBasic, toOrganizationBasic, toPage, toPhone, toServiceBase,
  toTaxonomy, toTaxonomyTerm, type HsdsObject,
} from "./hsds.mappers.js";
import { derivedId } from "./hsds.ids.js";

/** Validated parameters of /services and /service_at_locations (see hsds.schemas.ts). */
export interface ServiceQuery {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  minimumAge?: number;
  maximumAge?: number;
  geo?: GeoFilter;
  page: number;
  perPage: number;
}

const pageOf = (q: { page: number; perPage: number }) => ({ limit: q.perPage, offset: (q.page - 1) * q.perPage });

/**
 * The search module's ranking among the services that pass the other filters (so that a filtered
 * search still finds what matches), each service once.
 */
async function rank(db: Database, search: string, filters: ServiceFilters) {
  const seen = new Set<string>();
  const ranked = await rankServiceIds(db, search, { where: serviceFilterCondition(filters) });
  return ranked.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

async function filtersOf(db: Database, q: ServiceQuery): Promise<ServiceFilters> {
  const filters: ServiceFilters = {
    taxonomyTermId: q.taxonomyTermId,
    taxonomyId: q.taxonomyId,
    organizationId: q.organizationId,
    modifiedAfter: q.modifiedAfter,
    minimumAge: q.minimumAge,
    maximumAge: q.maximumAge,
    geo: q.geo,
  };
  return { ...filters, ranked: q.search ? await rank(db, q.search, filters) : null };
}

/** GET /services: filtering, counting and paging in SQL; list items need no nested details. */
export async function listHsdsServices(db: Database, q: ServiceQuery) {
  const { total, rows } = await findServicePage(db, await filtersOf(db, q), pageOf(q));
  return toPage(rows.map(toServiceBase), total, q.page, q.perPage);
}

/**
 * Fully nested services in the order of `ids`, details fetched in one fixed batch of queries.
 * Non-public services are skipped unless `publicOnly` is false.
 */
export async function loadHsdsServices(db: Database, ids: readonly string[], opts: { publicOnly?: boolean } = {}): Promise<HsdsObject[]> {
  const services = await findServicesByIds(db, ids, opts);
  if (!services.length) return [];
  const details = await loadServiceDetails(db, services.map((s) => s.id));
  const byId = new Map(services.map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    return s ? [toFullService(s, details)] : [];
  });
}

export async function getHsdsService(db: Database, id: string): Promise<HsdsObject | null> {
  const [service] = await loadHsdsServices(db, [id]);
  return service ?? null;
}

export async function listHsdsServiceAtLocations(db: Database, q: ServiceQuery) {
  const { total, rows } = await findServiceAtLocationPage(db, await filtersOf(db, q), pageOf(q));
  const contents = rows.map((r) => ({
    id: r.id,
    service_id: r.service_id,
    location_id: r.location_id,
    ...(r.description ? { description: r.description } : {}),
    location: toLocationBasic(r.location),
    service: toServiceBase(r.service),
  }));
  return toPage(contents, total, q.page, q.perPage);
}

/** GET /service_at_locations/{id}: the link with its full location and its full service. */
export async function getHsdsServiceAtLocation(db: Database, id: string): Promise<HsdsObject | null> {
  const link = await findServiceAtLocation(db, id);
  if (!link) return null;
  const [service] = await loadHsdsServices(db, [link.service_id]);
  if (!service) return null;
  const sals = (service.service_at_locations as HsdsObject[]) ?? [];
  const sal = sals.find((x) => x.id === id);
  if (!sal) return null;
  const { service_at_locations: _omit, ...rest } = service;
  return { ...sal, service: rest };
}

export async function listHsdsOrganizations(db: Database, q: { search?: string; page: number; perPage: number }) {
  const { total, rows } = await findOrganizationPage(db, q.search, pageOf(q));
  return toPage(rows.map(toOrganizationBasic), total, q.page, q.perPage);
}

/** GET /organizations/{id}: the organization with its locations, contacts, phones and (public) services. */
export async function getHsdsOrganization(db: Database, id: string): Promise<HsdsObject | null> {
  const org = await findOrganization(db, id);
  if (!org) return null;
  const d = await loadOrganizationDetails(db, id);
  const services = await findServicesByIds(db, d.serviceIds);
  const byId = new Map(services.map((s) => [s.id, s]));
  const phones = d.phones.filter((p) => p.organization_id === id && !p.location_id).map(toPhone);
  if (org.phone && !phones.some((p) => p.number === org.phone)) {
    phones.unshift({ id: derivedId("organization-phone", id), organization_id: id, number: org.phone, type: "voice", languages: [] });
  }
  return {
    ...toOrganizationBasic(org),
    funding: [],
    contacts: d.contacts.map((c) => toContact(c, d.phones)),
    phones,
    locations: d.locations.map((l) => toLocation(l, { schedules: d.schedules, phones: d.phones })),
    programs: [],
    organization_identifiers: [],
    attributes: [],
    metadata: [],
    services: d.serviceIds.flatMap((sid) => (byId.has(sid) ? [toServiceBase(byId.get(sid)!)] : [])),
  };
}

export async function listHsdsTaxonomies(db: Database, q: { search?: string; page: number; perPage: number }) {
  const { total, rows } = await findTaxonomyPage(db, q.search, pageOf(q));
  return toPage(rows.map(toTaxonomy), total, q.page, q.perPage);
}

export async function getHsdsTaxonomy(db: Database, id: string) {
  const row = await findTaxonomy(db, id);
  return row ? toTaxonomy(row) : null;
}

export async function listHsdsTaxonomyTerms(db: Database, q: TermFilters & { page: number; perPage: number }) {
  const { total, rows } = await findTermPage(db, q, pageOf(q));
  return toPage(rows.map(toTaxonomyTerm), total, q.page, q.perPage);
}

export async function getHsdsTaxonomyTerm(db: Database, id: string) {
  const row = await findTerm(db, id);
  return row ? toTaxonomyTerm(row) : null;
}

