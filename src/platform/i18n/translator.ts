import i18next, { type TFunction } from "i18next";
import type { Locale } from "./locales.js";

export type Messages = Record<string, unknown>;
export type { TFunction };

/** A synchronous i18next instance over one locale's catalog, falling back to Italian. */
export function createTranslator(locale: Locale, messages: Messages, fallback?: Messages): TFunction {
  const instance = i18next.createInstance();
  const resources: Record<string, { translation: Messages }> = { [locale]: { translation: messages } };
  if (fallback && locale !== "it") resources.it = { translation: fallback };
  void instance.init({
    lng: locale,
    fallbackLng: "it",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes output
    returnNull: false,
  });
  return instance.t;
}
