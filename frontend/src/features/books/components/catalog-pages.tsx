import { Button, Label, Select } from "flowbite-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";

import { useAuthorBooks } from "../api/get-author-books";
import { useAuthor, useSeries, useSubjects } from "../api/get-catalog-pages";
import { AUTHOR_BOOK_ORDERINGS, type AuthorBook, type AuthorBookOrdering } from "../types";
import { BookList } from "./book-list";

function useFollowMerge(requested: number, answered: number | undefined, href: (id: number) => string) {
  const navigate = useNavigate();
  // A merged id answers 301 to its survivor: show the survivor's address too.
  useEffect(() => {
    if (answered !== undefined && answered !== requested) void navigate(href(answered), { replace: true });
  }, [answered, requested, navigate, href]);
}

function QueryFailure({ error, onRetry, notFound }: { error: unknown; onRetry: () => void; notFound: string }) {
  return apiErrorStatus(error) === 404 ? <LoadError message={notFound} /> : <LoadError onRetry={onRetry} />;
}

interface AuthorViewProps {
  id: number;
  /** The page of "all their books" and its order, which the route keeps in the URL. */
  page: number;
  ordering: AuthorBookOrdering;
  onPageChange: (page: number) => void;
  onOrderingChange: (ordering: AuthorBookOrdering) => void;
}

/**
 * An author's page: their name, years, other names and bio, their most-read books (from the author's
 * own answer) and, when they have more than those, all their books a page at a time.
 */
export function AuthorView({ id, page, ordering, onPageChange, onOrderingChange }: AuthorViewProps) {
  const { t } = useTranslation();
  const author = useAuthor(id);
  const hasMore = author.data !== undefined && author.data.books_count > author.data.books.length;
  const allBooks = useAuthorBooks(id, page, ordering, hasMore);
  useFollowMerge(id, author.data?.id, paths.authors.detail.getHref);
  if (author.isPending) return <InlineSpinner />;
  if (author.isError)
    return <QueryFailure error={author.error} onRetry={() => void author.refetch()} notFound={t("books.author.notFound")} />;
  const { data } = author;
  const years = data.birth_year || data.death_year ? `${data.birth_year ?? "?"}–${data.death_year ?? ""}` : null;
  const otherNames = Array.isArray(data.other_names) ? data.other_names.filter((name) => typeof name === "string") : [];
  const roleNote = (books: readonly AuthorBook[]) => (index: number) => {
    const role = books[index]?.role;
    return role && role !== "author" ? t(`books.roles.${role}`) : null;
  };
  return (
    <article className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{data.name}</h1>
        {years ? <p className="mt-1 text-gray-600">{years}</p> : null}
        {otherNames.length > 0 ? (
          <p className="mt-1 text-sm text-gray-600">{t("books.author.otherNames", { names: otherNames.join(", ") })}</p>
        ) : null}
        {data.bio ? <p className="mt-4 whitespace-pre-line text-gray-800">{data.bio}</p> : null}
      </header>
      <section aria-labelledby="author-books">
        <h2 id="author-books" className="text-lg font-semibold text-gray-900">
          {hasMore ? t("books.author.mostRead") : t("books.author.books", { count: data.books_count })}
        </h2>
        <BookList
          books={data.books}
          label={hasMore ? t("books.author.mostRead") : t("books.author.books", { count: data.books_count })}
          note={roleNote(data.books)}
        />
        <Link to={paths.books.list.getHref({ author: data.id })} className="mt-3 inline-block text-sm text-blue-700 hover:underline">
          {t("books.author.searchBooks")}
        </Link>
      </section>
      {hasMore ? (
        <section aria-labelledby="author-all-books">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="author-all-books" className="text-lg font-semibold text-gray-900">
              {t("books.author.allBooks", { count: data.books_count })}
            </h2>
            <div>
              <Label htmlFor="author-books-ordering">{t("books.list.sort")}</Label>
              <Select
                id="author-books-ordering"
                className="mt-1"
                sizing="sm"
                value={ordering}
                onChange={(event) => onOrderingChange(event.target.value as AuthorBookOrdering)}
              >
                {AUTHOR_BOOK_ORDERINGS.map((option) => (
                  <option key={option} value={option}>
                    {t(`books.orderings.${option}`)}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          {allBooks.isPending ? (
            <InlineSpinner />
          ) : allBooks.isError ? (
            apiErrorStatus(allBooks.error) === 404 && page > 1 ? (
              <div>
                <LoadError message={t("books.author.pageGone")} />
                <Button size="xs" color="light" className="mt-2" onClick={() => onPageChange(1)}>
                  {t("books.author.firstPage")}
                </Button>
              </div>
            ) : (
              <LoadError onRetry={() => void allBooks.refetch()} />
            )
          ) : (
            <>
              <BookList
                books={allBooks.data.results}
                label={t("books.author.allBooks", { count: data.books_count })}
                note={roleNote(allBooks.data.results)}
              />
              <PaginationNav
                page={page}
                hasNext={Boolean(allBooks.data.next)}
                hasPrevious={Boolean(allBooks.data.previous)}
                onPageChange={onPageChange}
              />
            </>
          )}
        </section>
      ) : null}
    </article>
  );
}

/** A series' page: its books in order, with their positions. */
export function SeriesView({ id }: { id: number }) {
  const { t } = useTranslation();
  const series = useSeries(id);
  useFollowMerge(id, series.data?.id, paths.series.detail.getHref);
  if (series.isPending) return <InlineSpinner />;
  if (series.isError)
    return <QueryFailure error={series.error} onRetry={() => void series.refetch()} notFound={t("books.series.notFound")} />;
  const { data } = series;
  return (
    <article className="flex flex-col gap-6">
      <header>
        <p className="text-sm font-medium text-gray-600 uppercase">{t("books.series.kicker")}</p>
        <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{data.name}</h1>
        {data.description ? <p className="mt-3 whitespace-pre-line text-gray-800">{data.description}</p> : null}
      </header>
      <BookList
        books={data.books.map((entry) => entry.book)}
        label={t("books.series.books", { count: data.books.length })}
        prefix={(index) => {
          const position = data.books[index]?.position;
          return position ? `#${Number(position)}` : null;
        }}
      />
    </article>
  );
}

/** Every subject with its number of books, each opening the books on it. */
export function SubjectsList({ page, onPageChange }: { page: number; onPageChange: (page: number) => void }) {
  const { t } = useTranslation();
  const subjects = useSubjects(page);
  if (subjects.isPending) return <InlineSpinner />;
  if (subjects.isError) return <LoadError onRetry={() => void subjects.refetch()} />;
  return (
    <div>
      {subjects.data.results.length === 0 ? (
        <p className="text-gray-700">{t("books.subjects.empty")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={t("books.subjects.title")}>
          {subjects.data.results.map((subject) => (
            <li key={subject.id}>
              <Link
                to={paths.books.list.getHref({ subject: subject.slug })}
                className="inline-flex items-center gap-2 rounded-full bg-indigo-50 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-100"
              >
                {subject.name}
                <span className="rounded-full bg-white px-2 text-xs text-indigo-700">{subject.books_count}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <PaginationNav
        page={page}
        hasNext={Boolean(subjects.data.next)}
        hasPrevious={Boolean(subjects.data.previous)}
        onPageChange={onPageChange}
      />
    </div>
  );
}
