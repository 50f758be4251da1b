import { Alert, Button } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { PaginationNav } from "@/components/ui/pagination-nav";
import { StarRating } from "@/components/ui/star-rating";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";

import { READER_LIBRARY_PAGE_SIZE, useReaderLibrary, type ReaderLibraryEntry } from "../api/get-reader-library";
import { useReaderShelves } from "../api/get-reader-shelves";
import { READING_STATUSES, type ReadingStatus, type Shelf } from "../types";
import { StatusBadge } from "./library-entries";

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed > 0 ? parsed : undefined;
}

function statusOf(value: string | null): ReadingStatus | undefined {
  return (READING_STATUSES as readonly string[]).includes(value ?? "") ? (value as ReadingStatus) : undefined;
}

/** The current search with `changes` applied; any change but the page's goes back to the first page. */
function searchWith(current: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  if (!("page" in changes)) next.delete("page");
  const text = next.toString();
  return text ? `?${text}` : "?";
}

interface ReaderLibraryProps {
  username: string;
  /** The viewer's own library: a link to the page where it is edited. */
  isSelf: boolean;
  /** The viewer may not see the reader's whole profile: an empty list says so. */
  restricted: boolean;
}

/**
 * Another reader's library as the viewer may see it: status tabs, their shelves (one filters the
 * list), and the books a page at a time. Status, shelf and page live in the URL.
 */
