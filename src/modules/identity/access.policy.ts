import type { Role } from "./identity.tables.js";

export type ScopeType = "center" | "partner" | "network" | "global";

/** A role held in a scope, as stored in role_assignments. */
export interface RoleGrant {
  role: Role;
  scopeType: ScopeType;
  /** centers.id, organizations.id (partner) or networks.id; null for global. */
  scopeId: string | null;
  /** For a network grant: the network's centers and partner organisations (read coverage). */
  covers?: { centers: string[]; partners: string[] };
}

export interface StaffSession {
  user: { id: string; name: string; email: string; locale: string; twoFactorEnabled: boolean };
  roles: RoleGrant[];
}

export interface Scope {
  type: Exclude<ScopeType, "global">;
  id: string;
}

/** "read": looking at data; "write": changing it (network coverage does not extend to writes). */
export type AccessMode = "read" | "write";

/** Roles that open the back-office (everyone but citizens). */
export const STAFF_ROLES = ["frontdesk", "professional", "coordinator", "partner", "network_admin", "dpo", "sysadmin"] as const satisfies readonly Role[];

/**
 * Whether one grant reaches a scope:
 * - a global grant (sysadmin, citizen) reaches every scope;
 * - a grant reaches its own scope;
 * - a network grant reaches, for reading only, the centers and partner organisations of that network.
 */
export function grantCovers(grant: RoleGrant, scope: Scope | undefined, mode: AccessMode = "read"): boolean {
  if (!scope) return true;
  if (grant.scopeType === "global") return true;
  if (grant.scopeType === scope.type && grant.scopeId === scope.id) return true;
  if (mode === "read" && grant.scopeType === "network" && grant.covers) {
    if (scope.type === "center") return grant.covers.centers.includes(scope.id);
    if (scope.type === "partner") return grant.covers.partners.includes(scope.id);
  }
  return false;
}

/** Whether the session holds `role` (in `scope`, when given). Roles do not imply one another. */
export function hasRole(session: StaffSession | null | undefined, role: Role, scope?: Scope, mode: AccessMode = "read"): boolean {
  if (!session) return false;
  return session.roles.some((g) => g.role === role && grantCovers(g, scope, mode));
}

/** Whether the session holds any of `roles` (in `scope`, when given). */
export function hasAnyRole(session: StaffSession | null | undefined, roles: readonly Role[], scope?: Scope, mode: AccessMode = "read"): boolean {
  return roles.some((role) => hasRole(session, role, scope, mode));
}

/** Back-office sections and who may open them (checked again on the server by each page). */
export const BACKOFFICE_SECTIONS = [
  { path: "/backoffice/segnalazioni-accessibilita", key: "a11yReports", roles: ["coordinator", "network_admin", "sysadmin"] },
  { path: "/backoffice/valutazioni", key: "ratings", roles: ["coordinator", "network_admin"] },
  { path: "/backoffice/importa", key: "import", roles: ["coordinator", "network_admin", "sysadmin"] },
  { path: "/backoffice/sicurezza", key: "security", roles: [...STAFF_ROLES] },
] as const satisfies readonly { path: string; key: string; roles: readonly Role[] }[];

export function sectionRoles(path: (typeof BACKOFFICE_SECTIONS)[number]["path"]): readonly Role[] {
  return BACKOFFICE_SECTIONS.find((s) => s.path === path)!.roles;
}

/** The sections a session may open, in menu order. */
export function availableSections(session: StaffSession) {
  return BACKOFFICE_SECTIONS.filter((s) => hasAnyRole(session, s.roles));
}
