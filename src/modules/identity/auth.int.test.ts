import { eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import { organizations } from "../directory/index.js";
import { centers, municipalities, networks } from "../network/index.js";
import {
  accounts, createStaffUser, disableTotp, findTwoFactorState, getStaffSession, hashPassword, requireStaff, signInWithPassword,
  signOut, sessions, SIGN_IN_RATE_LIMIT, startTotpSetup, verifySecondFactor,
} from "./index.js";
import { CookieJar, nextTestIp } from "./identity.test-support.js";

const PASSWORD = "Una-password-di-prova-42";
const NETWORK = "10000000-0000-4000-8000-000000000001";
const CENTER_A = "10000000-0000-4000-8000-00000000000a";
const CENTER_B = "10000000-0000-4000-8000-00000000000b";
const OTHER_NETWORK = "10000000-0000-4000-8000-000000000002";
const OTHER_CENTER = "10000000-0000-4000-8000-0000000000ff";
const PARTNER = "10000000-0000-4000-8000-0000000000c1";

let t: TestDb;
const t_ = (k: string) => k;

beforeAll(async () => {
  t = await createTestDb("empty");
  const db = t.db;
  await db.insert(municipalities).values({ istat: "048017", name: "Firenze", province: "FI", lat: 43.77, lng: 11.25 });
  await db.insert(networks).values([
    { id: NETWORK, slug: "rete-a", name: "Rete A", region: "Toscana" },
    { id: OTHER_NETWORK, slug: "rete-b", name: "Rete B", region: "Umbria" },
  ]);
  const center = (id: string, networkId: string, slug: string) => ({
    id, networkId, organizationId: id, slug, name: `Centro ${slug}`, managingBodyName: "Comune", managingBodyKind: "public" as const,
    municipalityIstat: "048017", email: "c@example.org", phone: "055", description: "", howToReach: "", territory: [],
  });
  await db.insert(organizations).values([
    { id: CENTER_A, networkId: NETWORK, slug: "centro-a", kind: "center", name: "Centro A" },
    { id: CENTER_B, networkId: NETWORK, slug: "centro-b", kind: "center", name: "Centro B" },
    { id: OTHER_CENTER, networkId: OTHER_NETWORK, slug: "centro-z", kind: "center", name: "Centro Z" },
    { id: PARTNER, networkId: NETWORK, slug: "partner-a", kind: "partner", name: "Consultorio A" },
  ]);
  await db.insert(centers).values([center(CENTER_A, NETWORK, "a"), center(CENTER_B, NETWORK, "b"), center(OTHER_CENTER, OTHER_NETWORK, "z")]);
  const passwordHash = await hashPassword(PASSWORD);
  await createStaffUser(db, { id: "u-coord", name: "Elena Coordinatrice", email: "Coord@Example.org", passwordHash, roles: [{ role: "coordinator", scopeType: "center", scopeId: CENTER_A }] });
  await createStaffUser(db, { id: "u-desk", name: "Giulia Sportello", email: "desk@example.org", passwordHash, roles: [{ role: "frontdesk", scopeType: "center", scopeId: CENTER_A }] });
  await createStaffUser(db, { id: "u-net", name: "Francesca Rete", email: "net@example.org", passwordHash, roles: [{ role: "network_admin", scopeType: "network", scopeId: NETWORK }] });
  await createStaffUser(db, { id: "u-sys", name: "Sara Sistemi", email: "sys@example.org", passwordHash, roles: [{ role: "sysadmin", scopeType: "global", scopeId: null }] });
  await createStaffUser(db, { id: "u-citizen", name: "Anna Cittadina", email: "anna@example.org", passwordHash, roles: [{ role: "citizen", scopeType: "global", scopeId: null }] });
  await createStaffUser(db, { id: "u-totp", name: "Marco Totp", email: "totp@example.org", passwordHash, roles: [{ role: "professional", scopeType: "center", scopeId: CENTER_B }] });
});
afterAll(async () => t?.close());

async function signedIn(email: string, ip = nextTestIp()) {
  const jar = new CookieJar();
  const outcome = await signInWithPassword(t.services, jar.caller(t.services, ip), { email, password: PASSWORD });
  expect(outcome.ok).toBe(true);
  jar.store(outcome.headers);
  return jar;
}

describe("sign-in with password", () => {
  it("signs in with the right password, case-insensitively on the email, with a safe session cookie", async () => {
    const jar = new CookieJar();
    const outcome = await signInWithPassword(t.services, jar.caller(t.services, nextTestIp()), { email: "COORD@example.org", password: PASSWORD });
    expect(outcome).toMatchObject({ ok: true, twoFactor: false });
    const cookie = outcome.headers.getSetCookie().find((c) => c.startsWith("crocevia.session_token="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // PUBLIC_URL is http:// in tests
    jar.store(outcome.headers);
    const session = await getStaffSession(jar.request(t.services), t.services);
    expect(session?.user).toMatchObject({ id: "u-coord", email: "coord@example.org", name: "Elena Coordinatrice", twoFactorEnabled: false });
    expect(session?.roles).toEqual([{ role: "coordinator", scopeType: "center", scopeId: CENTER_A }]);
  });

  it("gives the same 401 answer for a wrong password and an unknown email", async () => {
    const ip = nextTestIp();
    const wrong = await signInWithPassword(t.services, new CookieJar().caller(t.services, ip), { email: "coord@example.org", password: "sbagliata-sbagliata" });
    const unknown = await signInWithPassword(t.services, new CookieJar().caller(t.services, ip), { email: "nessuno@example.org", password: PASSWORD });
    expect(wrong).toMatchObject({ ok: false, status: 401, error: "identity.errors.invalidCredentials" });
    expect(unknown).toMatchObject({ ok: false, status: 401, error: "identity.errors.invalidCredentials" });
    expect(wrong.headers.getSetCookie().some((c) => c.includes("session_token=") && !/Max-Age=0/i.test(c))).toBe(false);
  });

  it("rate-limits sign-in attempts per client address", async () => {
    const ip = nextTestIp();
    const attempt = () => signInWithPassword(t.services, new CookieJar().caller(t.services, ip), { email: "coord@example.org", password: "sbagliata-sbagliata" });
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++) expect(await attempt()).toMatchObject({ ok: false, status: 401 });
    expect(await attempt()).toMatchObject({ ok: false, status: 429, error: "identity.errors.rateLimited" });
    // Even the right password is refused from that address until the window ends...
    const right = await signInWithPassword(t.services, new CookieJar().caller(t.services, ip), { email: "coord@example.org", password: PASSWORD });
    expect(right).toMatchObject({ ok: false, status: 429 });
    // ...while another address is unaffected.
    await signedIn("coord@example.org");
  });

  it("signs out and deletes the session", async () => {
    const jar = await signedIn("desk@example.org");
    const before = await t.db.select().from(sessions).where(eq(sessions.userId, "u-desk"));
    expect(before.length).toBeGreaterThan(0);
    jar.store(await signOut(t.services, jar.caller(t.services, nextTestIp())));
    expect(await getStaffSession(jar.request(t.services), t.services)).toBeNull();
  });

  it("refuses public sign-up", async () => {
    const { getAuth } = await import("./index.js");
    const res = await getAuth(t.services).handler(new Request(new URL("/api/auth/sign-up/email", t.services.config.PUBLIC_URL), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(t.services.config.PUBLIC_URL).origin },
      body: JSON.stringify({ email: "new@example.org", password: "Una-password-nuova-1", name: "Nuovo" }),
    }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("TOTP second factor", () => {
  const totpFor = (uri: string) => OTPAuth.URI.parse(uri) as OTPAuth.TOTP;

  it("enables TOTP after a code confirms it, then requires a code at sign-in", async () => {
    const jar = await signedIn("totp@example.org");
    const ip = nextTestIp();

    expect(await startTotpSetup(t.services, jar.caller(t.services, ip), { password: "sbagliata-sbagliata" }))
      .toMatchObject({ ok: false, status: 400, error: "identity.errors.wrongPassword" });

    const setup = await startTotpSetup(t.services, jar.caller(t.services, ip), { password: PASSWORD });
    if (!setup.ok) throw new Error(setup.error);
    expect(setup.totpURI).toMatch(/^otpauth:\/\/totp\/Crocevia:totp%40example\.org\?/);
    expect(setup.totpURI).toContain("issuer=Crocevia");
    expect(setup.secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(setup.backupCodes).toHaveLength(8);
    expect(await findTwoFactorState(t.db, "u-totp")).toBe("pending");
    // Not yet on: signing in still needs only the password.
    expect((await signInWithPassword(t.services, new CookieJar().caller(t.services, ip), { email: "totp@example.org", password: PASSWORD })).twoFactor).toBe(false);

    const totp = totpFor(setup.totpURI);
    expect(totp.issuer).toBe("Crocevia");
    expect(await verifySecondFactor(t.services, jar.caller(t.services, ip), { code: "000000" === totp.generate() ? "111111" : "000000" }))
      .toMatchObject({ ok: false, error: "identity.errors.invalidCode" });
    const confirmed = await verifySecondFactor(t.services, jar.caller(t.services, ip), { code: totp.generate() });
    expect(confirmed.ok).toBe(true);
    jar.store(confirmed.headers);
    expect(await findTwoFactorState(t.db, "u-totp")).toBe("on");
    expect((await getStaffSession(jar.request(t.services), t.services))?.user.twoFactorEnabled).toBe(true);

    // Password alone no longer opens a session.
    const browser = new CookieJar();
    const first = await signInWithPassword(t.services, browser.caller(t.services, ip), { email: "totp@example.org", password: PASSWORD });
    expect(first).toMatchObject({ ok: true, twoFactor: true });
    browser.store(first.headers);
    expect(browser.names()).toContain("crocevia.two_factor");
    expect(await getStaffSession(browser.request(t.services), t.services)).toBeNull();

    expect(await verifySecondFactor(t.services, browser.caller(t.services, ip), { code: "12345x" }))
      .toMatchObject({ ok: false, status: 401, error: "identity.errors.invalidCode" });
    const second = await verifySecondFactor(t.services, browser.caller(t.services, ip), { code: totp.generate() });
    expect(second.ok).toBe(true);
    browser.store(second.headers);
    expect((await getStaffSession(browser.request(t.services), t.services))?.user.id).toBe("u-totp");

    // A backup code works once instead of the app's code.
    const other = new CookieJar();
    other.store((await signInWithPassword(t.services, other.caller(t.services, nextTestIp()), { email: "totp@example.org", password: PASSWORD })).headers);
    const backup = await verifySecondFactor(t.services, other.caller(t.services, nextTestIp()), { code: setup.backupCodes[0]! });
    expect(backup.ok).toBe(true);

    // Disabling needs the password.
    expect(await disableTotp(t.services, browser.caller(t.services, nextTestIp()), { password: "sbagliata-sbagliata" }))
      .toMatchObject({ ok: false, error: "identity.errors.wrongPassword" });
    const disabled = await disableTotp(t.services, browser.caller(t.services, nextTestIp()), { password: PASSWORD });
    expect(disabled.ok).toBe(true);
    expect(await findTwoFactorState(t.db, "u-totp")).toBe("off");
  });

  it("asks to sign in again when the second-factor cookie is missing", async () => {
    expect(await verifySecondFactor(t.services, new CookieJar().caller(t.services, nextTestIp()), { code: "123456" }))
      .toMatchObject({ ok: false, status: 401, error: "identity.errors.codeExpired" });
  });
});

describe("requireStaff and role grants", () => {
  it("redirects an anonymous request to the sign-in page, keeping where it was going", async () => {
    const req = new CookieJar().request(t.services, "/backoffice/valutazioni?x=1");
    const thrown = await requireStaff(req, { app: t.services, t: t_ as never }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(303);
    expect((thrown as Response).headers.get("location")).toBe(`/backoffice/accesso?redirectTo=${encodeURIComponent("/backoffice/valutazioni?x=1")}`);
  });

  it("answers 403 to a signed-in user without the role, and to a citizen", async () => {
    const desk = await signedIn("desk@example.org");
    const thrown = await requireStaff(desk.request(t.services), { app: t.services, t: t_ as never }, { roles: ["coordinator", "network_admin", "sysadmin"] })
      .catch((e: unknown) => e);
    expect(thrown).toMatchObject({ init: { status: 403 } });
    const citizen = await signedIn("anna@example.org");
    expect(await requireStaff(citizen.request(t.services), { app: t.services, t: t_ as never }).catch((e: unknown) => e))
      .toMatchObject({ init: { status: 403 } });
  });

  it("checks the scope: a coordinator only in their center, a network admin reading the network's centers", async () => {
    const ctx = { app: t.services, t: t_ as never };
    const coord = await signedIn("coord@example.org");
    await expect(requireStaff(coord.request(t.services), ctx, { roles: ["coordinator"], scope: { type: "center", id: CENTER_A } })).resolves.toBeTruthy();
    expect(await requireStaff(coord.request(t.services), ctx, { roles: ["coordinator"], scope: { type: "center", id: CENTER_B } }).catch((e) => e))
      .toMatchObject({ init: { status: 403 } });

    const net = await signedIn("net@example.org");
    const session = await getStaffSession(net.request(t.services), t.services);
    expect(session?.roles[0]?.covers?.centers.sort()).toEqual([CENTER_A, CENTER_B].sort());
    expect(session?.roles[0]?.covers?.partners).toEqual([PARTNER]);
    await expect(requireStaff(net.request(t.services), ctx, { roles: ["network_admin"], scope: { type: "center", id: CENTER_B } })).resolves.toBeTruthy();
    await expect(requireStaff(net.request(t.services), ctx, { roles: ["network_admin"], scope: { type: "partner", id: PARTNER } })).resolves.toBeTruthy();
    expect(await requireStaff(net.request(t.services), ctx, { roles: ["network_admin"], scope: { type: "center", id: CENTER_B }, mode: "write" }).catch((e) => e))
      .toMatchObject({ init: { status: 403 } });
    expect(await requireStaff(net.request(t.services), ctx, { roles: ["network_admin"], scope: { type: "center", id: OTHER_CENTER } }).catch((e) => e))
      .toMatchObject({ init: { status: 403 } });

    const sys = await signedIn("sys@example.org");
    await expect(requireStaff(sys.request(t.services), ctx, { roles: ["sysadmin"], scope: { type: "center", id: OTHER_CENTER }, mode: "write" })).resolves.toBeTruthy();
    expect(await requireStaff(sys.request(t.services), ctx, { roles: ["coordinator"] }).catch((e) => e)).toMatchObject({ init: { status: 403 } });
  });

  it("stores only argon2id hashes", async () => {
    const rows = await t.db.select({ password: accounts.password }).from(accounts);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.password).toMatch(/^\$argon2id\$/);
  });
});
