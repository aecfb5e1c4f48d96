import type { AppServices } from "../../platform/app-context.js";
import { authErrorCode, callAuth, forwardCookies, type AuthCaller } from "./auth.service.js";

/**
 * The back-office sign-in steps, for React Router actions (forms that work without JavaScript).
 * Every outcome that changes cookies carries the Set-Cookie headers to put on the response.
 * `error` values are i18n keys under "identity.".
 */
export type AuthOutcome =
  | { ok: true; headers: Headers }
  | { ok: false; status: number; error: string; headers: Headers };

function failure(status: number, error: string, response?: Response): AuthOutcome {
  return { ok: false, status, error, headers: response ? forwardCookies(response) : new Headers() };
}

function rateLimited(response: Response): AuthOutcome {
  return failure(429, "identity.errors.rateLimited", response);
}

/** Password step: signs in, or leaves a short-lived second-factor cookie when TOTP is on. */
export async function signInWithPassword(
  services: AppServices,
  caller: AuthCaller,
  input: { email: string; password: string },
): Promise<AuthOutcome & { twoFactor?: boolean }> {
  const response = await callAuth(services, caller, "/sign-in/email", { email: input.email, password: input.password, rememberMe: false });
  if (response.status === 429) return rateLimited(response);
  if (!response.ok) {
    // Unknown email and wrong password get the same answer (and the same hashing time).
    if (response.status === 401 || response.status === 400) return failure(401, "identity.errors.invalidCredentials", response);
    return failure(response.status >= 500 ? 503 : 403, "identity.errors.signInFailed", response);
  }
  const body = (await response.json()) as { twoFactorRedirect?: boolean };
  return { ok: true, headers: forwardCookies(response), twoFactor: Boolean(body.twoFactorRedirect) };
}

const CODE_ERRORS: Record<string, [number, string]> = {
  INVALID_CODE: [401, "identity.errors.invalidCode"],
  INVALID_BACKUP_CODE: [401, "identity.errors.invalidCode"],
  INVALID_TWO_FACTOR_COOKIE: [401, "identity.errors.codeExpired"],
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: [429, "identity.errors.tooManyCodes"],
  ACCOUNT_TEMPORARILY_LOCKED: [429, "identity.errors.locked"],
  TOTP_NOT_ENABLED: [400, "identity.errors.codeExpired"],
};

async function codeFailure(response: Response): Promise<AuthOutcome> {
  const code = await authErrorCode(response);
  const known = code ? CODE_ERRORS[code] : undefined;
  if (known) return failure(known[0], known[1], response);
  if (response.status === 429) return rateLimited(response);
  return failure(400, "identity.errors.invalidCode", response);
}

/** A six-digit code goes to TOTP; anything else is tried as a backup code. */
export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/** Second step of sign-in (or confirmation of a new TOTP setup, with a signed-in session). */
export async function verifySecondFactor(services: AppServices, caller: AuthCaller, input: { code: string }): Promise<AuthOutcome> {
  const code = input.code.replace(/\s+/g, "");
  const endpoint = isTotpCode(code) ? "/two-factor/verify-totp" : "/two-factor/verify-backup-code";
  const response = await callAuth(services, caller, endpoint, { code });
  if (!response.ok) return codeFailure(response);
  return { ok: true, headers: forwardCookies(response) };
}

export async function signOut(services: AppServices, caller: AuthCaller): Promise<Headers> {
  const response = await callAuth(services, caller, "/sign-out", {});
  return forwardCookies(response);
}

export type TotpSetup =
  | { ok: true; totpURI: string; secret: string; backupCodes: string[]; headers: Headers }
  | { ok: false; status: number; error: string; headers: Headers };

async function passwordFailure(response: Response): Promise<{ ok: false; status: number; error: string; headers: Headers }> {
  if (response.status === 429) return { ok: false, status: 429, error: "identity.errors.rateLimited", headers: forwardCookies(response) };
  const code = await authErrorCode(response);
  if (code === "TOTP_ALREADY_ENABLED") return { ok: false, status: 409, error: "identity.security.alreadyEnabled", headers: forwardCookies(response) };
  if (response.status === 401 && code !== "INVALID_PASSWORD") return { ok: false, status: 401, error: "identity.errors.sessionExpired", headers: forwardCookies(response) };
  return { ok: false, status: 400, error: "identity.errors.wrongPassword", headers: forwardCookies(response) };
}

/**
 * Starts TOTP enrolment after re-checking the password: returns the otpauth:// URI, its secret
 * for manual entry and the backup codes. TOTP is on only once a code confirms it.
 */
export async function startTotpSetup(services: AppServices, caller: AuthCaller, input: { password: string }): Promise<TotpSetup> {
  const response = await callAuth(services, caller, "/two-factor/enable", { password: input.password, method: "totp", issuer: "Crocevia" });
  if (!response.ok) return passwordFailure(response);
  const body = (await response.json()) as { totpURI: string; backupCodes: string[] };
  const secret = new URL(body.totpURI).searchParams.get("secret") ?? "";
  return { ok: true, totpURI: body.totpURI, secret, backupCodes: body.backupCodes, headers: forwardCookies(response) };
}

export async function disableTotp(services: AppServices, caller: AuthCaller, input: { password: string }): Promise<AuthOutcome> {
  const response = await callAuth(services, caller, "/two-factor/disable", { password: input.password });
  if (!response.ok) return passwordFailure(response);
  return { ok: true, headers: forwardCookies(response) };
}
