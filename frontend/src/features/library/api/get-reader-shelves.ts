import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedShelves, Shelf } from "../types";
import { readerLibraryKeys } from "./get-reader-library";

/** GET users/{username}/shelves/: that reader's shelves the viewer may see (a reader has a handful). */
export async function getReaderShelves(username: string, signal?: AbortSignal): Promise<Shelf[]> {
  const response = await api.get<PaginatedShelves>(`/users/${encodeURIComponent(username)}/shelves/`, {
    params: { page_size: 100 },
    signal,
  });
  return response.data.results;
}

export function useReaderShelves(username: string) {
  return useQuery({
    queryKey: readerLibraryKeys.shelves(username),
    queryFn: ({ signal }) => getReaderShelves(username, signal),
    staleTime: 15_000,
  });
}
