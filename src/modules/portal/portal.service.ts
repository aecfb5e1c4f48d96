import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "../../platform/db/client.js";
import { accessibilityReports, pageRatings } from "./portal.tables.js";
import type { accessibilityAnswerInput, accessibilityReportInput, pageRatingFollowUp, pageRatingInput } from "./portal.schemas.js";

/** AgID guidelines: an accessibility report must be answered within 30 days. */
export const ACCESSIBILITY_ANSWER_DAYS = 30;

export async function createPageRating(db: Database, input: z.infer<typeof pageRatingInput>, locale: string) {
  const [row] = await db.insert(pageRatings).values({ ...input, locale }).returning({ id: pageRatings.id });
  return row!.id;
}

/** Adds the follow-up answer; the reason must match the side of the scale the rating was on. */
export async function completePageRating(db: Database, input: z.infer<typeof pageRatingFollowUp>) {
  const updated = await db
    .update(pageRatings)
    .set({ reason: input.reason, comment: input.comment })
    .where(and(eq(pageRatings.id, input.id), sql`${pageRatings.reason} is null`))
    .returning({ id: pageRatings.id });
  return updated.length === 1;
}

export async function summarizePageRatings(db: Database) {
  return db
    .select({
      path: pageRatings.path,
      count: sql<number>`count(*)::int`,
      average: sql<number>`round(avg(${pageRatings.rating})::numeric, 2)::float`,
    })
    .from(pageRatings)
    .groupBy(pageRatings.path)
    .orderBy(desc(sql`count(*)`));
}

export async function createAccessibilityReport(db: Database, input: z.infer<typeof accessibilityReportInput>, now = new Date()) {
  const dueAt = new Date(now.getTime() + ACCESSIBILITY_ANSWER_DAYS * 24 * 3600 * 1000);
  const { consent: _consent, ...fields } = input;
  const [row] = await db.insert(accessibilityReports).values({ ...fields, createdAt: now, dueAt }).returning();
  return row!;
}

export async function listAccessibilityReports(db: Database) {
  return db.select().from(accessibilityReports).orderBy(asc(accessibilityReports.status), asc(accessibilityReports.dueAt));
}

export async function answerAccessibilityReport(db: Database, input: z.infer<typeof accessibilityAnswerInput>, answeredBy: string) {
  const rows = await db
    .update(accessibilityReports)
    .set({ answer: input.answer, answeredBy, status: "answered", answeredAt: new Date() })
    .where(and(eq(accessibilityReports.id, input.id), eq(accessibilityReports.status, "open")))
    .returning({ id: accessibilityReports.id });
  return rows.length === 1;
}
