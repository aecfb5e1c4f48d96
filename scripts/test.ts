// `npm test`: every suite (unit, integration on PGlite and PostgreSQL, e2e in Chromium), then one
// closing line "N passed, N failed" computed from vitest's JSON report.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const ci = process.env.CI === "true";
if (!process.env.TEST_DATABASE_URL) {
  const msg = "TEST_DATABASE_URL is not set: integration tests will run on embedded PGlite ONLY, not on PostgreSQL.";
  if (ci) {
    console.error(`ERROR: ${msg} In CI every suite must run.`);
    process.exit(1);
  }
  console.warn(`\n*** WARNING: ${msg} ***\n`);
}

// Static types are a suite of their own: one check that counts as one test.
const typegen = spawnSync(process.execPath, ["node_modules/@react-router/dev/bin.js", "typegen"], { stdio: "inherit" });
const tsc = typegen.status === 0
  ? spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"], { stdio: "inherit" })
  : typegen;
const typesOk = tsc.status === 0;
console.log(typesOk ? "✓ typecheck (tsc --noEmit)" : "✗ typecheck (tsc --noEmit) failed");

fs.mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
fs.rmSync(report, { force: true });
const args = ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number;
  };
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTests === 0 && run.status !== 0 ? Math.max(1, json.numFailedTestSuites) : 0);
  skipped = json.numPendingTests + json.numTodoTests;
} else if (run.status !== 0) {
  failed = 1;
}
if (typesOk) passed += 1;
else failed += 1;
if (ci && skipped > 0) {
  console.error(`ERROR: ${skipped} tests were skipped; in CI no suite may be skipped.`);
  failed += skipped;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
