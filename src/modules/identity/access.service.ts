import { data, redirect } from "react-router";
import type { AppServices, RequestContext } from "../../platform/app-context.js";
import type { Role } from "./identity.tables.js";
import { hasAnyRole, STAFF_ROLES, type AccessMode, type Scope, type StaffSession } from "./access.policy.js";
import { getAuth } from "./auth.service.js";
import { findRoleGrants } from "./identity.queries.js";

export const SIGN_IN_PATH = "/backoffice/accesso";

const perRequest = new WeakMap<Request, Promise<StaffSession | null>>();

/**
 * The signed-in user of a request and their role grants, or null (no or expired session).
 * Looked up once per request (the layout and the page loaders share it).
 */
export function getStaffSession(request: Request, services: AppServices): Promise<StaffSession | null> {
  let session = perRequest.get(request);
  if (!session) {
    session = lookUpStaffSession(request, services);
    perRequest.set(request, session);
  }
  return session;
}

async function lookUpStaffSession(request: Request, services: AppServices): Promise<StaffSession | null> {
  if (!request.headers.get("cookie")) return null;
  const result = await getAuth(services).api.getSession({ headers: request.headers, query: { disableRefresh: true } });
  if (!result) return null;
  const u = result.user as typeof result.user & { locale?: string; twoFactorEnabled?: boolean | null };
  return {
    user: { id: u.id, name: u.name, email: u.email, locale: u.locale ?? "it", twoFactorEnabled: Boolean(u.twoFactorEnabled) },
    roles: await findRoleGrants(services.db, u.id),
  };
}

/** A same-site back-office path to return to after signing in (anything else goes to /backoffice). */
export function safeBackofficePath(value: unknown): string {
  if (typeof value !== "string") return "/backoffice";
  if (!/^\/backoffice(?:[/?#]|$)/.test(value) || value.startsWith(SIGN_IN_PATH)) return "/backoffice";
  return value;
}

export interface RequireStaffOptions {
  /** Any of these roles is enough; default: any staff role (citizens are not staff). */
  roles?: readonly Role[];
  /** The center, partner organisation or network the request touches. */
  scope?: Scope;
  mode?: AccessMode;
}

/**
 * Guards a back-office loader or action: an anonymous request is redirected to the sign-in
 * page (and back afterwards); a signed-in user without a fitting role gets a 403.
 */
export async function requireStaff(
  request: Request,
  context: Pick<RequestContext, "app" | "t">,
  options: RequireStaffOptions = {},
): Promise<StaffSession> {
  const session = await getStaffSession(request, context.app);
  if (!session) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
    throw redirect(`${SIGN_IN_PATH}?redirectTo=${encodeURIComponent(safeBackofficePath(back))}`, 303);
  }
  if (!hasAnyRole(session, options.roles ?? STAFF_ROLES, options.scope, options.mode)) {
    throw data({ message: context.t("identity.errors.forbidden") }, { status: 403 });
  }
  return session;
}
