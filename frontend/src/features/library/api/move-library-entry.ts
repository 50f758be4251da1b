import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { LibraryEntry, PaginatedLibraryEntries } from "../types";
import { libraryKeys } from "./query-keys";

export interface MoveInput {
  entryId: number;
  /** The entry it goes before in the hand-ordered to-read list; null for the end. */
  before: number | null;
}

/** POST library/{id}/move/: place an entry in the hand order of the to-read list. */
export async function moveLibraryEntry({ entryId, before }: MoveInput): Promise<void> {
  await api.post(`/library/${entryId}/move/`, { before });
}

/** `entries` with `entryId` taken out and put back before `before` (or at the end). */
export function reorderEntries(entries: LibraryEntry[], { entryId, before }: MoveInput): LibraryEntry[] {
  const moving = entries.find((entry) => entry.id === entryId);
  if (!moving) return entries;
  const rest = entries.filter((entry) => entry.id !== entryId);
  const index = before === null ? -1 : rest.findIndex((entry) => entry.id === before);
  if (index === -1) return [...rest, moving];
  return [...rest.slice(0, index), moving, ...rest.slice(index)];
}

/**
 * Move an entry; the page shown (`listKey`) is reordered at once and put back if the server refuses.
 */
export function useMoveLibraryEntry(listKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveLibraryEntry,
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const previous = queryClient.getQueryData<PaginatedLibraryEntries>(listKey);
      if (previous) {
        queryClient.setQueryData<PaginatedLibraryEntries>(listKey, {
          ...previous,
          results: reorderEntries(previous.results, input),
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(listKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.lists }),
  });
}
