import crypto from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** Per-request CSP nonce for React Router's inline hydration scripts. */
export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/** Strict security headers; the CSP allows only our own origin plus the request's nonce. */
export function securityHeaders(options: { imgSources?: string[] } = {}): MiddlewareHandler<{ Variables: { nonce: string } }> {
  const imgSources = (options.imgSources ?? ["https://tile.openstreetmap.org"]).join(" ");
  return async (c, next) => {
    const nonce = createNonce();
    c.set("nonce", nonce);
    await next();
    const h = c.res.headers;
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: ${imgSources}`,
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; ");
    if (!h.has("content-security-policy")) h.set("Content-Security-Policy", csp);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
    h.set("X-Frame-Options", "DENY");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (c.req.url.startsWith("https:")) h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  };
}

/**
 * CSRF defence for cookie-authenticated writes: a state-changing request must come from our own
 * origin (Origin header, or Sec-Fetch-Site for browsers that omit Origin). Token-authenticated
 * API calls (Authorization: Bearer) carry no ambient credentials and are exempt.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    if (c.req.header("authorization")?.startsWith("Bearer ")) return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const self = new URL(c.req.url).origin;
    const ok = origin ? origin === self : site ? site === "same-origin" || site === "none" : false;
    if (!ok) return c.text("Richiesta rifiutata: origine non consentita (CSRF).", 403);
    return next();
  };
}
