import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../src/platform/db/schema.js";
import { openDatabase, type Database } from "../../src/platform/db/client.js";
import type { AppServices } from "../../src/platform/app-context.js";
import { loadConfig } from "../../src/platform/config.js";
import { adminUrl, pgTemplateName, templateDir, withDatabase, type Seed } from "./db-template.js";

export interface TestDb {
  db: Database;
  kind: "pglite" | "postgres";
  services: AppServices;
  close(): Promise<void>;
}

/**
 * A private database for one test file, copied from the template built in global setup:
 * PGlite loads the template's data directory; PostgreSQL clones the template database.
 */
export async function createTestDb(seed: Seed = "demo"): Promise<TestDb> {
  const config = loadConfig({ DEMO_DATA: "off" });
  const { kind, key } = inject("dbTemplate");
  if (kind === "postgres") {
    const name = `crocevia_t_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplateName(key, seed)}`);
    await admin.end();
    const handle = await openDatabase({ url: withDatabase(adminUrl(), name), poolSize: 5 });
    return {
      db: handle.db,
      kind: "postgres",
      services: { config, db: handle.db, dbKind: "postgres" },
      async close() {
        await handle.close();
        const a = new pg.Client({ connectionString: adminUrl() });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const tar = fs.readFileSync(path.join(templateDir(key), `${seed}.tar`));
  const client = await PGlite.create({
    loadDataDir: new Blob([tar]),
    extensions: { pg_trgm, unaccent, cube, earthdistance },
  });
  const db = drizzle(client, { schema, casing: "snake_case" });
  return { db, kind: "pglite", services: { config, db, dbKind: "pglite" }, close: () => client.close() };
}
