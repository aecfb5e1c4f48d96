import { v5 as uuidv5 } from "uuid";

const NAMESPACE = "6f3b8f4e-5c1a-4a53-9a55-7f0e6a1c2d10";

/** Stable UUIDs for demo records, so re-seeding and exports keep the same ids. */
export function demoId(kind: string, key: string): string {
  return uuidv5(`${kind}:${key}`, NAMESPACE);
}
