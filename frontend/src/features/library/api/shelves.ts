import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedShelves, Shelf, ShelfWrite } from "../types";
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
