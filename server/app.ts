import { Hono } from "hono";
import { createRequestHandler } from "react-router";
import { sql } from "drizzle-orm";
import { bootServices } from "../src/platform/boot.js";
import { loadConfig, tileImageSource, type AppConfig } from "../src/platform/config.js";
import { securityHeaders, sameOriginWrites } from "../src/platform/http/security.js";
import { resolveLocale } from "../src/platform/i18n/locales.js";
import { messagesFor } from "../src/platform/i18n/catalog.js";
import { createTranslator } from "../src/platform/i18n/translator.js";
import { logger } from "../src/platform/log/logger.js";
import { seedDemoData } from "../src/modules/demo/index.js";
import { hsdsRoutes } from "../src/modules/hsds/index.js";
import type { AppServices } from "../src/platform/app-context.js";

import * as build from "virtual:react-router/server-build";

export async function createApp(config: AppConfig = loadConfig()) {
  const { services, handle } = await bootServices(config, seedDemoData);
  const app = buildHttpApp(services);
  return { app, services, close: () => handle.close() };
}

export function buildHttpApp(services: AppServices) {
  const app = new Hono<{ Variables: { nonce: string } }>();
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV ?? "production");

  app.use("*", securityHeaders({ imgSources: [tileImageSource(services.config.MAP_TILE_URL)] }));
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await services.db.execute(sql`select 1`);
      return c.json({ status: "ready", db: services.dbKind });
    } catch (err) {
      logger.error({ err }, "readiness check failed");
      return c.json({ status: "unavailable" }, 503);
    }
  });

  app.route("/api/hsds", hsdsRoutes(services));

  app.use("*", sameOriginWrites());
  app.all("*", (c) => {
    const locale = resolveLocale(c.req.raw);
    const t = createTranslator(locale, messagesFor(locale), messagesFor("it"));
    const clientIp = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    return handleRequest(c.req.raw, { app: services, locale, t, nonce: c.get("nonce"), clientIp });
  });

  app.onError((err, c) => {
    logger.error({ err, path: c.req.path }, "unhandled error");
    return c.text("Errore interno del server", 500);
  });
  return app;
}
