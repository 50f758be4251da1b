import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedReviews, ReviewOrdering } from "../types";
import { reviewsKeys } from "./query-keys";

export const REVIEWS_PAGE_SIZE = 10;

/** GET books/{id}/reviews/: the reviews the viewer may see, newest or most liked first. */
export async function getBookReviews(
  bookId: number,
  ordering: ReviewOrdering,
  page: number,
  signal?: AbortSignal,
): Promise<PaginatedReviews> {
  const response = await api.get<PaginatedReviews>(`/books/${bookId}/reviews/`, {
    params: { ordering, page, page_size: REVIEWS_PAGE_SIZE },
    signal,
  });
  return response.data;
}

export function useBookReviews(bookId: number, ordering: ReviewOrdering, page: number) {
  return useQuery({
    queryKey: reviewsKeys.bookList(bookId, ordering, page),
    queryFn: ({ signal }) => getBookReviews(bookId, ordering, page, signal),
    placeholderData: keepPreviousData,
  });
}
