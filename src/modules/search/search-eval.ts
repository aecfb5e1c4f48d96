import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../platform/db/client.js";
import { rankServiceIds } from "./search-rank.js";

/** An evaluation question: what someone types, and the services a front-desk operator would give. */
export const evalQuery = z.object({ q: z.string().min(1), relevant: z.array(z.string()).min(1), note: z.string().optional() });
export type EvalQuery = z.infer<typeof evalQuery>;

export const EVAL_SETS = {
  everyday: "everyday-queries.json",
  heldOut: "held-out-queries.json",
} as const;

export function readEvalSet(name: keyof typeof EVAL_SETS): EvalQuery[] {
  const file = path.resolve("src/modules/search/eval", EVAL_SETS[name]);
  return z.array(evalQuery).parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export interface EvalResult {
  q: string;
  relevant: string[];
  top: string[];
  hitAt3: boolean;
  /** 1-based rank of the first relevant service, null if none in the results. */
  firstRelevant: number | null;
}

export interface EvalSummary {
  queries: number;
  hitAt3: number;
  mrr: number;
  results: EvalResult[];
}

/** Runs the queries through rankServiceIds as the portal does (active and temporarily closed services). */
export async function evaluateSearch(db: Pick<Database, "execute">, queries: EvalQuery[]): Promise<EvalSummary> {
  const slugRows = (await db.execute(sql`select id, slug from services`)) as { rows: { id: string; slug: string }[] };
  const slugById = new Map(slugRows.rows.map((r) => [r.id, r.slug]));
  const results: EvalResult[] = [];
  for (const item of queries) {
    const ranked = await rankServiceIds(db, item.q, { statuses: ["active", "temporarily closed"] });
    const slugs = ranked.map((r) => slugById.get(r.id) ?? r.id);
    const index = slugs.findIndex((s) => item.relevant.includes(s));
    results.push({
      q: item.q,
      relevant: item.relevant,
      top: slugs.slice(0, 3),
      hitAt3: index >= 0 && index < 3,
      firstRelevant: index >= 0 ? index + 1 : null,
    });
  }
  const n = results.length || 1;
  return {
    queries: results.length,
    hitAt3: round(results.filter((r) => r.hitAt3).length / n),
    mrr: round(results.reduce((sum, r) => sum + (r.firstRelevant ? 1 / r.firstRelevant : 0), 0) / n),
    results,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
