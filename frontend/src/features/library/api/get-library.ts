import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { LibraryListParams, PaginatedLibraryEntries } from "../types";
import { libraryKeys } from "./query-keys";

/** GET library/: a page of the signed-in reader's entries, filtered and sorted. */
export async function getLibrary(params: LibraryListParams, signal?: AbortSignal): Promise<PaginatedLibraryEntries> {
  const response = await api.get<PaginatedLibraryEntries>("/library/", { params, signal });
  return response.data;
}

export function useLibrary(params: LibraryListParams) {
  return useQuery({
    queryKey: libraryKeys.list(params),
    queryFn: ({ signal }) => getLibrary(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
