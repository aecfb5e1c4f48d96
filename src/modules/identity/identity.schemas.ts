import { z } from "zod";

export const signInInput = z.object({
  email: z.string().trim().min(1, "identity.errors.email").max(254, "identity.errors.email").email("identity.errors.email"),
  password: z.string().min(1, "identity.errors.password").max(128, "identity.errors.password"),
});

/** A six-digit TOTP code, or a backup code (letters, digits and a dash). */
export const codeInput = z.object({
  code: z.string().trim().regex(/^(\d{3}\s?\d{3}|[A-Za-z0-9-]{6,24})$/, "identity.errors.codeFormat"),
});

export const passwordInput = z.object({
  password: z.string().min(1, "identity.errors.password").max(128, "identity.errors.password"),
});
