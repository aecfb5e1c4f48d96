import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** "Le informazioni sulla pagina sono chiare?" answers, for later reports. */
export const pageRatings = pgTable("page_ratings", {
  id: uuid().primaryKey().defaultRandom(),
  path: text().notNull(),
  rating: integer().notNull(),
  reason: text(),
  comment: text(),
  locale: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("page_ratings_path_idx").on(t.path)]);

/** Reports of accessibility problems: answered within 30 days (AgID guidelines). */
export const accessibilityReports = pgTable("accessibility_reports", {
  id: uuid().primaryKey().defaultRandom(),
  pageUrl: text().notNull(),
  description: text().notNull(),
  name: text(),
  email: text().notNull(),
  status: text({ enum: ["open", "answered"] }).notNull().default("open"),
  answer: text(),
  answeredBy: text(),
  dueAt: timestamp({ withTimezone: true }).notNull(),
  answeredAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("a11y_reports_status_idx").on(t.status, t.dueAt)]);
