import type { Locale } from "./locales.js";
import type { Messages } from "./translator.js";
import it from "./messages/it.json" with { type: "json" };
import en from "./messages/en.json" with { type: "json" };
import ar from "./messages/ar.json" with { type: "json" };
import directoryIt from "../../modules/directory/messages/it.json" with { type: "json" };
import directoryEn from "../../modules/directory/messages/en.json" with { type: "json" };
import directoryAr from "../../modules/directory/messages/ar.json" with { type: "json" };
import hsdsIt from "../../modules/hsds/messages/it.json" with { type: "json" };
import hsdsEn from "../../modules/hsds/messages/en.json" with { type: "json" };
import hsdsAr from "../../modules/hsds/messages/ar.json" with { type: "json" };
import identityIt from "../../modules/identity/messages/it.json" with { type: "json" };
import identityEn from "../../modules/identity/messages/en.json" with { type: "json" };
import identityAr from "../../modules/identity/messages/ar.json" with { type: "json" };

/**
 * Interface text by locale. Shared strings live in ./messages; each module keeps its own in
 * src/modules/<module>/messages/<locale>.json, exposed under the module's name
 * (t("directory.filters.title")). Static imports, so the catalog loads the same way under Vite,
 * vitest and the tsx-run CLIs. Italian is the reference; other locales fall back to it.
 */
const catalogs: Record<Locale, Messages> = {
  it: { ...it, directory: directoryIt, hsds: hsdsIt, identity: identityIt },
  en: { ...en, directory: directoryEn, hsds: hsdsEn, identity: identityEn },
  ar: { ...ar, directory: directoryAr, hsds: hsdsAr, identity: identityAr },
};

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
