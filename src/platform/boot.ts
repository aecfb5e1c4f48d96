import fs from "node:fs";
import type { AppServices } from "./app-context.js";
import { loadConfig, type AppConfig } from "./config.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { logger } from "./log/logger.js";

export interface Booted {
  services: AppServices;
  handle: DatabaseHandle;
}

/** Opens the database, applies migrations and, on an empty database, loads the demo data. */
export async function bootServices(
  config: AppConfig = loadConfig(),
  seed?: (services: AppServices) => Promise<void>,
): Promise<Booted> {
  if (!config.DATABASE_URL && !config.DATA_DIR.startsWith("memory://")) fs.mkdirSync(config.DATA_DIR, { recursive: true });
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await handle.migrate();
  const services: AppServices = { config, db: handle.db, dbKind: handle.kind };
  if (seed && config.DEMO_DATA === "on") await seed(services);
  logger.info({ db: handle.kind }, "services ready");
  return { services, handle };
}
