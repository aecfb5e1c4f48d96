import type { Locale } from "@platform/i18n/locales";

const ICAL = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const intlLocale = (locale: Locale) => (locale === "ar" ? "ar-u-nu-latn" : locale === "en" ? "en-GB" : "it-IT");

/** A weekday's name ("lunedì", "Monday", "الاثنين") from its iCal code, via Intl. */
export function weekdayName(code: string, locale: Locale, width: "long" | "short" = "long"): string {
  const index = ICAL.indexOf(code.trim().toUpperCase().slice(-2));
  if (index < 0) return code;
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: width, timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + index)));
}

/** "lunedì, martedì" from "MO,TU". */
export function weekdayList(byday: string | string[], locale: Locale): string {
  const codes = Array.isArray(byday) ? byday : byday.split(",");
  const names = codes.map((c) => weekdayName(c, locale)).filter(Boolean);
  try {
    return new Intl.ListFormat(intlLocale(locale), { style: "long", type: "conjunction" }).format(names);
  } catch {
    return names.join(", ");
  }
}

/** dd/mm in Europe/Rome from an ISO date (yyyy-mm-dd). */
export function formatDayMonth(isoDate: string): string {
  const [, m, d] = isoDate.split("-");
  return `${d}/${m}`;
}

/** A language's name in the interface language ("inglese", "English", "الإنجليزية"). */
export function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatEuro(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** "09:00" from "09:00:00". */
export const hhmm = (time: string) => time.slice(0, 5);

/** An OpenStreetMap link centred on a point (opens in the user's map; no tiles on our page). */
export function mapLink(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${lng.toFixed(6)}#map=17/${lat.toFixed(6)}/${lng.toFixed(6)}`;
}

/** Text paragraphs from a plain-text field (blank lines separate paragraphs). */
export function paragraphs(text: string | null | undefined): string[] {
  return (text ?? "").split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/** lang="it" when a content field falls back to Italian in another interface language. */
export function contentLang(translations: Record<string, Record<string, string>> | undefined, locale: Locale, field: string): "it" | undefined {
  return locale !== "it" && !translations?.[locale]?.[field] ? "it" : undefined;
}

type LifeEventTerm = { code: string; name: string; translations: Record<string, Record<string, string>>; parentCode: string | null };

/** Life events grouped under their area (first level); a flat taxonomy makes one unnamed group. */
export function groupEvents(terms: LifeEventTerm[]) {
  const children = terms.filter((t) => t.parentCode);
  if (!children.length) return [{ code: "all", name: "", translations: {}, items: terms }];
  return terms
    .filter((t) => !t.parentCode)
    .map((area) => ({ ...area, items: children.filter((c) => c.parentCode === area.code) }))
    .filter((g) => g.items.length);
}
