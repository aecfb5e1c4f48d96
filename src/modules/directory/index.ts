export * from "./directory.tables.js";
export { upsertService, refreshServiceSearch, rebuildSearchLexicon, type ServiceRecord, type Tx } from "./directory.service.js";
export { listTopCategories } from "./directory.queries.js";
export {
  findDirectoryServices, listDirectoryPlaces, listDirectoryFacets, listRecentServices, listServiceCategories,
  type DirectoryFilters, type ServiceCard, type DirectoryPlace,
} from "./directory-search.queries.js";
export { findServiceBySlug, listPlaces, type ServicePage, type PlaceDetail, type OpeningSlot } from "./directory-page.queries.js";
export { suggestServices, AGE_BANDS, type AgeBand, type Suggestion } from "./directory-orientation.queries.js";
export { romeClock, upcomingDays, parseByday, isStale, WEEKDAYS, type Weekday } from "./directory-clock.js";
export { serviceJsonLd, jsonForScript } from "./directory-jsonld.js";
export {
  parseDirectoryParams, parseOrientationParams, DEFAULT_RADIUS_KM, PER_PAGE, RADII_KM, ORIENTATION_AGES, ORIENTATION_ROLES,
  type DirectoryParams, type OrientationParams,
} from "./directory-portal.schemas.js";
