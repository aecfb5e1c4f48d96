import type { AppConfig } from "./config.js";
import type { Database, DatabaseHandle } from "./db/client.js";
import type { Locale } from "./i18n/locales.js";
import type { TFunction } from "./i18n/translator.js";

/** Process-wide services, created once at boot and handed to every request. */
export interface AppServices {
  config: AppConfig;
  db: Database;
  dbKind: DatabaseHandle["kind"];
}

/** What React Router loaders and actions receive as `context`. */
export interface RequestContext {
  app: AppServices;
  locale: Locale;
  t: TFunction;
  nonce: string;
  /** The TCP peer's address (the client, or the reverse proxy in front of the app). */
  clientIp?: string;
}

declare module "react-router" {
  interface AppLoadContext extends RequestContext {}
}
