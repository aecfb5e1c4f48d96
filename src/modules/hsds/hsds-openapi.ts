/**
 * OpenAPI 3.1 description of Crocevia's HSDS 3.0 read API, adapted from the Open Referral
 * HSDS 3.0 openapi.json (CC BY-SA 4.0): the same paths and response schemas, our parameters.
 */
const SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema";

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const page = (itemSchema: string, description: string) => ({
  description,
  content: {
    "application/json": {
      schema: {
        allOf: [{ $ref: "#/components/schemas/Page" }],
        properties: { contents: { type: "array", items: { $ref: itemSchema } } },
      },
    },
  },
});
const one = (schema: string, description: string) => ({ description, content: { "application/json": { schema: { $ref: schema } } } });
const errors = {
  "400": { $ref: "#/components/responses/BadRequest" },
};
const notFound = { "404": { $ref: "#/components/responses/NotFound" } };
const idParam = (what: string) => [{ in: "path", name: "id", required: true, description: `The id (UUID) of the ${what}.`, schema: { type: "string", format: "uuid" } }];

const serviceFilters = [
  ref("search"), ref("taxonomy_term_id"), ref("taxonomy_id"), ref("organization_id"), ref("modified_after"),
  ref("minimum_age"), ref("maximum_age"), ref("proximity"), ref("lat"), ref("long"), ref("municipality"),
  ref("page"), ref("per_page"), ref("format"),
];

