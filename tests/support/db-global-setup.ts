import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { buildTemplates, dropTemplates, type Seed } from "./db-template.js";

const seeds: Seed[] = ["empty", "demo"];

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "pglite" | "postgres"; key: string };
  }
}

/** Builds this project's template databases once and tells the test workers where they are. */
export async function setup(project: TestProject) {
  const kind = project.name === "int-postgres" ? "postgres" : "pglite";
  const key = `${kind}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  await buildTemplates(kind, key, seeds);
  project.provide("dbTemplate", { kind, key });
  return async () => dropTemplates(kind, key, seeds);
}
