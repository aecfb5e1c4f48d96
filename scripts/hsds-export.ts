// `npm run hsds:export -- --format json|csv OUT [--public-only]`: exports the directory of the database
// `npm start` uses as Open Referral HSDS 3.0: a JSON file holding an array of fully nested services,
// or a tabular data package folder (datapackage.json + one CSV per HSDS table).
import fs from "node:fs";
import path from "node:path";
import { bootServices } from "../src/platform/boot.js";
import { loadConfig } from "../src/platform/config.js";
import { exportHsdsCsvPackage, iterateHsdsServices } from "../src/modules/hsds/hsds-export.service.js";

const args = process.argv.slice(2);
const formatIndex = args.findIndex((a) => a === "--format" || a.startsWith("--format="));
const format = formatIndex < 0 ? "json" : args[formatIndex]!.includes("=") ? args[formatIndex]!.split("=")[1] : args[formatIndex + 1];
const publicOnly = args.includes("--public-only");
const out = args.filter((a, i) => !a.startsWith("--") && !(formatIndex >= 0 && i === formatIndex + 1 && !args[formatIndex]!.includes("="))).at(0);
if ((format !== "json" && format !== "csv") || !out) {
  console.error("Uso: npm run hsds:export -- --format json|csv DESTINAZIONE [--public-only]\n  json: DESTINAZIONE è un file; csv: DESTINAZIONE è una cartella");
  process.exit(1);
}
const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), out);

const { services, handle } = await bootServices(loadConfig());
try {
  if (format === "csv") {
    const result = await exportHsdsCsvPackage(services.db, target, { publicOnly });
    console.log(`Esportati ${result.services} servizi in ${target} (${result.files.length} file)`);
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const file = fs.createWriteStream(target, "utf8");
    const write = (chunk: string) => new Promise<void>((resolve, reject) => file.write(chunk, (err) => (err ? reject(err) : resolve())));
    let count = 0;
    await write("[");
    for await (const batch of iterateHsdsServices(services.db, { publicOnly })) {
      for (const service of batch) await write(`${count++ ? ",\n" : "\n"}${JSON.stringify(service)}`);
    }
    await write("\n]\n");
    await new Promise<void>((resolve) => file.end(resolve));
    console.log(`Esportati ${count} servizi in ${target}`);
  }
} finally {
  await handle.close();
}
