import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { LibraryEntry, PaginatedLibraryEntries } from "../types";
import { libraryKeys } from "./query-keys";

/** The signed-in reader's entry for one book (GET library/?book=), or null when it is not in the library. */
export async function getBookEntry(bookId: number, signal?: AbortSignal): Promise<LibraryEntry | null> {
  const response = await api.get<PaginatedLibraryEntries>("/library/", { params: { book: bookId }, signal });
  return response.data.results.find((entry) => entry.book.id === bookId) ?? null;
}

export function useBookEntry(bookId: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: libraryKeys.forBook(bookId),
    queryFn: ({ signal }) => getBookEntry(bookId, signal),
    enabled,
  });
}
