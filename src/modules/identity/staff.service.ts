import crypto from "node:crypto";
import type { Database } from "../../platform/db/client.js";
import type { RoleGrant } from "./access.policy.js";
import { accounts, roleAssignments, users } from "./identity.tables.js";

type Tx = Pick<Database, "insert" | "select">;

export interface NewStaffUser {
  id?: string;
  name: string;
  email: string;
  /** An argon2id hash from hashPassword (never the password itself). */
  passwordHash: string;
  locale?: string;
  roles: Pick<RoleGrant, "role" | "scopeType" | "scopeId">[];
}

/**
 * Creates an account that signs in with email and password (better-auth's "credential"
 * provider) and its role grants. Run it inside the caller's transaction.
 */
export async function createStaffUser(tx: Tx, input: NewStaffUser): Promise<string> {
  const id = input.id ?? crypto.randomUUID();
  const email = input.email.trim().toLowerCase();
  await tx.insert(users).values({ id, name: input.name, email, emailVerified: true, locale: input.locale ?? "it" });
  await tx.insert(accounts).values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: input.passwordHash });
  if (input.roles.length) {
    await tx.insert(roleAssignments).values(input.roles.map((r) => ({ userId: id, role: r.role, scopeType: r.scopeType, scopeId: r.scopeId })));
  }
  return id;
}
