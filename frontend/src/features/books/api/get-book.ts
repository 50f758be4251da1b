import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { BookDetail, PaginatedRevisions } from "../types";
import { booksKeys } from "./query-keys";

/** GET /books/{id}/; a merged id answers 301 and the browser follows it to the survivor. */
export async function getBook(id: number, signal?: AbortSignal): Promise<BookDetail> {
  const response = await api.get<BookDetail>(`/books/${id}/`, { signal });
  return response.data;
}

export function useBook(id: number) {
  return useQuery({
    queryKey: booksKeys.detail(id),
    queryFn: ({ signal }) => getBook(id, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** GET /books/{id}/history/: revisions, newest first. */
export async function getBookHistory(id: number, page: number, signal?: AbortSignal): Promise<PaginatedRevisions> {
  const response = await api.get<PaginatedRevisions>(`/books/${id}/history/`, { params: { page }, signal });
  return response.data;
}

export function useBookHistory(id: number, page: number) {
  return useQuery({
    queryKey: booksKeys.history(id, page),
    queryFn: ({ signal }) => getBookHistory(id, page, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}
