import { describe, expect, it } from "vitest";
import { availableSections, hasAnyRole, hasRole, type RoleGrant, type StaffSession } from "./access.policy.js";

const CENTER_A = "00000000-0000-4000-8000-00000000000a";
const CENTER_B = "00000000-0000-4000-8000-00000000000b";
const CENTER_OTHER = "00000000-0000-4000-8000-0000000000ff";
const PARTNER = "00000000-0000-4000-8000-0000000000c1";
const NETWORK = "00000000-0000-4000-8000-000000000001";
const OTHER_NETWORK = "00000000-0000-4000-8000-000000000002";

const session = (...roles: RoleGrant[]): StaffSession => ({
  user: { id: "u", name: "Test", email: "t@example.org", locale: "it", twoFactorEnabled: false },
  roles,
});
const networkGrant = (role: RoleGrant["role"], id = NETWORK): RoleGrant => ({
  role, scopeType: "network", scopeId: id, covers: { centers: [CENTER_A, CENTER_B], partners: [PARTNER] },
});

describe("hasRole", () => {
  it("matches a center role in its own center only", () => {
    const s = session({ role: "coordinator", scopeType: "center", scopeId: CENTER_A });
    expect(hasRole(s, "coordinator")).toBe(true);
    expect(hasRole(s, "coordinator", { type: "center", id: CENTER_A })).toBe(true);
    expect(hasRole(s, "coordinator", { type: "center", id: CENTER_B })).toBe(false);
    expect(hasRole(s, "coordinator", { type: "network", id: NETWORK })).toBe(false);
    expect(hasRole(s, "frontdesk", { type: "center", id: CENTER_A })).toBe(false);
  });

  it("lets a network admin read, but not write, the centers and partners of its network", () => {
    const s = session(networkGrant("network_admin"));
    expect(hasRole(s, "network_admin", { type: "network", id: NETWORK })).toBe(true);
    expect(hasRole(s, "network_admin", { type: "network", id: NETWORK }, "write")).toBe(true);
    expect(hasRole(s, "network_admin", { type: "center", id: CENTER_A })).toBe(true);
    expect(hasRole(s, "network_admin", { type: "center", id: CENTER_B }, "read")).toBe(true);
    expect(hasRole(s, "network_admin", { type: "partner", id: PARTNER })).toBe(true);
    expect(hasRole(s, "network_admin", { type: "center", id: CENTER_A }, "write")).toBe(false);
    expect(hasRole(s, "network_admin", { type: "center", id: CENTER_OTHER })).toBe(false);
    expect(hasRole(s, "network_admin", { type: "network", id: OTHER_NETWORK })).toBe(false);
  });

  it("does not let a network role stand in for a center role", () => {
    const s = session(networkGrant("network_admin"));
    expect(hasRole(s, "coordinator", { type: "center", id: CENTER_A })).toBe(false);
  });

  it("treats sysadmin as global, without implying other roles", () => {
    const s = session({ role: "sysadmin", scopeType: "global", scopeId: null });
    expect(hasRole(s, "sysadmin")).toBe(true);
    expect(hasRole(s, "sysadmin", { type: "center", id: CENTER_OTHER }, "write")).toBe(true);
    expect(hasRole(s, "sysadmin", { type: "network", id: OTHER_NETWORK })).toBe(true);
    expect(hasRole(s, "coordinator")).toBe(false);
  });

  it("answers false for no session", () => {
    expect(hasRole(null, "sysadmin")).toBe(false);
    expect(hasAnyRole(undefined, ["coordinator", "sysadmin"])).toBe(false);
  });

  it("matches any of several roles", () => {
    const s = session({ role: "partner", scopeType: "partner", scopeId: PARTNER });
    expect(hasAnyRole(s, ["coordinator", "partner"], { type: "partner", id: PARTNER })).toBe(true);
    expect(hasAnyRole(s, ["coordinator", "network_admin"])).toBe(false);
  });
});

describe("availableSections", () => {
  const paths = (s: StaffSession) => availableSections(s).map((x) => x.key);
  it("offers each role the sections it may open", () => {
    expect(paths(session({ role: "coordinator", scopeType: "center", scopeId: CENTER_A }))).toEqual(["a11yReports", "ratings", "import", "security"]);
    expect(paths(session(networkGrant("network_admin")))).toEqual(["a11yReports", "ratings", "import", "security"]);
    expect(paths(session({ role: "sysadmin", scopeType: "global", scopeId: null }))).toEqual(["a11yReports", "import", "security"]);
    expect(paths(session({ role: "frontdesk", scopeType: "center", scopeId: CENTER_A }))).toEqual(["security"]);
    expect(paths(session({ role: "citizen", scopeType: "global", scopeId: null }))).toEqual([]);
  });
});
