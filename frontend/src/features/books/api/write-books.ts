import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { BookDetail, BookLookup, BookPatch, BookWrite, Edition, EditionWrite } from "../types";
import { booksKeys } from "./query-keys";

/** POST /books/ (signed in): the new book's detail. */
export async function createBook(data: BookWrite): Promise<BookDetail> {
  const response = await api.post<BookDetail>("/books/", data);
  return response.data;
}

/** PATCH /books/{id}/ (signed in): the corrected book's detail. */
export async function updateBook({ id, data }: { id: number; data: BookPatch }): Promise<BookDetail> {
  const response = await api.patch<BookDetail>(`/books/${id}/`, data);
  return response.data;
}

/** POST /editions/ (signed in). */
export async function createEdition(data: EditionWrite): Promise<Edition> {
  const response = await api.post<Edition>("/editions/", data);
  return response.data;
}

/**
 * POST /books/lookup/ (signed in): asks Open Library / Google Books and answers the
 * catalog's book, created (201) or already there (200).
 */
export async function lookUpBook(data: BookLookup): Promise<BookDetail> {
  const response = await api.post<BookDetail>("/books/lookup/", data);
  return response.data;
}

function useCatalogMutation<TInput, TOutput>(mutationFn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // Lists, authors, series and histories all show the changed book: refresh them all.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKeys.all }),
  });
}

export const useCreateBook = () => useCatalogMutation(createBook);
export const useUpdateBook = () => useCatalogMutation(updateBook);
export const useCreateEdition = () => useCatalogMutation(createEdition);
export const useLookUpBook = () => useCatalogMutation(lookUpBook);
