import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isAxiosError } from "axios";

import { api } from "@/lib/api-client";

import type {
  BookDetail,
  BookLookup,
  BookPatch,
  BookWrite,
  DuplicateIsbn,
  Edition,
  EditionPatch,
  EditionWrite,
} from "../types";
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

/** POST /editions/ (signed in); 409 when the ISBN is another edition's (see `duplicateIsbnEdition`). */
export async function createEdition(data: EditionWrite): Promise<Edition> {
  const response = await api.post<Edition>("/editions/", data);
  return response.data;
}

/** PATCH /editions/{id}/ (signed in): the fields in `data` only; 409 as for `createEdition`. */
export async function updateEdition({ id, data }: { id: number; data: EditionPatch }): Promise<Edition> {
  const response = await api.patch<Edition>(`/editions/${id}/`, data);
  return response.data;
}

/** The id of the edition that already has the ISBN, when a write failed with the API's 409; else null. */
export function duplicateIsbnEdition(error: unknown): number | null {
  if (!isAxiosError<Partial<DuplicateIsbn>>(error) || error.response?.status !== 409) return null;
  const edition = error.response.data?.edition;
  return typeof edition === "number" ? edition : null;
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
export const useUpdateEdition = () => useCatalogMutation(updateEdition);
export const useLookUpBook = () => useCatalogMutation(lookUpBook);
