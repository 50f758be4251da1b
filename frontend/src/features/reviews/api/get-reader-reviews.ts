import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedReviews } from "../types";
import { reviewsKeys } from "./query-keys";

export const READER_REVIEWS_PAGE_SIZE = 10;

/** A reader's reviews are cached under "reviews" too, so that the feature's writes refresh them. */
export const readerReviewsKeys = {
  all: [...reviewsKeys.all, "reader"] as const,
  list: (username: string, page: number) => [...reviewsKeys.all, "reader", username, page] as const,
};

/** GET users/{username}/reviews/: the reviews of that reader the viewer may see, newest first. */
export async function getReaderReviews(username: string, page: number, signal?: AbortSignal): Promise<PaginatedReviews> {
  const response = await api.get<PaginatedReviews>(`/users/${encodeURIComponent(username)}/reviews/`, {
    params: { page, page_size: READER_REVIEWS_PAGE_SIZE },
    signal,
  });
  return response.data;
}

export function useReaderReviews(username: string, page: number) {
  return useQuery({
    queryKey: readerReviewsKeys.list(username, page),
    queryFn: ({ signal }) => getReaderReviews(username, page, signal),
    placeholderData: keepPreviousData,
  });
}
