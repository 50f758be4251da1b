import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { FeedPage } from "../types";

export const FEED_PAGE_SIZE = 20;

export const feedKeys = {
  all: ["feed"] as const,
};

/** The `cursor` of the API's `next` link (cursor pagination: pages are asked for by cursor, not number). */
export function cursorOf(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link, "http://localhost").searchParams.get("cursor");
  } catch {
    return null;
  }
}

/** GET feed/: what the reader and the people they follow did, newest first. */
export async function getFeed(cursor: string | null, signal?: AbortSignal): Promise<FeedPage> {
  const response = await api.get<FeedPage>("/feed/", {
    params: { page_size: FEED_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal,
  });
  return response.data;
}

export function useFeed() {
  return useInfiniteQuery({
    queryKey: feedKeys.all,
    queryFn: ({ pageParam, signal }) => getFeed(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => cursorOf(last.next) ?? undefined,
    staleTime: 30_000,
  });
}
