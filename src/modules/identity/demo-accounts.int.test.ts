import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { centers, networks } from "../network/index.js";
import { organizations } from "../directory/index.js";
import { eq } from "drizzle-orm";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, getStaffSession, hasRole, signInWithPassword, accounts } from "./index.js";
import { CookieJar, nextTestIp } from "./identity.test-support.js";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(async () => t?.close());

describe("demo accounts", () => {
  it("has one account per role, all sharing one argon2id hash", async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(8);
    const rows = await t.db.select({ password: accounts.password }).from(accounts);
    const demoHashes = new Set(rows.map((r) => r.password));
    expect(rows.length).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);
    expect(demoHashes.size).toBe(1);
  });

  it.each(DEMO_ACCOUNTS)("$email signs in with the demo password as $role in a $scope scope", async (account) => {
    const jar = new CookieJar();
    const outcome = await signInWithPassword(t.services, jar.caller(t.services, nextTestIp()), { email: account.email, password: DEMO_PASSWORD });
    expect(outcome).toMatchObject({ ok: true, twoFactor: false });
    jar.store(outcome.headers);
    const session = await getStaffSession(jar.request(t.services), t.services);
    expect(session?.user.email).toBe(account.email);
    expect(session?.roles).toHaveLength(1);
    const grant = session!.roles[0]!;
    expect(grant).toMatchObject({ role: account.role, scopeType: account.scope });

    const [network] = await t.db.select().from(networks);
    if (account.scope === "global") expect(grant.scopeId).toBeNull();
    if (account.scope === "network") {
      expect(grant.scopeId).toBe(network!.id);
      const networkCenters = await t.db.select({ id: centers.id }).from(centers).where(eq(centers.networkId, network!.id));
      for (const c of networkCenters) expect(hasRole(session, account.role, { type: "center", id: c.id })).toBe(true);
    }
    if (account.scope === "center") {
      const [center] = await t.db.select().from(centers).where(eq(centers.id, grant.scopeId!));
      expect(center?.networkId).toBe(network!.id);
    }
    if (account.scope === "partner") {
      const [org] = await t.db.select().from(organizations).where(eq(organizations.id, grant.scopeId!));
      expect(org?.kind).toBe("partner");
    }
  });
});
