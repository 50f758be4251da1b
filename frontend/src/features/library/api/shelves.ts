import { useMutation, useQuery, useQueryClient, type Query } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { apiErrorStatus } from "@/lib/api-errors";

import type { LibraryListParams, PaginatedShelves, Shelf, ShelfPatch, ShelfWrite } from "../types";
import { libraryKeys } from "./query-keys";

/** GET shelves/: the signed-in reader's shelves (all of them: a reader has a handful). */
export async function getShelves(signal?: AbortSignal): Promise<Shelf[]> {
  const response = await api.get<PaginatedShelves>("/shelves/", { params: { page_size: 100 }, signal });
  return response.data.results;
}

export function useShelves({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: libraryKeys.shelves, queryFn: ({ signal }) => getShelves(signal), enabled });
}

/** POST shelves/. */
export async function createShelf(body: ShelfWrite): Promise<Shelf> {
  const response = await api.post<Shelf>("/shelves/", body);
  return response.data;
}

export function useCreateShelf() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createShelf,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.shelves }),
  });
}

/** PATCH shelves/{id}/: rename it, describe it, or change who may see it (`audience: null`: the reader's default). */
export async function updateShelf(id: number, body: ShelfPatch): Promise<Shelf> {
  const response = await api.patch<Shelf>(`/shelves/${id}/`, body);
  return response.data;
}

export function useUpdateShelf() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ShelfPatch }) => updateShelf(id, body),
    onSuccess: (shelf) =>
      queryClient.setQueryData<Shelf[]>(libraryKeys.shelves, (shelves) => shelves?.map((old) => (old.id === shelf.id ? shelf : old))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.shelves }),
  });
}

/** DELETE shelves/{id}/: the shelf goes, its books stay in the library. */
export async function deleteShelf(id: number): Promise<void> {
  await api.delete(`/shelves/${id}/`);
}

/**
 * Delete a shelf. `onDeleted` runs before anything refetches, so that a page filtered by the shelf
 * can drop the filter first (asking for a shelf that is gone is an error). Entries name their
 * shelves, so everything in the library refreshes.
 */
export function useDeleteShelf({ onDeleted }: { onDeleted?: (shelf: Shelf) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (shelf: Shelf) => {
      try {
        await deleteShelf(shelf.id);
      } catch (error) {
        // Already deleted (in another tab, say): what the reader wanted is done.
        if (apiErrorStatus(error) !== 404) throw error;
      }
    },
    onSuccess: (_result, shelf) => {
      onDeleted?.(shelf);
      queryClient.setQueryData<Shelf[]>(libraryKeys.shelves, (shelves) => shelves?.filter((old) => old.id !== shelf.id));
    },
    onSettled: (_result, _error, shelf) => {
      const filteredByIt = (query: Query) => (query.queryKey[2] as LibraryListParams | undefined)?.shelf === shelf.id;
      return Promise.all([
        // A list filtered by the shelf is only marked stale: the page showing it drops the filter
        // (`onDeleted`), and asking the server for it again would only be refused.
        queryClient.invalidateQueries({ queryKey: libraryKeys.lists, predicate: filteredByIt, refetchType: "none" }),
        queryClient.invalidateQueries({ queryKey: libraryKeys.all, predicate: (query) => !filteredByIt(query) }),
      ]);
    },
  });
}
