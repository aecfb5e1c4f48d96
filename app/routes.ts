import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// File-based routes (app/routes/*): e.g. servizi._index.tsx → /servizi, servizi.$slug.tsx → /servizi/:slug.
export default flatRoutes() satisfies RouteConfig;
