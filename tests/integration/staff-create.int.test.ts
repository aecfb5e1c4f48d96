import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type StaffCreateIo } from "../../scripts/staff-create.js";
import { CookieJar, nextTestIp } from "../../src/modules/identity/identity.test-support.js";
import { findRoleGrants, getStaffSession, signInWithPassword, users } from "../../src/modules/identity/index.js";
import { createTestDb, type TestDb } from "../support/test-db.js";

const PASSWORD = "Prima-password-2026";
let t: TestDb;
let centerId: string;

beforeAll(async () => {
  t = await createTestDb("demo");
  const res = await t.db.execute(sql`select id from centers order by slug limit 1`);
  centerId = (res as unknown as { rows: { id: string }[] }).rows[0]!.id;
});
afterAll(async () => t?.close());

/** Runs `npm run staff:create -- …` against the test database; returns the exit code and what it printed. */
async function run(argv: string[], env: Record<string, string> = { STAFF_PASSWORD: PASSWORD }) {
  const lines: string[] = [];
  let closed = 0;
  const io: StaffCreateIo = {
    env,
    askPassword: async () => null,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    open: async () => ({ services: t.services, close: async () => { closed++; } }),
  };
  const code = await main(argv, io);
  return { code, text: lines.join("\n"), closed };
}

async function userCount(): Promise<number> {
  const res = await t.db.execute(sql`select count(*)::int as n from users`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe("npm run staff:create", () => {
  it("creates a sysadmin who can sign in to the back-office", async () => {
    const r = await run(["--email", "Admin@Comune.example.it", "--name", "Prima Amministratrice", "--role", "sysadmin"]);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(/Account creato: admin@comune\.example\.it, ruolo sysadmin/);
    expect(r.closed).toBe(1);

    const [user] = await t.db.select().from(users).where(eq(users.email, "admin@comune.example.it"));
    expect(user).toMatchObject({ name: "Prima Amministratrice", emailVerified: true });
    expect(await findRoleGrants(t.db, user!.id)).toEqual([{ role: "sysadmin", scopeType: "global", scopeId: null }]);

    const jar = new CookieJar();
    const outcome = await signInWithPassword(t.services, jar.caller(t.services, nextTestIp()), { email: "admin@comune.example.it", password: PASSWORD });
    expect(outcome.ok).toBe(true);
    jar.store(outcome.headers);
    const session = await getStaffSession(jar.request(t.services), t.services);
    expect(session?.user.email).toBe("admin@comune.example.it");
  });

  it("creates a coordinator in an existing center", async () => {
    const r = await run(["--email", "coord@comune.example.it", "--name", "Nuova Coordinatrice", "--role", "coordinator", "--scope-type", "center", "--scope-id", centerId]);
    expect(r.code, r.text).toBe(0);
    const [user] = await t.db.select().from(users).where(eq(users.email, "coord@comune.example.it"));
    expect(await findRoleGrants(t.db, user!.id)).toEqual([{ role: "coordinator", scopeType: "center", scopeId: centerId }]);
  });

  it("refuses a taken email, an unknown scope and bad input, writing nothing", async () => {
    const before = await userCount();
    const taken = await run(["--email", "coordinatore@demo.crocevia.it", "--name", "Doppione", "--role", "sysadmin"]);
    expect(taken.code).toBe(1);
    expect(taken.text).toMatch(/esiste già un account con l'email coordinatore@demo\.crocevia\.it/);
    expect(taken.closed).toBe(1);

    const unknown = await run(["--email", "x@comune.example.it", "--name", "X", "--role", "network_admin", "--scope-type", "network", "--scope-id", "10000000-0000-4000-8000-0000000000ff"]);
    expect(unknown.code).toBe(1);
    expect(unknown.text).toMatch(/nessuna rete ha l'id 10000000-0000-4000-8000-0000000000ff/);

    // A center's id is not a partner organisation's.
    const wrongKind = await run(["--email", "y@comune.example.it", "--name", "Y", "--role", "partner", "--scope-type", "network", "--scope-id", centerId]);
    expect(wrongKind.code).toBe(1);

    const short = await run(["--email", "z@comune.example.it", "--name", "Z", "--role", "sysadmin"], { STAFF_PASSWORD: "corta" });
    expect(short.code).toBe(2);
    expect(short.closed).toBe(0);
    expect(await userCount()).toBe(before);
  });
});
