import { Button } from "flowbite-react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";

import { useBook } from "../api/get-book";
import type { BookDetail } from "../types";
import { BookCover } from "./book-cover";
import { EditionsTable } from "./editions-table";
import { RatingHistogram } from "./rating-histogram";

interface BookViewProps {
  id: number;
  /** Whether to offer "Edit" and "Add edition" (only signed-in readers may). */
  canEdit: boolean;
  /** Parts of the page other features draw (the library control, the reviews), composed by the app. */
  slots?: { library?: (book: BookDetail) => ReactNode; reviews?: (book: BookDetail) => ReactNode };
}

/** A book's page: cover, authors, series, subjects, description, editions, ratings. */
export function BookView({ id, canEdit, slots }: BookViewProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const book = useBook(id);

  // A merged book answers 301 to its survivor: show the survivor's address too.
  const survivorId = book.data?.id;
  useEffect(() => {
    if (survivorId !== undefined && survivorId !== id) void navigate(paths.books.detail.getHref(survivorId), { replace: true });
  }, [survivorId, id, navigate]);

  if (book.isPending) return <InlineSpinner />;
  if (book.isError) {
    return apiErrorStatus(book.error) === 404 ? (
      <LoadError message={t("books.detail.notFound")} />
    ) : (
      <LoadError onRetry={() => void book.refetch()} />
    );
  }
  return <BookDetails book={book.data} canEdit={canEdit} slots={slots} />;
}

export function BookDetails({ book, canEdit, slots }: Omit<BookViewProps, "id"> & { book: BookDetail }) {
  const { t } = useTranslation();
  return (
    <article className="flex flex-col gap-8">
      <header className="flex flex-col gap-6 sm:flex-row">
        <BookCover url={book.cover_url} title={book.title} className="h-60 w-40 self-center sm:self-start" />
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-bold break-words text-gray-900 sm:text-3xl">{book.title}</h1>
          {book.subtitle ? <p className="mt-1 text-lg text-gray-700">{book.subtitle}</p> : null}
          {book.authors.length > 0 ? (
            <p className="mt-3 text-gray-800">
              <span className="sr-only">{t("books.detail.authors")}: </span>
              {book.authors.map((author, index) => (
                <span key={`${author.id}-${author.role}`}>
                  {index > 0 ? ", " : null}
                  <Link to={paths.authors.detail.getHref(author.id)} className="font-medium text-blue-700 hover:underline">
                    {author.name}
                  </Link>
                  {author.role !== "author" ? (
                    <span className="text-gray-600"> ({t(`books.roles.${author.role}`)})</span>
                  ) : null}
                </span>
              ))}
            </p>
          ) : null}
          <dl className="mt-3 flex flex-col gap-1 text-sm text-gray-700">
            {book.first_published_year ? (
              <div>
                <dt className="inline font-medium">{t("books.detail.firstPublished")}: </dt>
                <dd className="inline">{book.first_published_year}</dd>
              </div>
            ) : null}
            {book.original_language ? (
              <div>
                <dt className="inline font-medium">{t("books.detail.language")}: </dt>
                <dd className="inline uppercase">{book.original_language}</dd>
              </div>
            ) : null}
            {book.series.map((series) => (
              <div key={series.id}>
                <dt className="inline font-medium">{t("books.detail.series")}: </dt>
                <dd className="inline">
                  <Link to={paths.series.detail.getHref(series.id)} className="text-blue-700 hover:underline">
                    {series.position
                      ? t("books.detail.seriesPosition", { name: series.name, position: Number(series.position) })
                      : series.name}
                  </Link>
                </dd>
              </div>
            ))}
            <div>
              <dt className="inline font-medium">{t("books.detail.readers")}: </dt>
              <dd className="inline">{book.readers_count}</dd>
            </div>
          </dl>
          {book.subjects.length > 0 ? (
            <ul className="mt-4 flex flex-wrap gap-2" aria-label={t("books.detail.subjects")}>
              {book.subjects.map((subject) => (
                <li key={subject.id}>
                  <Link
                    to={paths.books.list.getHref({ subject: subject.slug })}
                    className="inline-block rounded-full bg-indigo-50 px-3 py-1 text-sm font-medium text-indigo-800 hover:bg-indigo-100"
                  >
                    {subject.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-5 flex flex-wrap gap-2">
            {canEdit ? (
              <Button as={Link} to={paths.books.edit.getHref(book.id)} size="sm">
                {t("books.detail.edit")}
              </Button>
            ) : null}
            <Button as={Link} to={paths.books.history.getHref(book.id)} size="sm" color="light">
              {t("books.detail.history")}
            </Button>
          </div>
        </div>
      </header>
      {slots?.library?.(book)}

      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="description-heading" className="lg:col-span-2">
          <h2 id="description-heading" className="text-lg font-semibold text-gray-900">
            {t("books.detail.description")}
          </h2>
          {book.description ? (
            // Text, never HTML: line breaks are kept, nothing is interpreted.
            <p className="mt-2 whitespace-pre-line text-gray-800">{book.description}</p>
          ) : (
            <p className="mt-2 text-sm text-gray-600">{t("books.detail.noDescription")}</p>
          )}
        </section>
        <RatingHistogram histogram={book.rating_histogram} average={book.average_rating} count={book.ratings_count} />
      </div>

      <section aria-labelledby="editions-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="editions-heading" className="text-lg font-semibold text-gray-900">
            {t("books.detail.editionsCount", { count: book.editions.length })}
          </h2>
          {canEdit ? (
            <Button as={Link} to={paths.books.newEdition.getHref(book.id)} size="sm" color="light">
              {t("books.detail.addEdition")}
            </Button>
          ) : null}
        </div>
        <EditionsTable editions={book.editions} canEdit={canEdit} />
      </section>
      {slots?.reviews?.(book)}
    </article>
  );
}
