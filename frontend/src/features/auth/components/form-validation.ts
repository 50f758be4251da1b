import type { ParseKeys } from "i18next";
import { z } from "zod";

/** Client-side checks; messages are i18n keys, translated when shown. */
type MessageKey = ParseKeys;

const required = "validation.required" satisfies MessageKey;

// Mirrors Django's default username validator and length, so most mistakes are caught
// before a round trip; the server stays the authority (uniqueness, password strength).
export const loginSchema = z.object({
  username: z.string().trim().min(1, required),
  password: z.string().min(1, required),
});

export const registerSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(1, required)
      .max(150, "validation.usernameTooLong" satisfies MessageKey)
      .regex(/^[\w.@+-]+$/u, "validation.usernameChars" satisfies MessageKey),
    email: z.string().trim().min(1, required).pipe(z.email("validation.emailInvalid" satisfies MessageKey)),
    password: z.string().min(1, required).min(8, "validation.passwordTooShort" satisfies MessageKey),
    passwordConfirm: z.string().min(1, required),
  })
  .refine((values) => values.password === values.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "validation.passwordMismatch" satisfies MessageKey,
  });

export type FieldErrors = Partial<Record<string, string[]>>;

/** Validate `values`; returns the parsed data, or the message keys per field. */
export function validate<T>(
  schema: z.ZodType<T>,
  values: unknown,
): { success: true; data: T } | { success: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    // One message per field is enough: the first failing rule.
    errors[field] ??= [issue.message];
  }
  return { success: false, errors };
}
