import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { Review } from "../types";
import { reviewsKeys } from "./query-keys";

/** GET reviews/{id}/ (its author also gets the text as written, to edit it). */
export async function getReview(id: number, signal?: AbortSignal): Promise<Review> {
  const response = await api.get<Review>(`/reviews/${id}/`, { signal });
  return response.data;
}

export function useReview(id: number | null) {
  return useQuery({
    queryKey: reviewsKeys.detail(id ?? 0),
    queryFn: ({ signal }) => getReview(id ?? 0, signal),
    enabled: id !== null,
  });
}
