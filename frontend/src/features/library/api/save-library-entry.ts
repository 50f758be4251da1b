import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { LibraryEntry, LibraryEntryCreate, LibraryEntryPatch } from "../types";
import { libraryKeys } from "./query-keys";

/** POST library/: add a book (adding one that is already there updates its entry). */
export async function addToLibrary(body: LibraryEntryCreate): Promise<LibraryEntry> {
  const response = await api.post<LibraryEntry>("/library/", body);
  return response.data;
}

/** PATCH library/{id}/ (`audience: null` goes back to the reader's default). */
export async function updateLibraryEntry(id: number, body: LibraryEntryPatch): Promise<LibraryEntry> {
  const response = await api.patch<LibraryEntry>(`/library/${id}/`, body);
  return response.data;
}

/** DELETE library/{id}/. */
export async function deleteLibraryEntry(id: number): Promise<void> {
  await api.delete(`/library/${id}/`);
}

export type SaveEntryInput = { entryId: number | null; bookId: number; changes: LibraryEntryPatch };

/**
 * Add the book or change its entry: the book page's control does both through one mutation.
 * The answer becomes the book's cached entry at once; lists and read-throughs refetch.
 */
export function useSaveLibraryEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, bookId, changes }: SaveEntryInput) =>
      entryId === null ? addToLibrary({ book: bookId, ...changes }) : updateLibraryEntry(entryId, changes),
    onSuccess: (entry) => {
      queryClient.setQueryData(libraryKeys.forBook(entry.book.id), entry);
    },
    onSettled: async (_entry, _error, { entryId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: libraryKeys.lists }),
        queryClient.invalidateQueries({ queryKey: libraryKeys.tags }),
        queryClient.invalidateQueries({ queryKey: libraryKeys.shelves }),
        entryId === null ? null : queryClient.invalidateQueries({ queryKey: libraryKeys.readThroughs(entryId) }),
      ]);
    },
  });
}

export function useDeleteLibraryEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId }: { entryId: number; bookId: number }) => deleteLibraryEntry(entryId),
    onSuccess: (_result, { bookId }) => queryClient.setQueryData(libraryKeys.forBook(bookId), null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.lists }),
  });
}
