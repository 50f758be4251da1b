import { Button, Label, Select, TextInput } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { apiErrorStatus, parseApiError } from "@/lib/api-errors";

import { useBooks } from "../api/get-books";
import { BOOK_ORDERINGS, type BookListParams, type BookOrdering } from "../types";
import { BookList } from "./book-list";

const PAGE_SIZE = 20;

function positiveInt(value: string | null): number | undefined {
  if (!value) return undefined;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** The API's parameters, read from the page's URL (the URL is the one place filters live). */
function paramsFromUrl(search: URLSearchParams): BookListParams {
  const ordering = search.get("ordering");
  const hasIsbn = search.get("has_isbn");
  return {
    q: search.get("q")?.trim() || undefined,
    subject: search.get("subject") || undefined,
    author: positiveInt(search.get("author")),
    series: positiveInt(search.get("series")),
    language: search.get("language") || undefined,
    year_min: positiveInt(search.get("year_min")),
    year_max: positiveInt(search.get("year_max")),
    has_isbn: hasIsbn === "true" ? true : hasIsbn === "false" ? false : undefined,
    ordering: (BOOK_ORDERINGS as readonly string[]).includes(ordering ?? "") ? (ordering as BookOrdering) : undefined,
    page: positiveInt(search.get("page")) ?? 1,
    page_size: PAGE_SIZE,
  };
}

/** The search results page: the query, filters and sort order are all in the URL. */
export function BookSearchResults() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = paramsFromUrl(searchParams);
  const books = useBooks(params);

  const update = (changes: Record<string, string | undefined>) =>
    setSearchParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!("page" in changes)) next.delete("page");
      return next;
    });

  const activeFilters = (["subject", "author", "series"] as const).filter((key) => searchParams.get(key));

  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">
        {params.q ? t("books.list.titleFor", { query: params.q }) : t("books.list.title")}
      </h1>
      <SearchFilters key={searchParams.toString()} searchParams={searchParams} onApply={update} />
      {activeFilters.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("books.list.activeFilters")}>
          {activeFilters.map((key) => (
            <li key={key}>
              <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-3 py-1 text-sm text-indigo-800">
                {t(`books.list.filter.${key}`, { value: searchParams.get(key) ?? "" })}
                <button
                  type="button"
                  className="ms-1 rounded-full px-1 font-bold hover:bg-indigo-100"
                  aria-label={t("books.list.removeFilter", { filter: t(`books.list.filter.${key}`, { value: searchParams.get(key) ?? "" }) })}
                  onClick={() => update({ [key]: undefined })}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {books.isPending ? (
        <InlineSpinner />
      ) : books.isError ? (
        apiErrorStatus(books.error) === 400 ? (
          <LoadError message={Object.values(parseApiError(books.error).fieldErrors).flat().join(" ") || t("errors.generic")} />
        ) : (
          <LoadError onRetry={() => void books.refetch()} />
        )
      ) : (
        <div aria-busy={books.isFetching} className={books.isPlaceholderData ? "opacity-60" : undefined}>
          <p className="mb-2 text-sm text-gray-600" aria-live="polite">
            {t("books.list.count", { count: books.data.count })}
          </p>
          {books.data.results.length > 0 ? (
            <BookList books={books.data.results} label={t("books.list.results")} />
          ) : (
            <p className="py-6 text-gray-700">{t("books.list.empty")}</p>
          )}
          <PaginationNav
            page={params.page ?? 1}
            hasNext={Boolean(books.data.next)}
            hasPrevious={Boolean(books.data.previous)}
            onPageChange={(page) => update({ page: page > 1 ? String(page) : undefined })}
          />
        </div>
      )}
    </section>
  );
}

interface SearchFiltersProps {
  searchParams: URLSearchParams;
  onApply: (changes: Record<string, string | undefined>) => void;
}

/** The query, sort order and filters; applied to the URL when submitted (the sort at once). */
function SearchFilters({ searchParams, onApply }: SearchFiltersProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    q: searchParams.get("q") ?? "",
    language: searchParams.get("language") ?? "",
    year_min: searchParams.get("year_min") ?? "",
    year_max: searchParams.get("year_max") ?? "",
    has_isbn: searchParams.get("has_isbn") ?? "",
  });
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [name]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...values, q: values.q.trim() || undefined, language: values.language.trim() || undefined });
  };
  const ordering = searchParams.get("ordering") ?? "";

  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-gray-200 bg-gray-50 p-4 sm:grid-cols-2 lg:grid-cols-6" aria-label={t("books.list.filters")}>
      <div className="sm:col-span-2">
        <Label htmlFor="books-q">{t("books.list.query")}</Label>
        <TextInput id="books-q" type="search" className="mt-1" value={values.q} onChange={set("q")} />
      </div>
      <div>
        <Label htmlFor="books-language">{t("books.list.language")}</Label>
        <TextInput id="books-language" className="mt-1" placeholder="en" maxLength={16} value={values.language} onChange={set("language")} />
      </div>
      <div className="grid grid-cols-2 gap-2 lg:col-span-1">
        <div>
          <Label htmlFor="books-year-min">{t("books.list.yearMin")}</Label>
          <TextInput id="books-year-min" className="mt-1" inputMode="numeric" value={values.year_min} onChange={set("year_min")} />
        </div>
        <div>
          <Label htmlFor="books-year-max">{t("books.list.yearMax")}</Label>
          <TextInput id="books-year-max" className="mt-1" inputMode="numeric" value={values.year_max} onChange={set("year_max")} />
        </div>
      </div>
      <div>
        <Label htmlFor="books-has-isbn">{t("books.list.hasIsbn")}</Label>
        <Select id="books-has-isbn" className="mt-1" value={values.has_isbn} onChange={set("has_isbn")}>
          <option value="">{t("books.list.any")}</option>
          <option value="true">{t("books.list.withIsbn")}</option>
          <option value="false">{t("books.list.withoutIsbn")}</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="books-ordering">{t("books.list.sort")}</Label>
        <Select
          id="books-ordering"
          className="mt-1"
          value={ordering}
          onChange={(event) => onApply({ ordering: event.target.value || undefined })}
        >
          <option value="">{t("books.list.sortDefault")}</option>
          {BOOK_ORDERINGS.map((option) => (
            <option key={option} value={option}>
              {t(`books.orderings.${option}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-end sm:col-span-2 lg:col-span-6">
        <Button type="submit" size="sm" className="w-full sm:w-fit">
          {t("books.list.apply")}
        </Button>
      </div>
    </form>
  );
}
