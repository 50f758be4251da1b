import { z } from "zod";

import { requiredMessage as required, type MessageKey } from "@/lib/form-validation";

// Mirrors Django's default username validator and length, so most mistakes are caught
// before a round trip; the server stays the authority (uniqueness, password strength).
export const loginSchema = z.object({
  username: z.string().trim().min(1, required),
  password: z.string().min(1, required),
});

const newPassword = z.string().min(1, required).min(8, "validation.passwordTooShort" satisfies MessageKey);
const email = z.string().trim().min(1, required).pipe(z.email("validation.emailInvalid" satisfies MessageKey));
const passwordsMatch = {
  path: ["passwordConfirm"],
  message: "validation.passwordMismatch" satisfies MessageKey,
};

export const registerSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(1, required)
      .max(150, "validation.usernameTooLong" satisfies MessageKey)
      .regex(/^[\w.@+-]+$/u, "validation.usernameChars" satisfies MessageKey),
    email,
    password: newPassword,
    passwordConfirm: z.string().min(1, required),
  })
  .refine((values) => values.password === values.passwordConfirm, passwordsMatch);

export const passwordResetRequestSchema = z.object({ email });

export const passwordResetSchema = z
  .object({ new_password: newPassword, passwordConfirm: z.string().min(1, required) })
  .refine((values) => values.new_password === values.passwordConfirm, passwordsMatch);

export const passwordChangeSchema = z
  .object({
    current_password: z.string().min(1, required),
    new_password: newPassword,
    passwordConfirm: z.string().min(1, required),
  })
  .refine((values) => values.new_password === values.passwordConfirm, passwordsMatch);

export const emailChangeSchema = z.object({ new_email: email, password: z.string().min(1, required) });

export const accountDeletionSchema = z.object({ password: z.string().min(1, required) });
