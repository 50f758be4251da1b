import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { FeedPage } from "../types";
import { cursorOf, FEED_PAGE_SIZE, feedKeys } from "./get-feed";

/** A reader's activity is cached beside the feed, so that what refreshes the feed refreshes it too. */
export const readerActivityKeys = {
  list: (username: string) => [...feedKeys.all, "reader", username] as const,
};

/** GET users/{username}/activity/: what that reader did that the viewer may see, newest first. */
export async function getReaderActivity(username: string, cursor: string | null, signal?: AbortSignal): Promise<FeedPage> {
  const response = await api.get<FeedPage>(`/users/${encodeURIComponent(username)}/activity/`, {
    params: { page_size: FEED_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal,
  });
  return response.data;
}

export function useReaderActivity(username: string) {
  return useInfiniteQuery({
    queryKey: readerActivityKeys.list(username),
    queryFn: ({ pageParam, signal }) => getReaderActivity(username, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => cursorOf(last.next) ?? undefined,
    staleTime: 30_000,
  });
}
