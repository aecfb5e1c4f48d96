import { z } from "zod";

/** Every configuration variable the app reads; documented in README.md. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("./data"),
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** Signs sessions and encrypts TOTP secrets; see resolveAuthSecret (src/modules/identity). */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()
    .or(z.literal("").transform(() => undefined)),
  /** Reverse proxies (IPs or CIDR ranges, comma-separated) whose X-Forwarded-For is trusted for rate limits. */
  TRUSTED_PROXIES: z.string().default("").transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).default(183),
  /** Map tiles for the portal (Leaflet); its origin is added to the CSP img-src. */
  MAP_TILE_URL: z.string().regex(/^https:\/\/[^/\s]+\/\S*$/, "MAP_TILE_URL must be an https:// URL template").default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
});

export type AppConfig = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  // With the embedded database a generated secret is kept in DATA_DIR; several instances on one
  // PostgreSQL server must share a secret, so production on PostgreSQL needs it set.
  if (env.NODE_ENV === "production" && parsed.data.DATABASE_URL && parsed.data.DEMO_DATA === "off" && !parsed.data.AUTH_SECRET) {
    throw new Error("Invalid configuration:\n  AUTH_SECRET: required in production on PostgreSQL (NODE_ENV=production, DATABASE_URL set) unless DEMO_DATA is on");
  }
  return parsed.data;
}

/** The CSP source of a tile URL template ("https://{s}.tile.example.org/..." → "https://*.tile.example.org"). */
export function tileImageSource(tileUrl: string): string {
  const origin = /^https:\/\/[^/]+/.exec(tileUrl)?.[0] ?? "https://tile.openstreetmap.org";
  return origin.replace(/\{[a-z]+\}/g, "*");
}
