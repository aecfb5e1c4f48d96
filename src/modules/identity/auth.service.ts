import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { AppServices } from "../../platform/app-context.js";
import { logger } from "../../platform/log/logger.js";
import { resolveAuthSecret } from "./auth-secret.service.js";
import { accounts, rateLimits, sessions, twoFactors, users, verifications } from "./identity.tables.js";
import { hashPassword, verifyPassword } from "./password.service.js";

/** Where better-auth's endpoints live (reached in-process through auth.handler; not mounted publicly). */
export const AUTH_BASE_PATH = "/api/auth";
/** The header our own code sets on in-process auth requests to carry the client's address. */
const CLIENT_IP_HEADER = "x-crocevia-client-ip";
/** A staff session lasts one working day and ends when the browser closes. */
const SESSION_SECONDS = 12 * 3600;

/** Sign-in attempts per client address: 10 a minute; the TOTP step has its own budget. */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 10 } as const;

function createAuth(services: AppServices) {
  const { config, db } = services;
  const https = config.PUBLIC_URL.startsWith("https:");
  return betterAuth({
    appName: "Crocevia",
    baseURL: config.PUBLIC_URL,
    basePath: AUTH_BASE_PATH,
    secret: resolveAuthSecret(config),
    trustedOrigins: [new URL(config.PUBLIC_URL).origin],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        twoFactor: twoFactors,
        rateLimit: rateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Staff accounts are created by a sysadmin or the seed, never by the public.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: { expiresIn: SESSION_SECONDS, updateAge: SESSION_SECONDS, freshAge: SESSION_SECONDS },
    user: { changeEmail: { enabled: false }, deleteUser: { enabled: false } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": SIGN_IN_RATE_LIMIT,
        "/two-factor/*": { window: 60, max: 10 },
      },
    },
    advanced: {
      cookiePrefix: "crocevia",
      useSecureCookies: https,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: https, path: "/" },
      ipAddress: {
        ipAddressHeaders: [CLIENT_IP_HEADER],
        ...(config.TRUSTED_PROXIES.length ? { trustedProxies: config.TRUSTED_PROXIES } : {}),
      },
    },
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      // Messages only: better-auth's extra arguments may hold request data.
      log: (level, message) => logger[level]({ component: "auth" }, message),
    },
    plugins: [
      twoFactor({
        issuer: "Crocevia",
        totpOptions: { digits: 6, period: 30 },
        backupCodeOptions: { amount: 8, length: 10 },
        accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 900 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<AppServices, Auth>();

/** The better-auth instance of these services (one per process, created on first use). */
export function getAuth(services: AppServices): Auth {
  let auth = instances.get(services);
  if (!auth) {
    auth = createAuth(services);
    instances.set(services, auth);
  }
  return auth;
}

/** What the in-process auth call needs from the browser's request. */
export interface AuthCaller {
  request: Request;
  /** The TCP peer address (RequestContext.clientIp). */
  clientIp?: string;
}

/**
 * The client address as better-auth should see it: the TCP peer, or — when TRUSTED_PROXIES is
 * set — the forwarded chain ending with the peer, which better-auth walks right to left.
 */
function clientAddress(services: AppServices, caller: AuthCaller): string {
  const peer = caller.clientIp ?? "unknown";
  if (!services.config.TRUSTED_PROXIES.length) return peer;
  const forwarded = caller.request.headers.get("x-forwarded-for");
  return forwarded ? `${forwarded}, ${peer}` : peer;
}

/**
 * Calls a better-auth endpoint in-process through its HTTP handler, so its rate limits, origin
 * checks and cookie handling apply exactly as they would over HTTP. The browser's cookies and
 * user agent are passed on; the caller forwards the returned Set-Cookie headers.
 */
export async function callAuth(services: AppServices, caller: AuthCaller, endpoint: string, body: unknown): Promise<Response> {
  const base = new URL(services.config.PUBLIC_URL);
  const headers = new Headers({ "content-type": "application/json", origin: base.origin });
  const cookie = caller.request.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  const agent = caller.request.headers.get("user-agent");
  if (agent) headers.set("user-agent", agent);
  headers.set(CLIENT_IP_HEADER, clientAddress(services, caller));
  const url = new URL(`${AUTH_BASE_PATH}${endpoint}`, base);
  return getAuth(services).handler(new Request(url, { method: "POST", headers, body: JSON.stringify(body ?? {}) }));
}

/** The Set-Cookie headers of an auth response, ready to go on our own response. */
export function forwardCookies(response: Response, into: Headers = new Headers()): Headers {
  for (const cookie of response.headers.getSetCookie()) into.append("Set-Cookie", cookie);
  return into;
}

/** better-auth's error code of a failed response ("INVALID_EMAIL_OR_PASSWORD", ...), if any. */
export async function authErrorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { code?: string };
    return body.code;
  } catch {
    return undefined;
  }
}
