import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AppConfig } from "../../platform/config.js";
import { logger } from "../../platform/log/logger.js";

const SECRET_FILE = "auth-secret";
let ephemeral: string | undefined;

/**
 * The secret that signs session cookies and encrypts TOTP secrets:
 * - AUTH_SECRET when set (required in production unless DEMO_DATA is on: see loadConfig);
 * - otherwise, on the embedded database (no DATABASE_URL, DATA_DIR a folder), a random secret
 *   generated once and kept in DATA_DIR/auth-secret (mode 0600), so sessions and enabled TOTP
 *   survive restarts;
 * - otherwise (DATA_DIR=memory://, a PostgreSQL server without AUTH_SECRET, or tests) a random
 *   secret for the life of the process.
 */
export function resolveAuthSecret(config: AppConfig, nodeEnv = process.env.NODE_ENV): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const embedded = !config.DATABASE_URL && !config.DATA_DIR.startsWith("memory://");
  if (embedded && nodeEnv !== "test") {
    const file = path.join(config.DATA_DIR, SECRET_FILE);
    try {
      const stored = fs.readFileSync(file, "utf8").trim();
      if (stored.length >= 32) return stored;
    } catch {
      /* not created yet */
    }
    const secret = crypto.randomBytes(48).toString("base64url");
    fs.mkdirSync(config.DATA_DIR, { recursive: true });
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    logger.info({ file }, "generated a new auth secret (set AUTH_SECRET to choose your own)");
    return secret;
  }
  if (!ephemeral) {
    ephemeral = crypto.randomBytes(48).toString("base64url");
    // With DATA_DIR=memory:// nothing survives a restart anyway; a server database does.
    if (config.DATABASE_URL && nodeEnv !== "test") logger.warn("AUTH_SECRET is not set: sessions and TOTP secrets will not survive a restart");
  }
  return ephemeral;
}
