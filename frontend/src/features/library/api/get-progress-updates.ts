import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedProgressUpdates } from "../types";
import { libraryKeys } from "./query-keys";

export const PROGRESS_PAGE_SIZE = 5;

/** GET library/{id}/read-throughs/{rt}/progress/: a page of a reading's progress updates, newest first. */
export async function getProgressUpdates(
  entryId: number,
  readThroughId: number,
  page: number,
  signal?: AbortSignal,
): Promise<PaginatedProgressUpdates> {
  const response = await api.get<PaginatedProgressUpdates>(`/library/${entryId}/read-throughs/${readThroughId}/progress/`, {
    params: { page, page_size: PROGRESS_PAGE_SIZE },
    signal,
  });
  return response.data;
}

/** A reading's progress history, a page at a time ("show more"). */
export function useProgressUpdates(entryId: number, readThroughId: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    enabled,
    queryKey: libraryKeys.progress(entryId, readThroughId),
    queryFn: ({ pageParam, signal }) => getProgressUpdates(entryId, readThroughId, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last, _all, lastPage) => (last.next ? lastPage + 1 : undefined),
  });
}
