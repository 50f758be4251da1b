import { useSearchParams } from "react-router";

import {
  LIBRARY_FORMATS,
  LIBRARY_ORDERINGS,
  READING_STATUSES,
  type LibraryFormat,
  type LibraryListParams,
  type LibraryOrdering,
  type ReadingStatus,
} from "../types";

export const LIBRARY_PAGE_SIZE = 24;
/** The hand-ordered to-read list shows more at once: reordering works within the page shown. */
export const TO_READ_ORDER_PAGE_SIZE = 100;

export type LibraryView = "grid" | "list";

/** The URL parameters the library page keeps its state in (and nothing else). */
export const LIBRARY_FILTER_KEYS = [
  "status",
  "shelf",
  "owned",
  "format",
  "wishlist",
  "tag",
  "rating_min",
  "rating_max",
  "finished_year",
  "q",
] as const;
export type LibraryFilterKey = (typeof LIBRARY_FILTER_KEYS)[number];

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed > 0 ? parsed : undefined;
}

function stars(value: string | null): string | undefined {
  if (!value) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0.5 && parsed <= 5 ? String(parsed) : undefined;
}

function yesNo(value: string | null): boolean | undefined {
  return value === "true" ? true : value === "false" ? false : undefined;
}

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return (options as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}

/** The API's parameters, read from the page's URL (the URL is the one place filters live). */
export function libraryParamsFromUrl(search: URLSearchParams): LibraryListParams {
  const ordering = oneOf<LibraryOrdering>(LIBRARY_ORDERINGS, search.get("ordering"));
  const status = oneOf<ReadingStatus>(READING_STATUSES, search.get("status"));
  const handOrder = ordering === "position" && status === "want_to_read";
  return {
    status,
    shelf: positiveInt(search.get("shelf")),
    owned: yesNo(search.get("owned")),
    // "format" in the page's address; the API calls it book_format (?format= picks its response format).
    book_format: oneOf<LibraryFormat>(LIBRARY_FORMATS, search.get("format")),
    wishlist: yesNo(search.get("wishlist")),
    tag: search.get("tag")?.trim() || undefined,
    rating_min: stars(search.get("rating_min")),
    rating_max: stars(search.get("rating_max")),
    finished_year: positiveInt(search.get("finished_year")),
    q: search.get("q")?.trim() || undefined,
    ordering,
    page: positiveInt(search.get("page")) ?? 1,
    page_size: handOrder ? TO_READ_ORDER_PAGE_SIZE : LIBRARY_PAGE_SIZE,
  };
}

/**
 * The library page's state in the URL: filters, sort order, page and view. Every change replaces
 * the parameters it names and, unless it names the page, goes back to the first page.
 */
export function useLibrarySearchParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = libraryParamsFromUrl(searchParams);
  const view: LibraryView = searchParams.get("view") === "list" ? "list" : "grid";

  const update = (changes: Record<string, string | undefined>) =>
    setSearchParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!("page" in changes) && !("view" in changes)) next.delete("page");
      return next;
    });

  const clearFilters = () => update(Object.fromEntries(LIBRARY_FILTER_KEYS.map((key) => [key, undefined])));

  return { searchParams, params, view, update, clearFilters };
}
