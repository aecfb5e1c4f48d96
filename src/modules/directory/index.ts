export * from "./directory.tables.js";
export { upsertService, refreshServiceSearch, rebuildSearchLexicon, type ServiceRecord, type Tx } from "./directory.service.js";
export { listTopCategories } from "./directory.queries.js";
