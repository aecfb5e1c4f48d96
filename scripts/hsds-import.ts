// `npm run hsds:import -- PATH [--json]`: imports HSDS 3.0 services into the database `npm start` uses
// (DATABASE_URL, or PGlite in DATA_DIR; stop the app first when it runs on PGlite). PATH is a JSON
// file (an array of service objects) or a tabular data package folder (datapackage.json + CSVs).
// Prints the report; exits non-zero only when nothing could be read.
import path from "node:path";
import { bootServices } from "../src/platform/boot.js";
import { loadConfig } from "../src/platform/config.js";
import { HsdsSourceError, importHsds, readHsdsPath } from "../src/modules/hsds/hsds-import.service.js";

const args = process.argv.slice(2);
const asJson = args.includes("--json");
const target = args.find((a) => !a.startsWith("--"));
if (!target) {
  console.error("Uso: npm run hsds:import -- PERCORSO [--json]\n  PERCORSO: file JSON con un array di servizi HSDS 3.0, oppure cartella con datapackage.json e i file CSV");
  process.exit(1);
}
const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);

let source;
try {
  source = await readHsdsPath(resolved);
} catch (err) {
  console.error(`Impossibile leggere ${resolved}: ${(err as Error).message}`);
  process.exit(1);
}

const { services, handle } = await bootServices(loadConfig());
let exitCode = 0;
try {
  const report = await importHsds(services.db, source);
  if (asJson) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`Import HSDS da ${resolved} (${services.dbKind})`);
    console.log(`  servizi letti: ${report.total}`);
    console.log(`  nuovi: ${report.imported}`);
    console.log(`  aggiornati: ${report.updated}`);
    console.log(`  scartati: ${report.failed.length}`);
    for (const f of report.failed) console.log(`    - ${f.ref} [${f.code}] ${f.reason}`);
    if (report.warnings.length) console.log(`  avvisi: ${report.warnings.length}`);
    for (const w of report.warnings) console.log(`    - ${w.ref}: ${w.message}`);
  }
} catch (err) {
  console.error(err instanceof HsdsSourceError ? `Impossibile leggere ${resolved}: ${err.message}` : err);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exit(exitCode);
