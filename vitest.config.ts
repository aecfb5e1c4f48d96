import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "~": path.resolve("app"),
  "@platform": path.resolve("src/platform"),
  "@modules": path.resolve("src/modules"),
};
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Test tiers: unit (pure code), integration on embedded PGlite and on a real PostgreSQL server
 * (the same *.int.test.ts files twice), and end-to-end in Chromium against the built app.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["src/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"], env: { NODE_ENV: "test" } },
      },
      {
        resolve: { alias },
        test: {
          name: "int-pglite",
          include: ["src/**/*.int.test.ts", "tests/integration/**/*.int.test.ts"],
          env: { NODE_ENV: "test", TEST_DB: "pglite" },
          globalSetup: ["tests/support/db-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      ...(hasPostgres
        ? [{
            resolve: { alias },
            test: {
              name: "int-postgres",
              include: ["src/**/*.int.test.ts", "tests/integration/**/*.int.test.ts"],
              env: { NODE_ENV: "test", TEST_DB: "postgres" },
              globalSetup: ["tests/support/db-global-setup.ts"],
              testTimeout: 60_000,
              hookTimeout: 180_000,
            },
          }]
        : []),
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.test.ts"],
          env: { NODE_ENV: "test" },
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
