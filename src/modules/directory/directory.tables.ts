import { sql } from "drizzle-orm";
import {
  boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, text, time, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Content-field translations: { en: { name: "…" }, ar: { … } }. Italian lives in the columns. */
export type Translations = Record<string, Record<string, string>>;

/** HSDS organization: a center's managing organisation or a partner. */
export const organizations = pgTable("organizations", {
  id: uuid().primaryKey().defaultRandom(),
  networkId: uuid(),
  slug: text().notNull().unique(),
  kind: text({ enum: ["center", "partner"] }).notNull(),
  partnerKind: text(),
  name: text().notNull(),
  alternateName: text(),
  description: text().notNull().default(""),
  email: text(),
  phone: text(),
  website: text(),
  translations: jsonb().$type<Translations>().notNull().default({}),
  lastModified: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const locations = pgTable("locations", {
  id: uuid().primaryKey().defaultRandom(),
  organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
  slug: text().notNull().unique(),
  name: text().notNull(),
  description: text(),
  address: text(),
  postalCode: text(),
  municipalityIstat: text(),
  city: text(),
  region: text(),
  latitude: doublePrecision(),
  longitude: doublePrecision(),
  accessibility: text().array().notNull().default(sql`'{}'::text[]`),
  lastModified: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("locations_org_idx").on(t.organizationId)]);

export const taxonomies = pgTable("taxonomies", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  description: text().notNull().default(""),
  uri: text(),
  version: text(),
  /** "services" for categories, "life_events" for situations. */
  purpose: text({ enum: ["services", "life_events", "other"] }).notNull().default("other"),
  networkId: uuid(),
});

export const taxonomyTerms = pgTable("taxonomy_terms", {
  id: uuid().primaryKey().defaultRandom(),
  taxonomyId: uuid().notNull().references(() => taxonomies.id, { onDelete: "cascade" }),
  parentId: uuid(),
  code: text().notNull(),
  name: text().notNull(),
  description: text().notNull().default(""),
  position: integer().notNull().default(0),
  translations: jsonb().$type<Translations>().notNull().default({}),
}, (t) => [
  uniqueIndex("taxonomy_terms_code_uq").on(t.taxonomyId, t.code),
  index("taxonomy_terms_parent_idx").on(t.parentId),
]);

export const services = pgTable("services", {
  id: uuid().primaryKey().defaultRandom(),
  organizationId: uuid().notNull().references(() => organizations.id, { onDelete: "cascade" }),
  slug: text().notNull().unique(),
  name: text().notNull(),
  alternateName: text(),
  shortDescription: text().notNull().default(""),
  description: text().notNull().default(""),
  url: text(),
  email: text(),
  status: text({ enum: ["active", "inactive", "defunct", "temporarily closed"] }).notNull().default("active"),
  /** Scheda servizio sections (Designers Italia). */
  audience: text().notNull().default(""),
  howTo: text().notNull().default(""),
  outcome: text().notNull().default(""),
  timing: text().notNull().default(""),
  conditions: text().notNull().default(""),
  minimumAge: integer(),
  maximumAge: integer(),
  free: boolean().notNull().default(true),
  costCents: integer(),
  feesDescription: text(),
  accessMode: text({ enum: ["direct", "appointment", "referral"] }).notNull().default("direct"),
  referralFrom: text(),
  keywords: text().array().notNull().default(sql`'{}'::text[]`),
  languages: text().array().notNull().default(sql`'{it}'::text[]`),
  accessibility: text().array().notNull().default(sql`'{}'::text[]`),
  translations: jsonb().$type<Translations>().notNull().default({}),
  ownerUserId: text(),
  lastVerifiedAt: date({ mode: "string" }),
  lastModified: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Weighted Italian full-text document, maintained by the search module. */
  searchVector: tsvector(),
  /** Unaccented lower-case name and keywords, for trigram typo matching. */
  searchText: text().notNull().default(""),
}, (t) => [
  index("services_org_idx").on(t.organizationId),
  index("services_search_idx").using("gin", t.searchVector),
  index("services_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  index("services_modified_idx").on(t.lastModified),
]);

export const serviceAtLocations = pgTable("service_at_locations", {
  id: uuid().primaryKey().defaultRandom(),
  serviceId: uuid().notNull().references(() => services.id, { onDelete: "cascade" }),
  locationId: uuid().notNull().references(() => locations.id, { onDelete: "cascade" }),
  description: text(),
}, (t) => [
  uniqueIndex("sal_service_location_uq").on(t.serviceId, t.locationId),
  index("sal_location_idx").on(t.locationId),
]);

/** iCal-style recurring opening times (HSDS schedule). */
export const schedules = pgTable("schedules", {
  id: uuid().primaryKey().defaultRandom(),
  serviceId: uuid().references(() => services.id, { onDelete: "cascade" }),
  locationId: uuid().references(() => locations.id, { onDelete: "cascade" }),
  serviceAtLocationId: uuid().references(() => serviceAtLocations.id, { onDelete: "cascade" }),
  freq: text({ enum: ["WEEKLY", "MONTHLY"] }).notNull().default("WEEKLY"),
  byday: text().notNull(),
  opensAt: time().notNull(),
  closesAt: time().notNull(),
  validFrom: date({ mode: "string" }),
  validTo: date({ mode: "string" }),
  description: text(),
}, (t) => [index("schedules_service_idx").on(t.serviceId), index("schedules_location_idx").on(t.locationId)]);

export const contacts = pgTable("contacts", {
  id: uuid().primaryKey().defaultRandom(),
  serviceId: uuid().references(() => services.id, { onDelete: "cascade" }),
  organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
  name: text(),
  title: text(),
  email: text(),
}, (t) => [index("contacts_service_idx").on(t.serviceId)]);

export const phones = pgTable("phones", {
  id: uuid().primaryKey().defaultRandom(),
  serviceId: uuid().references(() => services.id, { onDelete: "cascade" }),
  organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
  locationId: uuid().references(() => locations.id, { onDelete: "cascade" }),
  contactId: uuid().references(() => contacts.id, { onDelete: "cascade" }),
  number: text().notNull(),
  type: text(),
  description: text(),
}, (t) => [index("phones_service_idx").on(t.serviceId)]);

/** HSDS attribute linking a service to a taxonomy term (category or life event). */
export const serviceTerms = pgTable("service_terms", {
  id: uuid().primaryKey().defaultRandom(),
  serviceId: uuid().notNull().references(() => services.id, { onDelete: "cascade" }),
  termId: uuid().notNull().references(() => taxonomyTerms.id, { onDelete: "cascade" }),
}, (t) => [uniqueIndex("service_terms_uq").on(t.serviceId, t.termId), index("service_terms_term_idx").on(t.termId)]);

export const requiredDocuments = pgTable("required_documents", {
  id: uuid().primaryKey().defaultRandom(),
  serviceId: uuid().notNull().references(() => services.id, { onDelete: "cascade" }),
  document: text().notNull(),
  position: integer().notNull().default(0),
});

/**
 * Words of the directory's vocabulary, for typo correction by trigram similarity, with the lexeme
 * each word has in the search documents (its italian stem; translated words as typed), so that the
 * search can tell a known inflection from a typo without reading the services.
 */
export const searchLexicon = pgTable("search_lexicon", {
  word: text().primaryKey(),
  frequency: integer().notNull().default(1),
  stem: text().notNull().default(""),
}, (t) => [
  index("search_lexicon_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
  index("search_lexicon_stem_idx").on(t.stem.op("text_pattern_ops")),
]);
