// `npm run bench:directory`: a national-scale directory (100,000 services, 20,000 organisations) on
// embedded PGlite and on PostgreSQL; HSDS search and the portal results page under 32 concurrent
// clients, next to the floor measured in the same run: the bare SQL search query and a bare HTTP
// response (/healthz). Writes bench/results/directory.json.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../src/platform/db/client.js";
import { loadDemo } from "../src/modules/demo/index.js";
import type { Database } from "../src/platform/db/client.js";
import { growNationalDirectory } from "./national-directory.js";
import { getOk, runLoad, round, type LoadResult } from "./load.js";
import { startApp } from "../tests/support/server.js";

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const ORGANIZATIONS = Number(process.env.BENCH_ORGANIZATIONS ?? 20_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const BUILD_DIR = process.env.BUILD_DIR ?? "build-bench";
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const QUERIES = [
  "mio figlio non riesce a leggere bene", "ci stiamo separando", "aspetto un bambino", "mia madre ha l'alzheimer",
  "allattamento", "dislessia", "compiti", "vorrei adottare", "litighiamo sempre", "corso preparto",
  "spazio gioco", "mediazione familiare", "adolescente", "caregiver", "lavoro per mamme", "separazzione",
];

const floorSql = (q: string) => sql`
  with q as (select websearch_to_tsquery('italian', immutable_unaccent(${q})) as tsq)
  select id, count(*) over () as total from services, q
  where search_vector @@ q.tsq
  order by ts_rank_cd(search_vector, q.tsq) desc limit 20`;

async function prepare(handle: DatabaseHandle) {
  const t0 = performance.now();
  await handle.migrate();
  await handle.db.transaction((tx) => loadDemo(tx as unknown as Database));
  await growNationalDirectory(handle.db, { organizations: ORGANIZATIONS, services: SERVICES });
  const count = (await handle.db.execute(sql`select count(*)::int as n from services`)) as { rows: { n: number }[] };
  return { seconds: round((performance.now() - t0) / 1000), services: count.rows[0]!.n };
}

async function measureTarget(kind: "pglite" | "postgres") {
  console.log(`\n== ${kind}: building ${SERVICES} services from ${ORGANIZATIONS} organisations`);
  let env: Record<string, string>;
  let handle: DatabaseHandle;
  let cleanup = async () => {};
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crocevia-bench-"));
    handle = await openDatabase({ dataDir: dir });
    env = { DATA_DIR: dir };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query("drop database if exists crocevia_bench with (force)");
    await admin.query("create database crocevia_bench");
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = "/crocevia_bench";
    handle = await openDatabase({ url: url.toString(), poolSize: CLIENTS });
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN });
      await a.connect();
      await a.query("drop database if exists crocevia_bench with (force)");
      await a.end();
    };
  }
  const built = await prepare(handle);
  console.log(`   data ready in ${built.seconds}s (${built.services} services)`);

  // Floor 1: the bare SQL search query, same data, same concurrency, no application code.
  const sqlFloor = await runLoad(CLIENTS, SECONDS, async (i) => {
    await handle.db.execute(floorSql(QUERIES[i % QUERIES.length]!));
  });
  console.log("   bare SQL search", sqlFloor);
  await handle.close();

  const app = await startApp({ ...env, DEMO_DATA: "off", BUILD_DIR, LOG_LEVEL: "error", AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123" });
  try {
    const httpFloor = await runLoad(CLIENTS, SECONDS, () => getOk(`${app.url}/healthz`));
    console.log("   bare HTTP /healthz", httpFloor);
    const apiSearch = await runLoad(CLIENTS, SECONDS, (i) =>
      getOk(`${app.url}/api/hsds/services?search=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}&per_page=20`));
    console.log("   HSDS API search", apiSearch);
    const portal = await runLoad(CLIENTS, SECONDS, (i) => getOk(`${app.url}/servizi?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}`));
    console.log("   portal results page", portal);
    return { database: kind, data: built, floor: { sqlSearch: sqlFloor, httpHealthz: httpFloor }, apiSearch, portalResults: portal, ratios: ratios(apiSearch, portal, sqlFloor) };
  } finally {
    await app.stop();
    await cleanup();
  }
}

function ratios(api: LoadResult, portal: LoadResult, floor: LoadResult) {
  return {
    apiThroughputVsSqlFloor: round(api.throughput / floor.throughput),
    portalThroughputVsSqlFloor: round(portal.throughput / floor.throughput),
    apiP95Ms: api.p95,
    apiP95TargetMs: 50,
    apiMeetsP95Target: api.p95 <= 50,
    apiMeetsThroughputTarget: api.throughput >= floor.throughput / 2,
  };
}

async function main() {
  console.log(`building the app into ${BUILD_DIR}`);
  execFileSync(process.execPath, ["node_modules/@react-router/dev/bin.js", "build"], { stdio: "inherit", env: { ...process.env, BUILD_DIR } });
  const targets = (process.env.BENCH_TARGETS ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[];
  const results = [];
  for (const target of targets) results.push(await measureTarget(target));
  const out = {
    benchmark: "directory",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
    settings: { services: SERVICES, organizations: ORGANIZATIONS, clients: CLIENTS, secondsPerMeasure: SECONDS, queries: QUERIES },
    results,
  };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/directory.json", JSON.stringify(out, null, 2) + "\n");
  console.log("\nwritten bench/results/directory.json");
  for (const r of results) {
    console.log(`${r.database}: API search p50 ${r.apiSearch.p50} ms, p95 ${r.apiSearch.p95} ms, ${r.apiSearch.throughput} req/s | SQL floor p95 ${r.floor.sqlSearch.p95} ms, ${r.floor.sqlSearch.throughput} q/s | portal p95 ${r.portalResults.p95} ms, ${r.portalResults.throughput} req/s | /healthz ${r.floor.httpHealthz.throughput} req/s`);
  }
}

await main();
