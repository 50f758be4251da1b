import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PublicProfile } from "../types";
import { usersKeys } from "./query-keys";

/** GET /users/{username}/: what the viewer may see of a reader (404 also when they blocked the viewer). */
export async function getProfile(username: string, signal?: AbortSignal): Promise<PublicProfile> {
  const response = await api.get<PublicProfile>(`/users/${encodeURIComponent(username)}/`, { signal });
  return response.data;
}

export const profileQueryOptions = (username: string) =>
  queryOptions({ queryKey: usersKeys.profile(username), queryFn: ({ signal }) => getProfile(username, signal) });

export function useProfile(username: string) {
  return useQuery(profileQueryOptions(username));
}
