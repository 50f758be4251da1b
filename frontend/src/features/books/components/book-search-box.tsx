import { useQueryClient } from "@tanstack/react-query";
import { Spinner, TextInput } from "flowbite-react";
import { useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { paths } from "@/config/paths";
import { useDebouncedValue } from "@/lib/use-debounced-value";

import { quickSearchOptions, useQuickSearch } from "../api/get-books";
import { looksLikeIsbn } from "../utils/isbn";
import { useAuthorNames } from "./author-names";
import { BookCover } from "./book-cover";

/** How long typing must pause before the instant results are asked for. */
export const QUICK_SEARCH_DEBOUNCE_MS = 250;

/**
 * The header's search box (an ARIA combobox): instant results as you type, arrows to move,
 * Enter to open, Escape to close. Enter on an ISBN opens its book; otherwise Enter (or the
 * last option) opens the full results page.
 */
export function BookSearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const authorNames = useAuthorNames();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebouncedValue(query, QUICK_SEARCH_DEBOUNCE_MS).trim();
  const results = useQuickSearch(debounced);
  const trimmed = query.trim();
  const books = debounced && results.data ? results.data.results : [];
  // The books, then "all results": the options the arrows move through.
  const optionCount = trimmed ? books.length + 1 : 0;
  const expanded = open && trimmed.length > 0;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const goTo = (href: string) => {
    close();
    setQuery("");
    void navigate(href);
  };
  const openAllResults = () => goTo(paths.books.list.getHref({ q: trimmed }));

  const submit = async () => {
    if (active >= 0 && active < books.length) {
      const book = books[active];
      if (book) goTo(paths.books.detail.getHref(book.id));
      return;
    }
    if (active === -1 && looksLikeIsbn(trimmed)) {
      // An ISBN finds one book: open it rather than a list of one.
      try {
        const found = await queryClient.fetchQuery(quickSearchOptions(trimmed));
        const book = found.results[0];
        if (found.count === 1 && book) {
          goTo(paths.books.detail.getHref(book.id));
          return;
        }
      } catch {
        // The results page shows the error and lets the reader retry.
      }
    }
    if (trimmed) openAllResults();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && optionCount > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (current + 1) % optionCount);
    } else if (event.key === "ArrowUp" && optionCount > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (current <= 0 ? optionCount - 1 : current - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        close();
      } else {
        setQuery("");
      }
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  const waiting = trimmed !== debounced || results.isFetching;

  return (
    <div className="relative w-full" role="search">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t("books.search.label")}
      </label>
      <TextInput
        id={`${listId}-input`}
        type="search"
        sizing="sm"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder={t("books.search.placeholder")}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {expanded ? (
        <div className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-lg border border-gray-200 bg-white shadow-lg sm:min-w-96">
          <ul id={listId} role="listbox" aria-label={t("books.search.results")} className="max-h-[70vh] overflow-y-auto">
            {books.map((book, index) => (
              <li
                key={book.id}
                id={optionId(index)}
                role="option"
                aria-selected={active === index}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  goTo(paths.books.detail.getHref(book.id));
                }}
                onMouseEnter={() => setActive(index)}
                className={`flex cursor-pointer items-center gap-3 px-3 py-2 ${active === index ? "bg-blue-50" : ""}`}
              >
                <BookCover url={book.cover_url} title={book.title} className="h-12 w-8" />
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium text-gray-900">{book.title}</span>
                  <span className="block truncate text-xs text-gray-600">
                    {[authorNames(book.authors), book.first_published_year].filter(Boolean).join(" · ")}
                  </span>
                </span>
              </li>
            ))}
            <li
              id={optionId(books.length)}
              role="option"
              aria-selected={active === books.length}
              onMouseDown={(event) => {
                event.preventDefault();
                openAllResults();
              }}
              onMouseEnter={() => setActive(books.length)}
              className={`flex cursor-pointer items-center justify-between gap-2 border-t border-gray-100 px-3 py-2 text-sm text-blue-700 ${
                active === books.length ? "bg-blue-50" : ""
              }`}
            >
              <span className="truncate">{t("books.search.allResults", { query: trimmed })}</span>
              {waiting ? <Spinner size="sm" aria-hidden /> : null}
            </li>
          </ul>
          <p className="sr-only" aria-live="polite">
            {!waiting && debounced
              ? results.isError
                ? t("errors.generic")
                : t("books.search.count", { count: results.data?.count ?? 0 })
              : ""}
          </p>
          {!waiting && debounced && results.data && books.length === 0 ? (
            <p className="border-t border-gray-100 px-3 py-2 text-sm text-gray-600">{t("books.search.noResults")}</p>
          ) : null}
          {!waiting && results.isError ? (
            <p className="border-t border-gray-100 px-3 py-2 text-sm text-red-700">{t("errors.generic")}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
