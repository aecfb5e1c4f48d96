export const LOCALES = ["it", "en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "it";

export const LOCALE_NAMES: Record<Locale, string> = { it: "Italiano", en: "English", ar: "العربية" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** ?lang= wins, then the `lang` cookie, then Accept-Language, then Italian. */
export function resolveLocale(request: Request): Locale {
  const url = new URL(request.url);
  const fromQuery = url.searchParams.get("lang");
  if (isLocale(fromQuery)) return fromQuery;
  const cookie = request.headers.get("cookie") ?? "";
  const match = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  const accept = request.headers.get("accept-language") ?? "";
  for (const part of accept.split(",")) {
    const tag = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}
