import type { Locale } from "./locales.js";
import type { Messages } from "./translator.js";
import it from "./messages/it.json" with { type: "json" };
import en from "./messages/en.json" with { type: "json" };
import ar from "./messages/ar.json" with { type: "json" };

/**
 * Interface text by locale. Shared strings live in ./messages; each module may add its own
 * under src/modules/<module>/messages/<locale>.json, exposed under the module's name
 * (t("directory.filters.title")). Italian is the reference; other locales fall back to it.
 */
const moduleFiles = import.meta.glob<Messages>("../../modules/*/messages/*.json", { eager: true, import: "default" });

function build(locale: Locale, base: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [file, messages] of Object.entries(moduleFiles)) {
    const match = /modules\/([^/]+)\/messages\/([a-z]{2})\.json$/.exec(file);
    if (match && match[2] === locale) merged[match[1]!] = messages;
  }
  return merged;
}

const catalogs: Record<Locale, Messages> = { it: build("it", it), en: build("en", en), ar: build("ar", ar) };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
