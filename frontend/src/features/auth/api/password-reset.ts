import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PasswordResetConfirmInput, PasswordResetInput } from "../types";

/** POST /auth/password/reset/: always 202, whether or not an account uses the address. */
export async function requestPasswordReset(input: PasswordResetInput): Promise<void> {
  await api.post("/auth/password/reset/", input, { skipAuthRefresh: true });
}

/** POST /auth/password/reset/confirm/: 204; a bad, expired or used link answers 400 {"token": [...]}. */
export async function confirmPasswordReset(input: PasswordResetConfirmInput): Promise<void> {
  await api.post("/auth/password/reset/confirm/", input, { skipAuthRefresh: true });
}

export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });
export const useConfirmPasswordReset = () => useMutation({ mutationFn: confirmPasswordReset });
