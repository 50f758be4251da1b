import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { AuthorBookOrdering, PaginatedAuthorBooks } from "../types";
import { booksKeys } from "./query-keys";

export const AUTHOR_BOOKS_PAGE_SIZE = 20;

/** GET /authors/{id}/books/: one page of the author's books, with their role in each. */
export async function getAuthorBooks(
  id: number,
  page: number,
  ordering: AuthorBookOrdering,
  signal?: AbortSignal,
): Promise<PaginatedAuthorBooks> {
  const response = await api.get<PaginatedAuthorBooks>(`/authors/${id}/books/`, {
    params: { page, page_size: AUTHOR_BOOKS_PAGE_SIZE, ordering },
    signal,
  });
  return response.data;
}

/** One page of an author's books; `enabled` waits until the page knows there is more than it shows. */
export function useAuthorBooks(id: number, page: number, ordering: AuthorBookOrdering, enabled = true) {
  return useQuery({
    queryKey: booksKeys.authorBooks(id, page, ordering),
    queryFn: ({ signal }) => getAuthorBooks(id, page, ordering, signal),
    enabled: enabled && Number.isInteger(id) && id > 0,
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
