import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { Like, PaginatedReviews, Review } from "../types";
import { reviewsKeys } from "./query-keys";

/** POST (like) or DELETE (unlike) reviews/{id}/like/; both are idempotent. */
export async function setReviewLiked(id: number, liked: boolean): Promise<Like> {
  const response = liked ? await api.post<Like>(`/reviews/${id}/like/`) : await api.delete<Like>(`/reviews/${id}/like/`);
  return response.data;
}

function withLike(review: Review, liked: boolean): Review {
  if (review.liked === liked) return review;
  return { ...review, liked, likes_count: Math.max(0, review.likes_count + (liked ? 1 : -1)) };
}

/** Like or unlike; the count moves at once in the cached lists and goes back if the server refuses. */
export function useLikeReview(bookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reviewId, liked }: { reviewId: number; liked: boolean }) => setReviewLiked(reviewId, liked),
    onMutate: async ({ reviewId, liked }) => {
      await queryClient.cancelQueries({ queryKey: reviewsKeys.bookLists(bookId) });
      const snapshot = queryClient.getQueriesData<PaginatedReviews>({ queryKey: reviewsKeys.bookLists(bookId) });
      queryClient.setQueriesData<PaginatedReviews>({ queryKey: reviewsKeys.bookLists(bookId) }, (page) =>
        page
          ? { ...page, results: page.results.map((review) => (review.id === reviewId ? withLike(review, liked) : review)) }
          : page,
      );
      return { snapshot };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.snapshot ?? ([] as [QueryKey, unknown][])) queryClient.setQueryData(key, data);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewsKeys.bookLists(bookId) }),
  });
}
