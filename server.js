// Production entry: one Node process, one port, serving the built app, its assets and the APIs.
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

const buildDir = process.env.BUILD_DIR ?? "build";
const { createApp } = await import(new URL(`./${buildDir}/server/index.js`, import.meta.url).href);
const { app, services, close } = await createApp();

const root = new Hono();
root.use("/assets/*", serveStatic({ root: `./${buildDir}/client`, onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }));
root.use("/favicon.svg", serveStatic({ root: `./${buildDir}/client` }));
root.route("/", app);

const port = services.config.PORT;
const server = serve({ fetch: root.fetch, port, hostname: services.config.HOST }, (info) => {
  console.log(`Crocevia listening on http://localhost:${info.port} (database: ${services.dbKind})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    close().finally(() => process.exit(0));
  });
}
