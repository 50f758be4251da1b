import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { useAuthStore } from "../stores/auth-store";
import type { AccessToken, PasswordChangeInput } from "../types";

/**
 * POST /auth/session/password/: checks the current password, sets the new one, ends every
 * other session and rotates this one's refresh cookie; answers a fresh access token.
 */
export async function changePassword(input: PasswordChangeInput): Promise<AccessToken> {
  const response = await api.post<AccessToken>("/auth/session/password/", input);
  return response.data;
}

export function useChangePassword() {
  return useMutation({
    mutationFn: changePassword,
    onSuccess: ({ access }) => useAuthStore.getState().signIn(access),
  });
}
