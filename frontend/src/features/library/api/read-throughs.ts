import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedReadThroughs, ReadThrough, ReadThroughWrite } from "../types";
import { libraryKeys } from "./query-keys";

const readThroughsPath = (entryId: number) => `/library/${entryId}/read-throughs/`;

/** GET library/{id}/read-throughs/: the readings of a book, newest first (a reader has a few). */
export async function getReadThroughs(entryId: number, signal?: AbortSignal): Promise<ReadThrough[]> {
  const response = await api.get<PaginatedReadThroughs>(readThroughsPath(entryId), { params: { page_size: 100 }, signal });
  return response.data.results;
}

export function useReadThroughs(entryId: number | null) {
  return useQuery({
    queryKey: libraryKeys.readThroughs(entryId ?? 0),
    queryFn: ({ signal }) => getReadThroughs(entryId ?? 0, signal),
    enabled: entryId !== null,
  });
}

/** POST library/{id}/read-throughs/: a new reading (a re-read). */
export async function createReadThrough(entryId: number, body: ReadThroughWrite): Promise<ReadThrough> {
  const response = await api.post<ReadThrough>(readThroughsPath(entryId), body);
  return response.data;
}

/** PATCH library/{id}/read-throughs/{rt}/: its dates. */
export async function updateReadThrough(entryId: number, id: number, body: ReadThroughWrite): Promise<ReadThrough> {
  const response = await api.patch<ReadThrough>(`${readThroughsPath(entryId)}${id}/`, body);
  return response.data;
}

/** DELETE library/{id}/read-throughs/{rt}/. */
export async function deleteReadThrough(entryId: number, id: number): Promise<void> {
  await api.delete(`${readThroughsPath(entryId)}${id}/`);
}

type SaveReadThroughInput = { readThroughId: number | null; body: ReadThroughWrite };

/** Create (readThroughId null) or change a reading's dates; the entry's status and finish date may follow. */
export function useSaveReadThrough(entryId: number, bookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ readThroughId, body }: SaveReadThroughInput) =>
      readThroughId === null ? createReadThrough(entryId, body) : updateReadThrough(entryId, readThroughId, body),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: libraryKeys.readThroughs(entryId) }),
        queryClient.invalidateQueries({ queryKey: libraryKeys.forBook(bookId) }),
        queryClient.invalidateQueries({ queryKey: libraryKeys.lists }),
      ]),
  });
}

export function useDeleteReadThrough(entryId: number, bookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (readThroughId: number) => deleteReadThrough(entryId, readThroughId),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: libraryKeys.readThroughs(entryId) }),
        queryClient.invalidateQueries({ queryKey: libraryKeys.forBook(bookId) }),
      ]),
  });
}
