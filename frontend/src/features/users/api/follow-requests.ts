import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import type { PaginatedFollowRequests } from "../types";
import { usersKeys } from "./query-keys";

export type RequestDirection = "incoming" | "outgoing";

/** GET /follow-requests/ (incoming, pending) or ?direction=outgoing. */
export async function getFollowRequests(
  direction: RequestDirection,
  page: number,
  signal?: AbortSignal,
): Promise<PaginatedFollowRequests> {
  const params = direction === "outgoing" ? { direction, page } : { page };
  const response = await api.get<PaginatedFollowRequests>("/follow-requests/", { params, signal });
  return response.data;
}

export function useFollowRequests(direction: RequestDirection, page: number) {
  return useQuery({
    queryKey: usersKeys.requests(direction, page),
    queryFn: ({ signal }) => getFollowRequests(direction, page, signal),
    placeholderData: keepPreviousData,
  });
}

/** POST /follow-requests/{id}/accept/ or /reject/ (only the reader asked can answer). */
export async function answerFollowRequest({ id, answer }: { id: number; answer: "accept" | "reject" }): Promise<void> {
  await api.post(`/follow-requests/${id}/${answer}/`);
}

export function useAnswerFollowRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: answerFollowRequest,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKeys.all }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}
