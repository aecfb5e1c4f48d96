import { v5 as uuidv5 } from "uuid";
import type { Database } from "../../platform/db/client.js";
import { municipalities, networks } from "../network/network.tables.js";
import { upsertService, type ServiceRecord } from "./directory.service.js";
import { locations, organizations, schedules, taxonomies, taxonomyTerms } from "./directory.tables.js";

/** Deterministic ids for the portal query tests' own small directory. */
export const fid = (key: string) => uuidv5(key, "0b8d1f7e-2f0a-4c53-9d1e-3a4b5c6d7e8f");

export const FIXTURE_MUNICIPALITIES = {
  firenze: { istat: "048017", name: "Firenze", province: "FI", lat: 43.7696, lng: 11.2558 },
  prato: { istat: "100005", name: "Prato", province: "PO", lat: 43.8777, lng: 11.1022 },
  empoli: { istat: "048014", name: "Empoli", province: "FI", lat: 43.7189, lng: 10.9461 },
  siena: { istat: "052032", name: "Siena", province: "SI", lat: 43.3188, lng: 11.3308 },
};

const base = (over: Partial<ServiceRecord> & Pick<ServiceRecord, "slug" | "name" | "organizationId" | "locationIds" | "termIds">): ServiceRecord => ({
  id: fid(`service:${over.slug}`),
  shortDescription: `${over.name}: descrizione breve`,
  description: `${over.name}: descrizione completa del servizio.`,
  status: "active",
  audience: "Famiglie",
  howTo: "Telefona o scrivi.",
  outcome: "Un aiuto concreto.",
  timing: "Tutto l'anno.",
  conditions: "",
  minimumAge: null,
  maximumAge: null,
  free: true,
  costCents: null,
  accessMode: "direct",
  keywords: [],
  languages: ["it"],
  translations: {},
  lastVerifiedAt: "2025-01-15",
  schedules: [],
  contacts: [],
  requiredDocuments: [],
  ...over,
});

/**
 * A small directory with known answers: 4 municipalities, a service taxonomy with a leaf under a
 * second-level term, a life-events taxonomy, 4 distinct services, a defunct one and 25 fillers.
 */
export async function loadPortalFixture(db: Database) {
  const m = FIXTURE_MUNICIPALITIES;
  await db.insert(municipalities).values(Object.values(m).map((x) => ({ ...x, population: 1000 })));
  const servicesTax = fid("tax:services");
  const eventsTax = fid("tax:events");
  await db.insert(taxonomies).values([
    { id: servicesTax, slug: "fx-servizi", name: "Servizi", purpose: "services" },
    { id: eventsTax, slug: "fx-eventi", name: "Eventi di vita", purpose: "life_events" },
  ]);
  const term = (code: string, taxonomyId: string, parent: string | null, position: number, name = code) => ({
    id: fid(`term:${code}`), taxonomyId, parentId: parent ? fid(`term:${parent}`) : null, code, name, position,
    translations: { en: { name: `${name} (en)` } },
  });
  await db.insert(taxonomyTerms).values([
    term("famiglie", servicesTax, null, 0, "Famiglie"),
    term("sostegno-genitori", servicesTax, "famiglie", 1, "Sostegno ai genitori"),
    term("apprendimento", servicesTax, "famiglie", 2, "Apprendimento"),
    term("dsa", servicesTax, "apprendimento", 3, "DSA"),
    term("nascita", eventsTax, null, 0, "Nascita di un figlio"),
    term("separazione", eventsTax, null, 1, "Separazione"),
    term("difficolta-scolastiche", eventsTax, null, 2, "Difficoltà a scuola"),
  ]);
  const networkId = fid("network");
  await db.insert(networks).values({ id: networkId, slug: "fx-rete", name: "Rete di prova", region: "Toscana", serviceTaxonomyId: servicesTax });
  const center = fid("org:center");
  const partner = fid("org:partner");
  await db.insert(organizations).values([
    { id: center, networkId, slug: "fx-centro", kind: "center", name: "Centro per le Famiglie di prova", email: "centro@example.org" },
    { id: partner, networkId, slug: "fx-partner", kind: "partner", name: "Cooperativa di prova" },
  ]);
  const place = (key: keyof typeof m, org: string) => ({
    id: fid(`loc:${key}`), organizationId: org, slug: `fx-${key}`, name: `Sede di ${m[key].name}`, address: `Via Roma 1`,
    postalCode: "50100", municipalityIstat: m[key].istat, city: m[key].name, latitude: m[key].lat, longitude: m[key].lng,
  });
  await db.insert(locations).values([place("firenze", center), place("prato", partner), place("empoli", partner), place("siena", center)]);
  await db.insert(schedules).values({ locationId: fid("loc:firenze"), byday: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "13:00" });
  const t = (code: string) => fid(`term:${code}`);
  const L = (key: keyof typeof m) => fid(`loc:${key}`);
  const records: ServiceRecord[] = [
    base({
      slug: "fx-spazio-compiti", name: "Spazio compiti per ragazzi con DSA", organizationId: center, locationIds: [L("firenze")],
      termIds: [t("dsa"), t("difficolta-scolastiche")], minimumAge: 6, maximumAge: 14, languages: ["it", "en"],
      schedules: [{ byday: "MO,WE", opensAt: "15:00", closesAt: "18:00" }], lastVerifiedAt: "2025-02-20",
      requiredDocuments: ["Certificazione DSA"], contacts: [{ name: "Segreteria", email: "compiti@example.org", phone: "055 123456" }],
    }),
    base({
      slug: "fx-mediazione", name: "Mediazione familiare", organizationId: partner, locationIds: [L("prato")],
      termIds: [t("sostegno-genitori"), t("separazione")], free: false, costCents: 5000, accessMode: "appointment",
      schedules: [{ byday: "TU", opensAt: "09:00", closesAt: "13:00" }], lastVerifiedAt: "2024-01-10",
    }),
    base({
      slug: "fx-preparto", name: "Corso di accompagnamento alla nascita", organizationId: center, locationIds: [L("siena")],
      termIds: [t("sostegno-genitori"), t("nascita")], languages: ["it", "ar"],
      schedules: [{ byday: "FR", opensAt: "10:00", closesAt: "12:00" }], lastVerifiedAt: "2025-03-01",
    }),
    base({
      slug: "fx-logopedia", name: "Valutazione logopedica", organizationId: partner, locationIds: [L("empoli")],
      termIds: [t("apprendimento"), t("difficolta-scolastiche")], minimumAge: 3, maximumAge: 10, free: false, accessMode: "referral",
      referralFrom: "Pediatra di famiglia", schedules: [{ byday: "MO,TU,WE,TH,FR", opensAt: "08:30", closesAt: "12:30" }], lastVerifiedAt: "2024-06-01",
    }),
    base({
      slug: "fx-chiuso", name: "Servizio cessato", organizationId: partner, locationIds: [L("firenze")], termIds: [t("apprendimento")], status: "defunct",
    }),
    ...Array.from({ length: 25 }, (_, i) =>
      base({
        slug: `fx-laboratorio-${String(i + 1).padStart(2, "0")}`, name: `Laboratorio ${String(i + 1).padStart(2, "0")}`,
        organizationId: center, locationIds: [L("firenze")], termIds: [t("apprendimento")], lastVerifiedAt: "2023-05-01",
      })),
  ];
  await db.transaction(async (tx) => {
    for (const r of records) await upsertService(tx as unknown as Database, r);
  });
  return { networkId, servicesTax, eventsTax, center, partner };
}
