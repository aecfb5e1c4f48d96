export * from "./network.tables.js";
export { findPrimaryNetwork, listCenters, findCenterBySlug, listMunicipalities } from "./network.queries.js";
export { listCenterFunding, listMunicipalitiesByIstat, listFrontDesks } from "./network-portal.queries.js";
