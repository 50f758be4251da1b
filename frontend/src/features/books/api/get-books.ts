import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { BookListParams, PaginatedBooks } from "../types";
import { booksKeys } from "./query-keys";

/** How many books the header's instant results show. */
export const QUICK_SEARCH_SIZE = 6;

/** GET /books/: search, filters, ordering and a page of summaries. */
export async function getBooks(params: BookListParams, signal?: AbortSignal): Promise<PaginatedBooks> {
  const response = await api.get<PaginatedBooks>("/books/", { params, signal });
  return response.data;
}

/** A page of the catalog for the search results page (the URL's filters). */
export function useBooks(params: BookListParams) {
  return useQuery({
    queryKey: booksKeys.list(params),
    queryFn: ({ signal }) => getBooks(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export const quickSearchOptions = (query: string) => ({
  queryKey: booksKeys.quickSearch(query),
  queryFn: ({ signal }: { signal: AbortSignal }) => getBooks({ q: query, page_size: QUICK_SEARCH_SIZE }, signal),
  staleTime: 30_000,
});

/**
 * The header's instant results for an already-debounced `query`. The request gets the
 * query's abort signal: a search that a newer one supersedes is cancelled, not left to finish.
 */
export function useQuickSearch(query: string) {
  const trimmed = query.trim();
  return useQuery({ ...quickSearchOptions(trimmed), enabled: trimmed.length > 0, placeholderData: keepPreviousData });
}
