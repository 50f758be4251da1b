import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { selectIsAuthenticated, useAuthStore } from "../stores/auth-store";
import type { Account } from "../types";

export const meQueryKey = ["auth", "me"] as const;

/** GET /auth/me/: the signed-in reader's account. */
export async function getMe(): Promise<Account> {
  const response = await api.get<Account>("/auth/me/");
  return response.data;
}

export const getMeQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe });

/** The signed-in reader; idle while nobody is signed in. */
export function useMe() {
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  return useQuery({ ...getMeQueryOptions(), enabled: isAuthenticated });
}
