import { z } from "zod";

export const RATING_WORSE = ["unclear", "incomplete", "hard", "technical", "other"] as const;
export const RATING_BETTER = ["clear", "complete", "easy", "fast", "other"] as const;

/** Paths are our own pages: absolute, no scheme or host, bounded. */
const pagePath = z.string().trim().min(1).max(300).regex(/^\/(?!\/)[^\s]*$/);

export const pageRatingInput = z.object({
  path: pagePath,
  rating: z.coerce.number().int().min(1, "rating.errors.rating").max(5, "rating.errors.rating"),
});

export const pageRatingFollowUp = z.object({
  id: z.string().uuid(),
  reason: z.enum([...RATING_WORSE, ...RATING_BETTER] as [string, ...string[]], { message: "rating.errors.reason" }),
  comment: z.string().trim().max(200, "rating.errors.comment").optional().transform((v) => v || null),
});

export const accessibilityReportInput = z.object({
  pageUrl: z.string().trim().min(1, "a11y.errors.pageUrl").max(500, "a11y.errors.pageUrl"),
  description: z.string().trim().min(10, "a11y.errors.description").max(4000, "a11y.errors.description"),
  name: z.string().trim().max(200).optional().transform((v) => v || null),
  email: z.string().trim().email("a11y.errors.email").max(254, "a11y.errors.email"),
  consent: z.literal("on", { message: "a11y.errors.consent" }),
});

export const accessibilityAnswerInput = z.object({
  id: z.string().uuid(),
  answer: z.string().trim().min(10, "a11y.errors.answer").max(4000, "a11y.errors.answer"),
});
