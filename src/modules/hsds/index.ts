export { hsdsRoutes } from "./hsds.routes.js";
