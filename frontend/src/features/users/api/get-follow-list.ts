import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedFollowList } from "../types";
import { usersKeys } from "./query-keys";

export type FollowListKind = "followers" | "following";

/** GET /users/{username}/followers/ or /following/ (403 when hidden or private, 404 when blocked). */
export async function getFollowList(
  username: string,
  kind: FollowListKind,
  page: number,
  signal?: AbortSignal,
): Promise<PaginatedFollowList> {
  const response = await api.get<PaginatedFollowList>(`/users/${encodeURIComponent(username)}/${kind}/`, {
    params: { page },
    signal,
  });
  return response.data;
}

export function useFollowList(username: string, kind: FollowListKind, page: number) {
  return useQuery({
    queryKey: usersKeys.followList(username, kind, page),
    queryFn: ({ signal }) => getFollowList(username, kind, page, signal),
    placeholderData: keepPreviousData,
  });
}
