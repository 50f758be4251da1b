import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { Review, ReviewWrite } from "../types";
import { reviewsKeys } from "./query-keys";

/** POST books/{id}/reviews/ (one per reader and book: a second one is a 409 naming the first). */
export async function createReview(bookId: number, body: ReviewWrite): Promise<Review> {
  const response = await api.post<Review>(`/books/${bookId}/reviews/`, body);
  return response.data;
}

/** PATCH reviews/{id}/. */
export async function updateReview(id: number, body: ReviewWrite): Promise<Review> {
  const response = await api.patch<Review>(`/reviews/${id}/`, body);
  return response.data;
}

/** DELETE reviews/{id}/. */
export async function deleteReview(id: number): Promise<void> {
  await api.delete(`/reviews/${id}/`);
}

/**
 * Write or edit the reader's review of a book. The book's lists refetch; the rating it carries is
 * the library's, so the caller refreshes that too.
 */
export function useSaveReview(bookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reviewId, body }: { reviewId: number | null; body: ReviewWrite }) =>
      reviewId === null ? createReview(bookId, body) : updateReview(reviewId, body),
    onSuccess: (review) => queryClient.setQueryData(reviewsKeys.detail(review.id), review),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewsKeys.bookLists(bookId) }),
  });
}

export function useDeleteReview(bookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteReview,
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewsKeys.bookLists(bookId) }),
  });
}
