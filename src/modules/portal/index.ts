export * from "./portal.tables.js";
export * from "./portal.schemas.js";
export * from "./portal.service.js";
