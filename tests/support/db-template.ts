import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type DatabaseHandle } from "../../src/platform/db/client.js";
import { loadDemo } from "../../src/modules/demo/index.js";
import type { Database } from "../../src/platform/db/client.js";

export type Seed = "empty" | "demo";

/** Templates are keyed per test run (and per project), so concurrent runs never share one. */
export const templateDir = (key: string) => path.join(os.tmpdir(), `crocevia-test-templates-${key}`);
const pgTemplateName = (key: string, seed: Seed) => `crocevia_tpl_${seed}_${key}`;

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function seedInto(handle: DatabaseHandle, seed: Seed) {
  await handle.migrate();
  if (seed === "demo") await handle.db.transaction((tx) => loadDemo(tx as unknown as Database));
}

/** Builds the migrated (and optionally seeded) template once per test run. */
export async function buildTemplates(kind: "pglite" | "postgres", key: string, seeds: Seed[]) {
  if (kind === "pglite") {
    fs.mkdirSync(templateDir(key), { recursive: true });
    for (const seed of seeds) {
      const handle = await openDatabase({});
      await seedInto(handle, seed);
      const client = (handle.db as unknown as { $client: PGlite }).$client;
      const dump = await client.dumpDataDir("none");
      fs.writeFileSync(path.join(templateDir(key), `${seed}.tar`), Buffer.from(await dump.arrayBuffer()));
      await handle.close();
    }
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    for (const seed of seeds) {
      const name = pgTemplateName(key, seed);
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const handle = await openDatabase({ url: withDatabase(adminUrl(), name), poolSize: 2 });
      await seedInto(handle, seed);
      await handle.close();
    }
  } finally {
    await admin.end();
  }
}

export async function dropTemplates(kind: "pglite" | "postgres", key: string, seeds: Seed[]) {
  if (kind === "pglite") {
    fs.rmSync(templateDir(key), { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  for (const seed of seeds) await admin.query(`drop database if exists ${pgTemplateName(key, seed)} with (force)`);
  await admin.end();
}

export { pgTemplateName, withDatabase };
