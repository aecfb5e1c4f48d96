import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import path from "node:path";

export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: {
      "~": path.resolve("app"),
      "@platform": path.resolve("src/platform"),
      "@modules": path.resolve("src/modules"),
    },
  },
  build: {
    // The server bundle's entry is our Hono app, which mounts React Router (one process, one port).
    rollupOptions: isSsrBuild ? { input: "./server/app.ts" } : undefined,
    assetsInlineLimit: 0,
  },
  ssr: {
    // PGlite loads its WebAssembly and data files relative to its own module.
    external: ["@electric-sql/pglite", "pg", "pino", "nodemailer", "better-auth"],
  },
  plugins: [reactRouter()],
}));
