import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { AuthorDetail, PaginatedSubjects, SeriesDetail } from "../types";
import { booksKeys } from "./query-keys";

/** GET /authors/{id}/ with their books. */
export async function getAuthor(id: number, signal?: AbortSignal): Promise<AuthorDetail> {
  const response = await api.get<AuthorDetail>(`/authors/${id}/`, { signal });
  return response.data;
}

export function useAuthor(id: number) {
  return useQuery({
    queryKey: booksKeys.author(id),
    queryFn: ({ signal }) => getAuthor(id, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** GET /series/{id}/ with its books in order. */
export async function getSeries(id: number, signal?: AbortSignal): Promise<SeriesDetail> {
  const response = await api.get<SeriesDetail>(`/series/${id}/`, { signal });
  return response.data;
}

export function useSeries(id: number) {
  return useQuery({
    queryKey: booksKeys.series(id),
    queryFn: ({ signal }) => getSeries(id, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** GET /subjects/: every subject with its number of books. */
export async function getSubjects(page: number, signal?: AbortSignal): Promise<PaginatedSubjects> {
  const response = await api.get<PaginatedSubjects>("/subjects/", { params: { page, page_size: 100 }, signal });
  return response.data;
}

export function useSubjects(page: number) {
  return useQuery({
    queryKey: booksKeys.subjects(page),
    queryFn: ({ signal }) => getSubjects(page, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
