import { v5 as uuidv5 } from "uuid";
import type { Database } from "../../platform/db/client.js";
import type { ScopeType } from "./access.policy.js";
import type { Role } from "./identity.tables.js";
import { hashPassword } from "./password.service.js";
import { createStaffUser } from "./staff.service.js";

/** The password of every demo account (listed in the README; never use demo data in production). */
export const DEMO_PASSWORD = "Crocevia-Demo-2026!";
const NAMESPACE = "0c1f6a52-7b0e-4f1e-9d7c-3a2b51e0c4d9";

export interface DemoScopeIds {
  /** The demo center the center-scoped staff work in. */
  centerId: string;
  /** The demo partner organisation (organizations.id). */
  partnerId: string;
  networkId: string;
}

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  scope: ScopeType;
}

/** One account per role (DESIGN.md §1). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "sportello@demo.crocevia.it", name: "Giulia Ferri", role: "frontdesk", scope: "center" },
  { email: "professionista@demo.crocevia.it", name: "Marco Bianchi", role: "professional", scope: "center" },
  { email: "coordinatore@demo.crocevia.it", name: "Elena Rossi", role: "coordinator", scope: "center" },
  { email: "partner@demo.crocevia.it", name: "Luca Moretti", role: "partner", scope: "partner" },
  { email: "rete@demo.crocevia.it", name: "Francesca Conti", role: "network_admin", scope: "network" },
  { email: "dpo@demo.crocevia.it", name: "Paolo Galli", role: "dpo", scope: "network" },
  { email: "sysadmin@demo.crocevia.it", name: "Sara Marino", role: "sysadmin", scope: "global" },
  { email: "cittadino@demo.crocevia.it", name: "Anna Esposito", role: "citizen", scope: "global" },
];

export function demoUserId(email: string): string {
  return uuidv5(`user:${email}`, NAMESPACE);
}

/** Creates the demo accounts in the caller's transaction; the password is hashed once for all. */
export async function seedDemoAccounts(tx: Pick<Database, "insert" | "select">, ids: DemoScopeIds): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const scopeId = (scope: ScopeType) =>
    scope === "center" ? ids.centerId : scope === "partner" ? ids.partnerId : scope === "network" ? ids.networkId : null;
  for (const a of DEMO_ACCOUNTS) {
    await createStaffUser(tx, {
      id: demoUserId(a.email), name: a.name, email: a.email, passwordHash,
      roles: [{ role: a.role, scopeType: a.scope, scopeId: scopeId(a.scope) }],
    });
  }
}
