import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { stream } from "hono/streaming";
import type { z } from "zod";
import type { AppServices } from "../../platform/app-context.js";
import { resolveLocale, type Locale } from "../../platform/i18n/locales.js";
import { logger } from "../../platform/log/logger.js";
import { messagesFor } from "../../platform/i18n/catalog.js";
import { listQuerySchema, queryObject, serviceQuerySchema, termQuerySchema, uuidParam } from "./hsds.schemas.js";
import {
  getHsdsOrganization, getHsdsService, getHsdsServiceAtLocation, getHsdsTaxonomy, getHsdsTaxonomyTerm, listHsdsOrganizations,
  listHsdsServiceAtLocations, listHsdsServices, listHsdsTaxonomies, listHsdsTaxonomyTerms, type ServiceQuery,
} from "./hsds-read.service.js";
import { findMunicipalityPoint } from "./hsds.queries.js";
import { buildHsdsOpenApi } from "./hsds-openapi.js";
import { iterateHsdsServices } from "./hsds-export.service.js";

export const HSDS_VERSION = "3.0";
export const HSDS_PROFILE = "https://openreferral.org/imports/hsds/";

// The module's messages come from the shared catalog (src/modules/hsds/messages, under "hsds").
const CATALOG = Object.fromEntries(
  (["it", "en", "ar"] as const).map((l) => [l, messagesFor(l).hsds as { errors: Record<string, string> }]),
) as Record<Locale, { errors: Record<string, string> }>;

type Vars = Record<string, string | number>;
class ApiError extends Error {
  constructor(readonly status: 400 | 404 | 405, readonly code: string, readonly key: string, readonly vars: Vars = {}, readonly parameter?: string) {
    super(key);
  }
}

function message(locale: Locale, key: string, vars: Vars): string {
  const template = CATALOG[locale].errors[key] ?? CATALOG.it.errors[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ""));
}

const clip = (v: unknown) => String(v ?? "").slice(0, 80);

/** Parses the query with a zod schema; the first issue becomes a localised 400. */
function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const query = queryObject(c.req.url);
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = String(issue.path[0] ?? "");
  const key = issue.message.startsWith("errors.") ? issue.message : "errors.invalidParameter";
  throw new ApiError(400, "invalid_parameter", key.slice("errors.".length), { param, value: clip(query[param]) }, param || undefined);
}

function parseId(c: Context): string {
  const raw = c.req.param("id") ?? "";
  const parsed = uuidParam.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, "invalid_parameter", "invalidUuid", { param: "id", value: clip(raw) }, "id");
  return parsed.data;
}

const notFound = (key: string, id: string) => new ApiError(404, "not_found", key, { id });

async function serviceQuery(services: AppServices, q: z.infer<typeof serviceQuerySchema>): Promise<ServiceQuery> {
  let geo: ServiceQuery["geo"];
  if (q.lat !== undefined && q.long !== undefined) geo = { lat: q.lat, lng: q.long, radiusKm: q.proximity };
  else if (q.municipality) {
    const point = await findMunicipalityPoint(services.db, q.municipality);
    if (!point) throw new ApiError(400, "invalid_parameter", "unknownMunicipality", { param: "municipality", value: q.municipality }, "municipality");
    geo = { ...point, radiusKm: q.proximity };
  }
  return {
    search: q.search, taxonomyTermId: q.taxonomy_term_id, taxonomyId: q.taxonomy_id, organizationId: q.organization_id,
    modifiedAfter: q.modified_after, minimumAge: q.minimum_age, maximumAge: q.maximum_age, geo, page: q.page, perPage: q.per_page,
  };
}

