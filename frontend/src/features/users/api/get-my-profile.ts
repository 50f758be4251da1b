import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import type { Me } from "../types";

/** GET /auth/me/: the signed-in reader's account, profile and counts. */
export async function getMyProfile(): Promise<Me> {
  const response = await api.get<Me>("/auth/me/");
  return response.data;
}

export const myProfileQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMyProfile });

/** The signed-in reader's own profile; pass `enabled: false` while nobody is signed in. */
export function useMyProfile({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myProfileQueryOptions(), enabled });
}
