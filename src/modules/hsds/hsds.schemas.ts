import { z } from "zod";

/**
 * Query parameters of the HSDS read API. Messages are keys of ./messages/<locale>.json
 * ("errors.*"); the routes turn the first issue into a localised 400.
 */
export const MAX_PER_PAGE = 200;
export const DEFAULT_PER_PAGE = 50;
const MAX_PAGE = 1_000_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export const uuidParam = z.string().regex(UUID, "errors.invalidUuid").transform((v) => v.toLowerCase());

const integerIn = (min: number, max: number, message: string) =>
  z.string().trim().regex(/^\+?\d{1,12}$/, message).transform(Number).refine((n) => n >= min && n <= max, message);

const decimalIn = (min: number, max: number, message: string, exclusiveMin = false) =>
  z.string().trim().regex(NUMBER, message).transform(Number)
    .refine((n) => Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && n <= max, message);

const booleanParam = z.string().trim().toLowerCase().pipe(z.enum(["true", "false", "1", "0"], "errors.invalidBoolean"))
  .transform((v) => v === "true" || v === "1");

/** ISO 8601 date or date-time ("2024-01-31", "2024-01-31T10:00:00Z", "…+01:00"); a "+" decoded as a space is forgiven. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
export const isoDateParam = z.string().trim().transform((raw, ctx) => {
  const value = raw
    .replace(/^(\d{4}-\d{2}-\d{2})[ t]/, "$1T")
    .replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, "$1+$2")
    .replace(/(T[\d:.]+[+-]\d{2})(\d{2})$/, "$1:$2")
    .replace(/z$/, "Z");
  const m = ISO_DATE.exec(value);
  const [year, month, day, hour, minute, second] = (m ?? []).slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
  const date = m ? new Date(m[4] ? (m[7] ? value : `${value}Z`) : `${value}T00:00:00Z`) : null;
  const calendar = m ? new Date(Date.UTC(year!, month! - 1, day!)) : null;
  const valid = date && !Number.isNaN(date.getTime()) && calendar!.getUTCMonth() === month! - 1 && calendar!.getUTCDate() === day!
    && hour! < 24 && minute! < 60 && second! < 60;
  if (!valid) {
    ctx.addIssue({ code: "custom", message: "errors.invalidDate" });
    return z.NEVER;
  }
  return date!;
});

const pagination = {
  page: integerIn(1, MAX_PAGE, "errors.invalidPage").optional().default(1),
  per_page: integerIn(1, MAX_PER_PAGE, "errors.invalidPerPage").optional().default(DEFAULT_PER_PAGE),
  format: z.string().trim().toLowerCase().pipe(z.literal("json", "errors.invalidFormat")).optional(),
};

/** Free text: NUL characters (which PostgreSQL text cannot hold) are dropped. */
const search = z.string().max(500, "errors.searchTooLong").transform((v) => v.replace(/\u0000/g, "").trim() || undefined).optional();

export const serviceQuerySchema = z.object({
  ...pagination,
  search,
  taxonomy_term_id: uuidParam.optional(),
  taxonomy_id: uuidParam.optional(),
  organization_id: uuidParam.optional(),
  modified_after: isoDateParam.optional(),
  minimum_age: decimalIn(0, 150, "errors.invalidAge").optional(),
  maximum_age: decimalIn(0, 150, "errors.invalidAge").optional(),
  proximity: decimalIn(0, 20_000, "errors.invalidProximity", true).optional(),
  lat: decimalIn(-90, 90, "errors.invalidLatitude").optional(),
  long: decimalIn(-180, 180, "errors.invalidLongitude").optional(),
  municipality: z.string().trim().regex(/^\d{6}$/, "errors.invalidMunicipality").optional(),
}).superRefine((q, ctx) => {
  if (q.minimum_age !== undefined && q.maximum_age !== undefined && q.minimum_age > q.maximum_age) {
    ctx.addIssue({ code: "custom", path: ["minimum_age"], message: "errors.ageRange" });
  }
  if ((q.lat === undefined) !== (q.long === undefined)) {
    ctx.addIssue({ code: "custom", path: [q.lat === undefined ? "lat" : "long"], message: "errors.coordinatesPair" });
  }
  if (q.lat !== undefined && q.municipality !== undefined) {
    ctx.addIssue({ code: "custom", path: ["municipality"], message: "errors.centerConflict" });
  }
  if (q.proximity !== undefined && q.lat === undefined && q.long === undefined && q.municipality === undefined) {
    ctx.addIssue({ code: "custom", path: ["proximity"], message: "errors.proximityWithoutCenter" });
  }
});
export type ServiceQueryInput = z.infer<typeof serviceQuerySchema>;

export const listQuerySchema = z.object({ ...pagination, search });

export const termQuerySchema = z.object({
  ...pagination,
  search,
  taxonomy_id: uuidParam.optional(),
  parent_id: uuidParam.optional(),
  top_only: booleanParam.optional(),
});

/** The first value of each query parameter (repeated parameters do not widen a filter). */
export function queryObject(url: string): Record<string, string> {
  const params = new URL(url).searchParams;
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}
