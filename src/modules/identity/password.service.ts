import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing with argon2id (RFC 9106), at the OWASP-recommended minimum cost:
 * 19 MiB of memory, 2 passes, 1 lane (≈ 30–60 ms on one core). The parameters travel in the
 * PHC string, so raising them later still verifies existing hashes.
 */
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(data: { hash: string; password: string }): Promise<boolean> {
  if (!data.hash.startsWith("$argon2")) return false;
  try {
    return await verify(data.hash, data.password);
  } catch {
    return false;
  }
}