export function ReaderLibrary({ username, isSelf, restricted }: ReaderLibraryProps) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = statusOf(searchParams.get("status"));
  const shelf = positiveInt(searchParams.get("shelf"));
  const page = positiveInt(searchParams.get("page")) ?? 1;
  const library = useReaderLibrary(username, { status, shelf, page, page_size: READER_LIBRARY_PAGE_SIZE });
  const shelves = useReaderShelves(username);

  const go = (changes: Record<string, string | undefined>) => setSearchParams(new URLSearchParams(searchWith(searchParams, changes)));
  const errorStatus = library.isError ? apiErrorStatus(library.error) : undefined;
  // A shelf's list the viewer may not see, or a page past the end: say so and offer the way back.
  const shelfGone = errorStatus === 400 && shelf !== undefined;
  const pageGone = errorStatus === 404 && page > 1;
  const unavailable = (errorStatus === 403 || errorStatus === 404) && !pageGone;

  if (unavailable || (shelves.isError && [403, 404].includes(apiErrorStatus(shelves.error) ?? 0))) {
    return (
      <p className="rounded-lg bg-gray-50 p-4 text-gray-700" data-testid="reader-library-unavailable">
        {t("profileReading.unavailable")}
      </p>
    );
  }

  const tabs: { value: ReadingStatus | undefined; label: string }[] = [
    { value: undefined, label: t("profileReading.library.all") },
    ...READING_STATUSES.map((value) => ({ value, label: t(`library.status.${value}`) })),
  ];

  return (
    <section aria-labelledby="reader-library-heading" className="flex flex-col gap-4" data-testid="reader-library">
      <h2 id="reader-library-heading" className="sr-only">
        {t("profileReading.library.heading")}
      </h2>
      {isSelf ? (
        <Button as={Link} to={paths.library.getHref()} color="light" size="xs" className="w-fit">
          {t("profileReading.editLibrary")}
        </Button>
      ) : null}

      <nav aria-label={t("profileReading.library.statusFilter")}>
        <ul className="flex flex-wrap gap-1.5">
          {tabs.map((tab) => {
            const current = tab.value === status;
            return (
              <li key={tab.value ?? "all"}>
                <Link
                  to={searchWith(searchParams, { status: tab.value })}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 text-sm font-medium whitespace-nowrap focus:ring-2 focus:ring-blue-300 focus:outline-none ${
                    current ? "border-blue-700 bg-blue-700 text-white" : "border-gray-300 bg-white text-gray-700 hover:bg-gray-100"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {shelves.data && shelves.data.length > 0 ? (
        <ShelfFilter shelves={shelves.data} current={shelf} searchParams={searchParams} />
      ) : null}

      {library.isPending ? (
        <InlineSpinner />
      ) : shelfGone ? (
        <Alert color="warning" role="status">
          <span>{t("profileReading.library.shelfGone")}</span>
          <Button size="xs" color="light" className="mt-2" onClick={() => go({ shelf: undefined })}>
            {t("profileReading.library.showAll")}
          </Button>
        </Alert>
      ) : pageGone ? (
        <Alert color="warning" role="status">
          <span>{t("profileReading.pageGone")}</span>
          <Button size="xs" color="light" className="mt-2" onClick={() => go({ page: undefined })}>
            {t("profileReading.firstPage")}
          </Button>
        </Alert>
      ) : library.isError ? (
        <LoadError onRetry={() => void library.refetch()} />
      ) : library.data.results.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 p-6 text-gray-700" data-testid="reader-library-empty">
          {isSelf
            ? t("profileReading.library.emptySelf")
            : restricted
              ? t("profileReading.library.emptyRestricted", { username })
              : t("profileReading.library.empty")}
        </p>
      ) : (
        <>
          <p className="text-sm text-gray-600" aria-live="polite">
            {t("profileReading.library.count", { count: library.data.count })}
          </p>
          <ul
            className={`grid grid-cols-2 gap-4 sm:grid-cols-3 md:grid-cols-4 ${library.isPlaceholderData ? "opacity-60" : ""}`}
            aria-label={t("profileReading.library.entries", { username })}
            aria-busy={library.isPlaceholderData}
          >
            {library.data.results.map((entry) => (
              <ReaderEntryCard key={entry.id} entry={entry} />
            ))}
          </ul>
          <PaginationNav
            page={page}
            hasNext={Boolean(library.data.next)}
            hasPrevious={Boolean(library.data.previous)}
            onPageChange={(next) => go({ page: next > 1 ? String(next) : undefined })}
          />
        </>
      )}
    </section>
  );
}

function ShelfFilter({ shelves, current, searchParams }: { shelves: Shelf[]; current: number | undefined; searchParams: URLSearchParams }) {
  const { t } = useTranslation();
  const chip = (active: boolean) =>
    `inline-block rounded-lg border px-2.5 py-1 text-sm focus:ring-2 focus:ring-blue-300 focus:outline-none ${
      active ? "border-indigo-700 bg-indigo-50 font-semibold text-indigo-800" : "border-gray-200 bg-white text-gray-700 hover:bg-gray-100"
    }`;
  return (
    <nav aria-label={t("profileReading.library.shelves")}>
      <h3 className="mb-1 text-sm font-medium text-gray-500">{t("profileReading.library.shelves")}</h3>
      <ul className="flex flex-wrap gap-2">
        <li>
          <Link to={searchWith(searchParams, { shelf: undefined })} aria-current={current === undefined ? "page" : undefined} className={chip(current === undefined)}>
            {t("profileReading.library.allShelves")}
          </Link>
        </li>
        {shelves.map((item) => (
          <li key={item.id}>
            <Link
              to={searchWith(searchParams, { shelf: String(item.id) })}
              aria-current={current === item.id ? "page" : undefined}
              className={`${chip(current === item.id)} max-w-full break-words`}
            >
              {t("profileReading.library.shelfCount", { name: item.name, count: item.entries_count })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ReaderEntryCard({ entry }: { entry: ReaderLibraryEntry }) {
  const authors = entry.book.authors.map((author) => author.name).join(", ");
  return (
    <li className="flex min-w-0 flex-col gap-2 rounded-lg border border-gray-200 bg-white p-2" data-testid="reader-library-entry">
      <Link to={paths.books.detail.getHref(entry.book.id)} className="flex flex-col gap-2">
        <img
          src={entry.book.cover_url}
          alt=""
          loading="lazy"
          className="aspect-[2/3] w-full rounded border border-gray-200 bg-gray-100 object-cover shadow-sm"
        />
        <span className="line-clamp-2 font-medium break-words text-gray-900 hover:underline">{entry.book.title}</span>
      </Link>
      {authors ? <span className="line-clamp-1 text-sm text-gray-600">{authors}</span> : null}
      <StatusBadge status={entry.status} />
      {entry.rating !== null ? <StarRating value={entry.rating} size="sm" /> : null}
    </li>
  );
}
