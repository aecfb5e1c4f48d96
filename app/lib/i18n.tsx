import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "@platform/i18n/locales";
import { createTranslator, type Messages, type TFunction } from "@platform/i18n/translator";

interface I18nValue {
  locale: Locale;
  dir: "ltr" | "rtl";
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider(props: { locale: Locale; dir: "ltr" | "rtl"; messages: Messages; fallback: Messages; children: ReactNode }) {
  const { locale, dir, messages, fallback } = props;
  const value = useMemo(
    () => ({ locale, dir, t: createTranslator(locale, messages, fallback) }),
    [locale, dir, messages, fallback],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** Picks a content field's translation (e.g. a service name) with Italian as the fallback. */
export function localized(
  italian: string,
  translations: Record<string, Record<string, string>> | undefined,
  locale: Locale,
  field: string,
): string {
  if (locale === "it") return italian;
  return translations?.[locale]?.[field] || italian;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** dd/mm/yyyy in Europe/Rome, as Italian public services write dates. */
export function formatDate(value: string | Date, locale: Locale): string {
  const key = locale;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "ar" ? "ar-u-nu-latn" : locale === "en" ? "en-GB" : "it-IT", {
      day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Rome",
    });
    dateFormatters.set(key, f);
  }
  return f.format(typeof value === "string" ? new Date(value) : value);
}
