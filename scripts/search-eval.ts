// `npm run search:eval`: the everyday and held-out query sets against the demo directory on an
// in-memory PGlite. Prints hit@3 per query with the top three services, the hit@3 rate and MRR,
// and writes bench/results/search-quality.json.
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Database } from "../src/platform/db/client.js";
import { loadDemo } from "../src/modules/demo/index.js";
import { evaluateSearch, readEvalSet, EVAL_SETS, type EvalSummary } from "../src/modules/search/search-eval.js";

const handle = await openDatabase({});
await handle.migrate();
await handle.db.transaction((tx) => loadDemo(tx as unknown as Database));

const sets: Record<string, EvalSummary> = {};
for (const name of Object.keys(EVAL_SETS) as (keyof typeof EVAL_SETS)[]) {
  const queries = readEvalSet(name);
  const summary = await evaluateSearch(handle.db, queries);
  sets[name] = summary;
  console.log(`\n== ${name} (${EVAL_SETS[name]}): ${summary.queries} queries`);
  for (const r of summary.results) {
    const rank = r.firstRelevant ? `#${r.firstRelevant}` : "—";
    console.log(`${r.hitAt3 ? "✓" : "✗"} ${rank.padStart(3)}  ${r.q}\n        ${r.top.join(", ") || "(nessun risultato)"}`);
  }
  console.log(`hit@3 ${summary.hitAt3}  MRR ${summary.mrr}`);
}
await handle.close();

const out = path.resolve("bench/results/search-quality.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({
  date: new Date().toISOString(),
  database: "pglite (in-memory, demo data)",
  metric: "hit@3 = a relevant service among the first three results; MRR over the full ranked list",
  sets: Object.fromEntries(Object.entries(sets).map(([name, s]) => [name, { file: `src/modules/search/eval/${EVAL_SETS[name as keyof typeof EVAL_SETS]}`, ...s }])),
}, null, 2)}\n`);
console.log(`\n${Object.entries(sets).map(([n, s]) => `${n}: hit@3 ${s.hitAt3}, MRR ${s.mrr}`).join(" | ")}\nwritten ${path.relative(process.cwd(), out)}`);
