import type { AuthorBookOrdering, BookListParams } from "../types";

/** Everything this feature caches lives under "books", so a catalog write can refresh it at once. */
export const booksKeys = {
  all: ["books"] as const,
  list: (params: BookListParams) => ["books", "list", params] as const,
  quickSearch: (query: string) => ["books", "quick-search", query] as const,
  detail: (id: number) => ["books", "detail", id] as const,
  history: (id: number, page: number) => ["books", "history", id, page] as const,
  edition: (id: number) => ["books", "edition", id] as const,
  author: (id: number) => ["books", "author", id] as const,
  authorBooks: (id: number, page: number, ordering: AuthorBookOrdering) =>
    ["books", "author", id, "books", page, ordering] as const,
  series: (id: number) => ["books", "series", id] as const,
  subjects: (page: number) => ["books", "subjects", page] as const,
};
