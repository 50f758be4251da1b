import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { useAuthStore } from "../stores/auth-store";
import type { Account, RegistrationInput } from "../types";
import { meQueryKey } from "./get-me";
import { createSession } from "./session";

/** POST /auth/register/: create the account (201 with the account). */
export async function registerAccount(input: RegistrationInput): Promise<Account> {
  const response = await api.post<Account>("/auth/register/", input, { skipAuthRefresh: true });
  return response.data;
}

/** Register, then log straight in with the same credentials. */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: RegistrationInput) => {
      const account = await registerAccount(input);
      const { access } = await createSession({ username: input.username, password: input.password });
      return { account, access };
    },
    onSuccess: ({ access }) => {
      // The registration answer is not the full `me` body (profile, counts): fetch that afresh.
      queryClient.removeQueries({ queryKey: meQueryKey });
      useAuthStore.getState().signIn(access);
    },
  });
}
