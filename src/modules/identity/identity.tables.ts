import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// Tables required by better-auth (core + two-factor plugin); field names follow its schema.
export const users = pgTable("users", {
  id: text().primaryKey(),
  name: text().notNull(),
  email: text().notNull().unique(),
  emailVerified: boolean().notNull().default(false),
  image: text(),
  twoFactorEnabled: boolean().default(false),
  locale: text().notNull().default("it"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable("sessions", {
  id: text().primaryKey(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  token: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  ipAddress: text(),
  userAgent: text(),
  userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
}, (t) => [index("sessions_user_idx").on(t.userId)]);

export const accounts = pgTable("accounts", {
  id: text().primaryKey(),
  accountId: text().notNull(),
  providerId: text().notNull(),
  userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
  accessToken: text(),
  refreshToken: text(),
  idToken: text(),
  accessTokenExpiresAt: timestamp({ withTimezone: true }),
  refreshTokenExpiresAt: timestamp({ withTimezone: true }),
  scope: text(),
  password: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("accounts_user_idx").on(t.userId)]);

export const verifications = pgTable("verifications", {
  id: text().primaryKey(),
  identifier: text().notNull(),
  value: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const twoFactors = pgTable("two_factors", {
  id: text().primaryKey(),
  secret: text().notNull(),
  backupCodes: text().notNull(),
  userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
  verified: boolean().default(true),
  /** Account lockout after repeated wrong codes (better-auth two-factor plugin). */
  failedVerificationCount: integer().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
}, (t) => [index("two_factors_user_idx").on(t.userId)]);

/** better-auth's rate-limit counters (database storage: shared by every app instance). */
export const rateLimits = pgTable("rate_limits", {
  id: text().primaryKey(),
  key: text().notNull().unique(),
  count: integer().notNull(),
  lastRequest: bigint({ mode: "number" }).notNull(),
});

export const ROLES = ["citizen", "frontdesk", "professional", "coordinator", "partner", "network_admin", "dpo", "sysadmin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * A role held IN a scope (DESIGN.md §1): a center, a partner organisation or a network.
 * citizen and sysadmin are the only unscoped roles (scopeType "global").
 */
export const roleAssignments = pgTable("role_assignments", {
  id: uuid().primaryKey().defaultRandom(),
  userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
  role: text({ enum: ROLES }).notNull(),
  scopeType: text({ enum: ["center", "partner", "network", "global"] }).notNull(),
  /** centers.id, organizations.id (partner) or networks.id; null for global. */
  scopeId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("role_assignments_uq").on(t.userId, t.role, t.scopeType, t.scopeId)]);
