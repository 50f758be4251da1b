import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import { selectIsAuthenticated, useAuthStore } from "../stores/auth-store";
import type { Account } from "../types";

export { meQueryKey };

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
