import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Municipalities by ISTAT code: the unit of territory, coverage and distance. */
export const municipalities = pgTable("municipalities", {
  istat: text().primaryKey(),
  name: text().notNull(),
  province: text().notNull(),
  lat: doublePrecision().notNull(),
  lng: doublePrecision().notNull(),
  population: integer(),
}, (t) => [index("municipalities_name_idx").on(t.name)]);

/** A region, health authority (ATS/ASL) or district governing several centers. */
export const networks = pgTable("networks", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  region: text().notNull(),
  description: text().notNull().default(""),
  /** The service taxonomy this network adopted for its directory. */
  serviceTaxonomyId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type OpeningHours = { days: string[]; opens: string; closes: string }[];

export const centers = pgTable("centers", {
  id: uuid().primaryKey().defaultRandom(),
  networkId: uuid().notNull().references(() => networks.id),
  /** The directory organisation that publishes this center's services. */
  organizationId: uuid().notNull(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  managingBodyName: text().notNull(),
  managingBodyKind: text({ enum: ["public", "private"] }).notNull(),
  municipalityIstat: text().notNull().references(() => municipalities.istat),
  email: text(),
  phone: text(),
  website: text(),
  description: text().notNull().default(""),
  howToReach: text().notNull().default(""),
  territory: text().array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("centers_network_idx").on(t.networkId)]);

export const centerFunding = pgTable("center_funding", {
  id: uuid().primaryKey().defaultRandom(),
  centerId: uuid().notNull().references(() => centers.id, { onDelete: "cascade" }),
  source: text().notNull(),
  year: integer().notNull(),
  amountCents: integer().notNull(),
});

/** Hub or spoke premises of a center; each is also a directory location. */
export const sites = pgTable("sites", {
  id: uuid().primaryKey().defaultRandom(),
  centerId: uuid().notNull().references(() => centers.id, { onDelete: "cascade" }),
  locationId: uuid().notNull(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: ["hub", "spoke"] }).notNull(),
  openingHours: jsonb().$type<OpeningHours>().notNull().default([]),
});

export const rooms = pgTable("rooms", {
  id: uuid().primaryKey().defaultRandom(),
  siteId: uuid().notNull().references(() => sites.id, { onDelete: "cascade" }),
  slug: text().notNull(),
  name: text().notNull(),
  capacity: integer().notNull(),
  accessible: boolean().notNull().default(true),
  description: text().notNull().default(""),
});
