import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/support/test-db.js";
import {
  accessibilityReportInput, answerAccessibilityReport, completePageRating, createAccessibilityReport, createPageRating,
  listAccessibilityReports, pageRatingFollowUp, pageRatingInput, summarizePageRatings,
} from "./index.js";

let t: TestDb;
beforeAll(async () => { t = await createTestDb("empty"); });
afterAll(async () => { await t?.close(); });

describe("page ratings", () => {
  it("stores a rating, then its follow-up answer once", async () => {
    const id = await createPageRating(t.db, pageRatingInput.parse({ path: "/servizi", rating: "2" }), "it");
    const followUp = pageRatingFollowUp.parse({ id, reason: "unclear", comment: "  troppo lungo " });
    expect(await completePageRating(t.db, followUp)).toBe(true);
    expect(await completePageRating(t.db, followUp)).toBe(false);
    const summary = await summarizePageRatings(t.db);
    expect(summary).toContainEqual({ path: "/servizi", count: 1, average: 2 });
  });

  it("rejects ratings out of range and foreign paths", () => {
    expect(pageRatingInput.safeParse({ path: "/", rating: "6" }).success).toBe(false);
    expect(pageRatingInput.safeParse({ path: "https://evil.example/", rating: "3" }).success).toBe(false);
    expect(pageRatingInput.safeParse({ path: "//evil.example/", rating: "3" }).success).toBe(false);
    expect(pageRatingFollowUp.safeParse({ id: "not-a-uuid", reason: "unclear" }).success).toBe(false);
  });
});

describe("accessibility reports", () => {
  it("sets a 30-day answer deadline and can be answered once", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const input = accessibilityReportInput.parse({ pageUrl: "/servizi", description: "Il contrasto dei link è troppo basso", email: "mario@example.org", consent: "on" });
    const report = await createAccessibilityReport(t.db, input, now);
    expect(report.dueAt.toISOString()).toBe("2026-03-31T10:00:00.000Z");
    expect(report.status).toBe("open");
    expect(await answerAccessibilityReport(t.db, { id: report.id, answer: "Abbiamo corretto i colori, grazie." }, "coordinator")).toBe(true);
    expect(await answerAccessibilityReport(t.db, { id: report.id, answer: "Seconda risposta." }, "coordinator")).toBe(false);
    const [stored] = await listAccessibilityReports(t.db);
    expect(stored).toMatchObject({ status: "answered", answeredBy: "coordinator" });
  });

  it("requires consent, a valid email and a real description", () => {
    const bad = accessibilityReportInput.safeParse({ pageUrl: "", description: "corto", email: "nope" });
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["pageUrl", "description", "email", "consent"]));
  });
});
