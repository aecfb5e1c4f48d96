// `npm run dev`: the same Hono app through Vite's dev server (hot reload of pages and styles).
import http from "node:http";
import { createServer as createViteServer } from "vite";
import { getRequestListener } from "@hono/node-server";
import { loadConfig } from "../src/platform/config.js";

const config = loadConfig();
const vite = await createViteServer({ server: { middlewareMode: true }, appType: "custom" });
const mod = (await vite.ssrLoadModule("./server/app.ts")) as typeof import("../server/app.js");
const { app } = await mod.createApp(config);
const listener = getRequestListener(app.fetch);

http
  .createServer((req, res) => vite.middlewares(req, res, () => listener(req, res)))
  .listen(config.PORT, () => console.log(`Crocevia (dev) on http://localhost:${config.PORT}`));
