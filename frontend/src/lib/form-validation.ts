import type { ParseKeys } from "i18next";
import type { z } from "zod";

/** An i18n key: client-side validation messages are keys, translated when shown. */
export type MessageKey = ParseKeys;

export const requiredMessage = "validation.required" satisfies MessageKey;

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
