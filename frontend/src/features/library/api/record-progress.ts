import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { ProgressUpdate, ProgressWrite } from "../types";
import { libraryKeys } from "./query-keys";

/** POST library/{id}/read-throughs/{rt}/progress/: a page, a percent or minutes listened, with an optional note. */
export async function recordProgress(entryId: number, readThroughId: number, body: ProgressWrite): Promise<ProgressUpdate> {
  const response = await api.post<ProgressUpdate>(`/library/${entryId}/read-throughs/${readThroughId}/progress/`, body);
  return response.data;
}

/** Record progress; the reading (which carries the latest progress) refetches. */
export function useRecordProgress(entryId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ readThroughId, body }: { readThroughId: number; body: ProgressWrite }) =>
      recordProgress(entryId, readThroughId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.readThroughs(entryId) }),
  });
}
