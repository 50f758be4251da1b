import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedUsers } from "../types";
import { usersKeys } from "./query-keys";

/** The API answers 400 below this many characters. */
export const MIN_SEARCH_LENGTH = 2;

/** GET /users/?search=: readers by username or display name. */
export async function searchPeople(query: string, page: number, signal?: AbortSignal): Promise<PaginatedUsers> {
  const response = await api.get<PaginatedUsers>("/users/", { params: { search: query, page }, signal });
  return response.data;
}

/**
 * Search results for an already-debounced `query`. The request gets the query's abort
 * signal, so a search that a newer one supersedes is cancelled rather than left to finish.
 */
export function useSearchPeople(query: string, page: number) {
  const trimmed = query.trim();
  return useQuery({
    queryKey: usersKeys.search(trimmed, page),
    queryFn: ({ signal }) => searchPeople(trimmed, page, signal),
    enabled: trimmed.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