/** Open Referral HSDS 3.0 read API: public, read-only and CORS-open. */
export function hsdsRoutes(services: AppServices) {
  const api = new Hono();
  const db = services.db;
  const openapiUrl = new URL("/api/hsds/openapi.json", services.config.PUBLIC_URL).toString();

  api.use("*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], maxAge: 86400 }));

  api.onError((err, c) => {
    const locale = resolveLocale(c.req.raw);
    if (err instanceof ApiError) {
      const body = { error: err.code, message: message(locale, err.key, { ...err.vars, openapi: openapiUrl }), ...(err.parameter ? { parameter: err.parameter } : {}) };
      if (err.status === 405) c.header("Allow", "GET, HEAD, OPTIONS");
      return c.json(body, err.status);
    }
    logger.error({ err, path: c.req.path }, "HSDS API error");
    return c.json({ error: "internal_error", message: message(locale, "internal", {}) }, 500);
  });

  api.get("/", (c) => c.json({ version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: openapiUrl }));
  api.get("/openapi.json", (c) => c.json(buildHsdsOpenApi(services.config.PUBLIC_URL)));

  api.get("/services", async (c) => {
    const q = await serviceQuery(services, parseQuery(c, serviceQuerySchema));
    return c.json(await listHsdsServices(db, q));
  });
  api.get("/services/:id", async (c) => {
    const id = parseId(c);
    const service = await getHsdsService(db, id);
    if (!service) throw notFound("serviceNotFound", id);
    return c.json(service);
  });

  api.get("/service_at_locations", async (c) => {
    const q = await serviceQuery(services, parseQuery(c, serviceQuerySchema));
    return c.json(await listHsdsServiceAtLocations(db, q));
  });
  api.get("/service_at_locations/:id", async (c) => {
    const id = parseId(c);
    const sal = await getHsdsServiceAtLocation(db, id);
    if (!sal) throw notFound("serviceAtLocationNotFound", id);
    return c.json(sal);
  });

  api.get("/organizations", async (c) => {
    const q = parseQuery(c, listQuerySchema);
    return c.json(await listHsdsOrganizations(db, { search: q.search, page: q.page, perPage: q.per_page }));
  });
  api.get("/organizations/:id", async (c) => {
    const id = parseId(c);
    const org = await getHsdsOrganization(db, id);
    if (!org) throw notFound("organizationNotFound", id);
    return c.json(org);
  });

  api.get("/taxonomies", async (c) => {
    const q = parseQuery(c, listQuerySchema);
    return c.json(await listHsdsTaxonomies(db, { search: q.search, page: q.page, perPage: q.per_page }));
  });
  api.get("/taxonomies/:id", async (c) => {
    const id = parseId(c);
    const taxonomy = await getHsdsTaxonomy(db, id);
    if (!taxonomy) throw notFound("taxonomyNotFound", id);
    return c.json(taxonomy);
  });

  api.get("/taxonomy_terms", async (c) => {
    const q = parseQuery(c, termQuerySchema);
    return c.json(await listHsdsTaxonomyTerms(db, {
      search: q.search, taxonomyId: q.taxonomy_id, parentId: q.parent_id, topOnly: q.top_only, page: q.page, perPage: q.per_page,
    }));
  });
  api.get("/taxonomy_terms/:id", async (c) => {
    const id = parseId(c);
    const term = await getHsdsTaxonomyTerm(db, id);
    if (!term) throw notFound("taxonomyTermNotFound", id);
    return c.json(term);
  });

  /** Every published service as one JSON array, streamed batch by batch. */
  api.get("/export.json", (c) => {
    c.header("Content-Type", "application/json; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="crocevia-hsds-services.json"');
    return stream(c, async (out) => {
      let first = true;
      await out.write("[");
      for await (const batch of iterateHsdsServices(db, { publicOnly: true })) {
        for (const service of batch) {
          await out.write(`${first ? "\n" : ",\n"}${JSON.stringify(service)}`);
          first = false;
        }
      }
      await out.write("\n]\n");
    }, async (err) => {
      logger.error({ err }, "HSDS export stream failed");
    });
  });

  api.all("*", (c) => {
    const url = new URL(c.req.url);
    if ((c.req.method === "GET" || c.req.method === "HEAD") && url.pathname.length > 1 && url.pathname.endsWith("/")) {
      // "/api/hsds/" and "/api/hsds/services/" mean the same as without the slash.
      return c.redirect(`${url.pathname.replace(/\/+$/, "")}${url.search}`, 308);
    }
    if (c.req.method === "GET" || c.req.method === "HEAD") throw new ApiError(404, "not_found", "routeNotFound");
    throw new ApiError(405, "method_not_allowed", "methodNotAllowed");
  });
  return api;
}
