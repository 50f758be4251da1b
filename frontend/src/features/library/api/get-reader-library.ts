import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { components, operations } from "@/types/api.gen";

import type { LibraryFormat } from "../types";
import { libraryKeys } from "./query-keys";

type Schemas = components["schemas"];

/**
 * One entry of another reader's library, as `GET users/{username}/library/` shows it to the viewer
 * (no notes, no shelves). The schema leaves out the blank format the API sends for an unset one.
 */
export type ReaderLibraryEntry = Omit<Schemas["PublicLibraryEntry"], "format"> & { readonly format: LibraryFormat | "" };
export type PaginatedReaderLibrary = Omit<Schemas["PaginatedPublicLibraryEntryList"], "results"> & {
  results: ReaderLibraryEntry[];
};
export type ReaderLibraryParams = NonNullable<operations["users_library_list"]["parameters"]["query"]>;

export const READER_LIBRARY_PAGE_SIZE = 24;
/** The URL parameters the reader's library list keeps its state in (status tab, shelf, page). */
export const READER_LIBRARY_URL_KEYS = ["status", "shelf", "page"] as const;

/** Reader libraries are cached beside the viewer's own, so that the viewer's writes refresh them too. */
export const readerLibraryKeys = {
  all: [...libraryKeys.all, "reader"] as const,
  list: (username: string, params: ReaderLibraryParams) => [...libraryKeys.all, "reader", username, "list", params] as const,
  shelves: (username: string) => [...libraryKeys.all, "reader", username, "shelves"] as const,
};

/** GET users/{username}/library/: a page of the entries of that reader the viewer may see. */
export async function getReaderLibrary(
  username: string,
  params: ReaderLibraryParams,
  signal?: AbortSignal,
): Promise<PaginatedReaderLibrary> {
  const response = await api.get<PaginatedReaderLibrary>(`/users/${encodeURIComponent(username)}/library/`, {
    params,
    signal,
  });
  return response.data;
}

export function useReaderLibrary(username: string, params: ReaderLibraryParams) {
  return useQuery({
    queryKey: readerLibraryKeys.list(username, params),
    queryFn: ({ signal }) => getReaderLibrary(username, params, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
