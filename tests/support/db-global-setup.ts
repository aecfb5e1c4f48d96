import { buildTemplates, dropTemplates, type Seed } from "./db-template.js";

const seeds: Seed[] = ["empty", "demo"];

export async function setup() {
  const kind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
  await buildTemplates(kind, seeds);
  return async () => dropTemplates(kind, seeds);
}
