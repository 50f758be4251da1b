import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useAuthStore } from "../stores/auth-store";
import type { LoginCredentials } from "../types";
import { meQueryKey } from "./get-me";
import { createSession } from "./session";

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginCredentials) => createSession(credentials),
    onSuccess: async ({ access }) => {
      queryClient.removeQueries({ queryKey: meQueryKey });
      useAuthStore.getState().signIn(access);
    },
  });
}
