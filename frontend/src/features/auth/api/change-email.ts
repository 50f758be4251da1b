import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import type { Account, EmailChangeInput } from "../types";

/** POST /auth/email/change/: 202; a confirmation link goes to the new address. */
export async function requestEmailChange(input: EmailChangeInput): Promise<void> {
  await api.post("/auth/email/change/", input);
}

/** POST /auth/email/change/confirm/: the link's token; answers the updated account. */
export async function confirmEmailChange(token: string): Promise<Account> {
  const response = await api.post<Account>("/auth/email/change/confirm/", { token });
  return response.data;
}

export const useRequestEmailChange = () => useMutation({ mutationFn: requestEmailChange });

/**
 * Confirms once per token. A query rather than an effect + mutation, so that React's
 * double-mounting in development cannot send the single-use token twice.
 */
export function useConfirmEmailChange(token: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["auth", "confirm-email", token],
    queryFn: async () => {
      const account = await confirmEmailChange(token);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      return account;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
}
