import { z } from "zod";
import { AGE_BANDS, type AgeBand } from "./directory-orientation.queries.js";

/** Distance radii offered next to a municipality, in km (0 = only that municipality). */
export const RADII_KM = [0, 5, 10, 20, 50] as const;
export const DEFAULT_RADIUS_KM = 10;
export const PER_PAGE = 10;

const code = (message: string) => z.string().trim().regex(/^[A-Za-z0-9._-]{1,80}$/, message);
const flag = z.enum(["1", "on", "true", "si"]).transform(() => true);

/**
 * The portal directory's GET parameters (Italian names, as the URLs are shared). Empty values are
 * dropped first, so an untouched select means "any". Messages are i18n keys.
 */
export const directoryParams = z.object({
  q: z.string().trim().max(200, "directory.errors.query").optional(),
  categoria: code("directory.errors.category").optional(),
  situazione: code("directory.errors.situation").optional(),
  eta: z.coerce.number({ message: "directory.errors.age" }).int("directory.errors.age").min(0, "directory.errors.age").max(25, "directory.errors.age").optional(),
  gratuito: flag.optional(),
  lingua: z.string().trim().regex(/^[a-z]{2,3}$/, "directory.errors.language").optional(),
  comune: z.string().trim().regex(/^\d{6}$/, "directory.errors.municipality").optional(),
  raggio: z.coerce.number({ message: "directory.errors.radius" }).refine((n) => (RADII_KM as readonly number[]).includes(n), "directory.errors.radius").optional(),
  lat: z.coerce.number({ message: "directory.errors.position" }).min(-90, "directory.errors.position").max(90, "directory.errors.position").optional(),
  lng: z.coerce.number({ message: "directory.errors.position" }).min(-180, "directory.errors.position").max(180, "directory.errors.position").optional(),
  aperto: flag.optional(),
  pagina: z.coerce.number({ message: "directory.errors.page" }).int("directory.errors.page").min(1, "directory.errors.page").max(10_000, "directory.errors.page").optional(),
  vista: z.enum(["elenco", "mappa"], { message: "directory.errors.view" }).optional(),
}).refine((p) => (p.lat === undefined) === (p.lng === undefined), { message: "directory.errors.position", path: ["lat"] });

export type DirectoryParams = z.infer<typeof directoryParams>;

/** Parses URLSearchParams (first value of each name, blanks dropped) into params or field errors. */
export function parseDirectoryParams(search: URLSearchParams):
  | { ok: true; params: DirectoryParams }
  | { ok: false; errors: Record<string, string>; params: DirectoryParams } {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) if (value.trim() !== "" && !(key in raw)) raw[key] = value;
  const parsed = directoryParams.safeParse(raw);
  if (parsed.success) return { ok: true, params: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "q")] ??= issue.message;
  // Keep the valid parameters so the page can still show the form as it was.
  const dropped = new Set(Object.keys(errors));
  if (dropped.has("lat") || dropped.has("lng")) dropped.add("lat").add("lng");
  const kept: Record<string, string> = Object.fromEntries(Object.entries(raw).filter(([k]) => !dropped.has(k)));
  const retry = directoryParams.safeParse(kept);
  return { ok: false, errors, params: retry.success ? retry.data : {} };
}

/** Who is asking, in the orientation path. */
export const ORIENTATION_ROLES = ["genitore", "futuro-genitore", "nonno", "ragazzo", "caregiver", "operatore"] as const;
export const ORIENTATION_AGES = [...(Object.keys(AGE_BANDS) as AgeBand[]), "nessuno"] as const;

const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(20);

/** The orientation path's GET parameters; `passo` is the step to show (1–4, 5 = suggestions). */
export const orientationParams = z.object({
  passo: z.coerce.number({ message: "directory.orientation.errors.step" }).int().min(1).max(5).default(1),
  chi: z.enum(ORIENTATION_ROLES, { message: "directory.orientation.errors.role" }).optional(),
  eta: list(z.enum(ORIENTATION_AGES, { message: "directory.orientation.errors.ages" })).default([]),
  evento: list(code("directory.orientation.errors.events")).default([]),
  comune: z.string().trim().regex(/^\d{6}$/, "directory.errors.municipality").optional(),
});
export type OrientationParams = z.infer<typeof orientationParams>;

export function parseOrientationParams(search: URLSearchParams):
  | { ok: true; params: OrientationParams }
  | { ok: false; errors: Record<string, string> } {
  const raw = {
    passo: search.get("passo") || undefined,
    chi: search.get("chi") || undefined,
    eta: search.getAll("eta").filter(Boolean),
    evento: search.getAll("evento").filter(Boolean),
    comune: search.get("comune") || undefined,
  };
  const parsed = orientationParams.safeParse(raw);
  if (parsed.success) return { ok: true, params: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "passo")] ??= issue.message;
  return { ok: false, errors };
}
