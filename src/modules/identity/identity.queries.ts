import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import { organizations } from "../directory/index.js";
import { centers, networks } from "../network/index.js";
import type { RoleGrant } from "./access.policy.js";
import { roleAssignments, twoFactors, users } from "./identity.tables.js";

/** A user's role grants, with the centers and partners each network grant covers. */
export async function findRoleGrants(db: Database, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: roleAssignments.role, scopeType: roleAssignments.scopeType, scopeId: roleAssignments.scopeId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  const grants: RoleGrant[] = rows.map((r) => ({ ...r }));
  const networkIds = [...new Set(grants.filter((g) => g.scopeType === "network" && g.scopeId).map((g) => g.scopeId!))];
  if (networkIds.length) {
    const [centerRows, partnerRows] = await Promise.all([
      db.select({ id: centers.id, networkId: centers.networkId }).from(centers).where(inArray(centers.networkId, networkIds)),
      db.select({ id: organizations.id, networkId: organizations.networkId }).from(organizations)
        .where(and(inArray(organizations.networkId, networkIds), eq(organizations.kind, "partner"))),
    ]);
    for (const g of grants) {
      if (g.scopeType !== "network") continue;
      g.covers = {
        centers: centerRows.filter((c) => c.networkId === g.scopeId).map((c) => c.id),
        partners: partnerRows.filter((p) => p.networkId === g.scopeId).map((p) => p.id),
      };
    }
  }
  return grants;
}

/** Display names of the scopes in a list of grants (center, partner organisation or network). */
export async function findScopeNames(db: Database, grants: RoleGrant[]): Promise<Record<string, string>> {
  const ids = (type: RoleGrant["scopeType"]) => [...new Set(grants.filter((g) => g.scopeType === type && g.scopeId).map((g) => g.scopeId!))];
  const names: Record<string, string> = {};
  const [c, p, n] = [ids("center"), ids("partner"), ids("network")];
  if (c.length) for (const r of await db.select({ id: centers.id, name: centers.name }).from(centers).where(inArray(centers.id, c))) names[r.id] = r.name;
  if (p.length) for (const r of await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, p))) names[r.id] = r.name;
  if (n.length) for (const r of await db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, n))) names[r.id] = r.name;
  return names;
}

/** TOTP state of a user: off, pending (set up but not yet confirmed with a code) or on. */
export async function findTwoFactorState(db: Database, userId: string): Promise<"off" | "pending" | "on"> {
  const [user] = await db.select({ enabled: users.twoFactorEnabled }).from(users).where(eq(users.id, userId));
  if (user?.enabled) return "on";
  const [row] = await db.select({ verified: twoFactors.verified }).from(twoFactors).where(eq(twoFactors.userId, userId));
  return row && row.verified === false ? "pending" : "off";
}
