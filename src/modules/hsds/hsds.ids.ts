import { v5 as uuidv5 } from "uuid";

const NAMESPACE = "0c5e7f0a-3d0b-4b8e-8f7e-2a9c6b1d4e53";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * A stable UUID for an HSDS record we do not store as a row of its own (an address, a language,
 * an attribute, a cost option…): the same input always gives the same id, so exports are stable.
 */
export function derivedId(kind: string, ...parts: (string | number)[]): string {
  return uuidv5(`${kind}:${parts.join(":")}`, NAMESPACE);
}

/** A Postgres array literal for a list of UUIDs (checked, so nothing else can reach the SQL). */
export function uuidArrayLiteral(ids: readonly string[]): string {
  for (const id of ids) if (!isUuid(id)) throw new Error(`not a uuid: ${String(id).slice(0, 60)}`);
  return `{${ids.join(",")}}`;
}