export function buildHsdsOpenApi(publicUrl: string) {
  const server = new URL("/api/hsds", publicUrl).toString();
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Crocevia — Open Referral HSDS 3.0 API",
      version: "1.0.0",
      summary: "Read-only directory of services for families (Centri per le Famiglie), in the Open Referral HSDS 3.0 format.",
      description:
        "Public, read-only and CORS-open. Only published services (status active or temporarily closed) are listed. " +
        "Lists are paginated (page is 1-based, per_page defaults to 50 and is at most 200). Errors are JSON objects " +
        "{error, message} with the message in Italian, or in English or Arabic when Accept-Language prefers them. " +
        "HSDS is an Open Referral resource (https://openreferral.org/), CC BY-SA 4.0.",
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: server }],
    paths: {
      "/": {
        get: {
          operationId: "getAPIMetaInformation",
          summary: "Information about this API and its relationship with HSDS.",
          responses: {
            "200": {
              description: "HSDS version, profile and the URL of this document.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      version: { type: "string", description: "HSDS version of this API." },
                      profile: { type: "string", format: "uri", description: "URL of the HSDS profile of this API." },
                      openapi_url: { type: "string", format: "uri", description: "URL of this OpenAPI document." },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/services": {
        get: {
          operationId: "getPaginatedListOfServices",
          summary: "Paginated list of services with their one-to-one fields and organization.",
          description:
            "With `search`, results come in relevance order (everyday Italian phrases are understood). With a starting point " +
            "(`lat`+`long` or `municipality`) and no search, the nearest come first; `proximity` keeps only services with a " +
            "location within that many kilometres. `minimum_age`/`maximum_age` keep services whose age range overlaps the given one.",
          parameters: serviceFilters,
          responses: { "200": page(`${SPEC}/compiled/service_list.json`, "A page of services."), ...errors },
        },
      },
      "/services/{id}": {
        parameters: idParam("service"),
        get: {
          operationId: "getFullyNestedServiceById",
          summary: "A fully nested service with all related data.",
          responses: { "200": one(`${SPEC}/compiled/service.json`, "The service."), ...errors, ...notFound },
        },
      },
      "/service_at_locations": {
        get: {
          operationId: "getPaginatedListOfServiceAtLocation",
          summary: "Paginated list of services at their locations.",
          description: "Same filters as /services; `proximity` applies to each link's own location.",
          parameters: serviceFilters,
          responses: { "200": page(`${SPEC}/compiled/service_at_location_list.json`, "A page of services at locations."), ...errors },
        },
      },
      "/service_at_locations/{id}": {
        parameters: idParam("service at location"),
        get: {
          operationId: "getServiceAtLocationWithNestedDataById",
          summary: "A fully nested service at location, with its location and service.",
          responses: { "200": one(`${SPEC}/compiled/service_at_location.json`, "The service at location."), ...errors, ...notFound },
        },
      },
      "/organizations": {
        get: {
          operationId: "getPaginatedListOfOrganizations",
          summary: "Paginated list of organizations.",
          parameters: [ref("search"), ref("page"), ref("per_page"), ref("format")],
          responses: { "200": page(`${SPEC}/compiled/organization_list.json`, "A page of organizations."), ...errors },
        },
      },
      "/organizations/{id}": {
        parameters: idParam("organization"),
        get: {
          operationId: "getOrganizationById",
          summary: "A fully nested organization with its locations and the basic data of its services.",
          responses: { "200": one(`${SPEC}/compiled/organization.json`, "The organization."), ...errors, ...notFound },
        },
      },
      "/taxonomies": {
        get: {
          operationId: "getPaginatedListOfTaxonomies",
          summary: "Paginated list of taxonomies.",
          parameters: [ref("search"), ref("page"), ref("per_page"), ref("format")],
          responses: { "200": page(`${SPEC}/taxonomy.json`, "A page of taxonomies."), ...errors },
        },
      },
      "/taxonomies/{id}": {
        parameters: idParam("taxonomy"),
        get: {
          operationId: "getTaxonomyById",
          summary: "A taxonomy.",
          responses: { "200": one(`${SPEC}/taxonomy.json`, "The taxonomy."), ...errors, ...notFound },
        },
      },
      "/taxonomy_terms": {
        get: {
          operationId: "getPaginatedListOfTaxonomyTerms",
          summary: "Paginated list of taxonomy terms.",
          parameters: [
            ref("search"), ref("taxonomy_id"),
            { name: "parent_id", in: "query", required: false, description: "Only the children of this term.", schema: { type: "string", format: "uuid" } },
            { name: "top_only", in: "query", required: false, description: "Only top-level terms (without a parent).", schema: { type: "boolean" } },
            ref("page"), ref("per_page"), ref("format"),
          ],
          responses: { "200": page(`${SPEC}/taxonomy_term.json`, "A page of taxonomy terms."), ...errors },
        },
      },
      "/taxonomy_terms/{id}": {
        parameters: idParam("taxonomy term"),
        get: {
          operationId: "getTaxonomyTermById",
          summary: "A taxonomy term.",
          responses: { "200": one(`${SPEC}/taxonomy_term.json`, "The taxonomy term."), ...errors, ...notFound },
        },
      },
      "/export.json": {
        get: {
          operationId: "exportServices",
          summary: "Every published service, fully nested, as one JSON array (HSDS 3.0 service objects).",
          responses: { "200": { description: "Array of services.", content: { "application/json": { schema: { type: "array", items: { $ref: `${SPEC}/compiled/service.json` } } } } } },
        },
      },
    },
    components: {
      schemas: {
        Page: {
          type: "object",
          properties: {
            total_items: { type: "integer", description: "The total number of entities matching the request." },
            total_pages: { type: "integer", description: "Count of total pages." },
            page_number: { type: "integer", description: "The number of the current page (1-based)." },
            size: { type: "integer", description: "The number of entities in the current page." },
            first_page: { type: "boolean", description: "Whether this is the first page." },
            last_page: { type: "boolean", description: "Whether this is the last page." },
            empty: { type: "boolean", description: "Whether the current page is empty." },
          },
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string", description: "Machine-readable code: invalid_parameter, not_found, method_not_allowed." },
            message: { type: "string", description: "Human-readable explanation, localised." },
            parameter: { type: "string", description: "The offending query parameter, when there is one." },
          },
        },
      },
      responses: {
        BadRequest: { description: "A parameter is not valid.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        NotFound: { description: "No such record (or not published).", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
      parameters: {
        search: { name: "search", in: "query", required: false, description: "Full-text search in everyday Italian; results in relevance order.", schema: { type: "string", maxLength: 500 } },
        page: { name: "page", in: "query", required: false, description: "Page number (1-based).", schema: { type: "integer", minimum: 1, default: 1 } },
        per_page: { name: "per_page", in: "query", required: false, description: "Results per page.", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        format: { name: "format", in: "query", required: false, description: "Only `json` is supported.", schema: { type: "string", enum: ["json"] } },
        taxonomy_term_id: { name: "taxonomy_term_id", in: "query", required: false, description: "Services classified with this term or one of its descendants.", schema: { type: "string", format: "uuid" } },
        taxonomy_id: { name: "taxonomy_id", in: "query", required: false, description: "Services with any term of this taxonomy.", schema: { type: "string", format: "uuid" } },
        organization_id: { name: "organization_id", in: "query", required: false, description: "Services provided by this organization.", schema: { type: "string", format: "uuid" } },
        modified_after: { name: "modified_after", in: "query", required: false, description: "Services modified on or after this ISO 8601 date or date-time.", schema: { type: "string", format: "date-time" } },
        minimum_age: { name: "minimum_age", in: "query", required: false, description: "Keep services open to people of at least this age (years).", schema: { type: "number", minimum: 0, maximum: 150 } },
        maximum_age: { name: "maximum_age", in: "query", required: false, description: "Keep services open to people of at most this age (years).", schema: { type: "number", minimum: 0, maximum: 150 } },
        proximity: { name: "proximity", in: "query", required: false, description: "Radius in kilometres around `lat`/`long` or `municipality`.", schema: { type: "number", exclusiveMinimum: 0, maximum: 20000 } },
        lat: { name: "lat", in: "query", required: false, description: "Latitude of the starting point (WGS84), with `long`.", schema: { type: "number", minimum: -90, maximum: 90 } },
        long: { name: "long", in: "query", required: false, description: "Longitude of the starting point (WGS84), with `lat`.", schema: { type: "number", minimum: -180, maximum: 180 } },
        municipality: { name: "municipality", in: "query", required: false, description: "ISTAT code of the municipality used as starting point.", schema: { type: "string", pattern: "^\\d{6}$" } },
      },
    },
  };
}
