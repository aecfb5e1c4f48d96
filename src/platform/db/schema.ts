// The drizzle schema: every module's tables, re-exported for the query builder and drizzle-kit.
export * from "../../modules/network/network.tables.js";
export * from "../../modules/directory/directory.tables.js";
export * from "../../modules/portal/portal.tables.js";
export * from "../../modules/identity/identity.tables.js";
