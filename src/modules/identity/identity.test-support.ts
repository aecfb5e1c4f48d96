import type { AppServices } from "../../platform/app-context.js";
import type { AuthCaller } from "./auth.service.js";

/** A tiny cookie jar for driving the sign-in steps in tests as a browser would. */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(headers: Headers): this {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A browser request to a back-office page carrying the jar's cookies. */
  request(services: AppServices, path = "/backoffice", method = "GET"): Request {
    const headers = new Headers({ "user-agent": "vitest" });
    const cookie = this.header();
    if (cookie) headers.set("cookie", cookie);
    return new Request(new URL(path, services.config.PUBLIC_URL), { method, headers });
  }

  caller(services: AppServices, clientIp: string): AuthCaller {
    return { request: this.request(services, "/backoffice/accesso", "POST"), clientIp };
  }
}

let ipCounter = 0;
/** A fresh client address per test, so rate-limit buckets do not leak between tests. */
export function nextTestIp(): string {
  ipCounter++;
  return `198.51.100.${ipCounter % 250 + 1}`;
}
