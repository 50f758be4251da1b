import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button } from "flowbite-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";
import { usePageParam } from "@/lib/use-page-param";

import { readerReviewsKeys, useReaderReviews } from "../api/get-reader-reviews";
import type { UserRef } from "../types";
import { ReviewCard } from "./review-card";

interface ReaderReviewsProps {
  username: string;
  /** The signed-in reader, or null. */
  viewer: UserRef | null;
  isSelf: boolean;
  /** The viewer may not see the reader's whole profile: an empty list says so. */
  restricted: boolean;
}

/**
 * A reader's reviews as the viewer may see them, newest first, a page at a time (the page is in the
 * URL). Each review is drawn as on a book's page (spoilers behind a click), under the book it is about.
 */
export function ReaderReviews({ username, viewer, isSelf, restricted }: ReaderReviewsProps) {
  const { t } = useTranslation();
  const [page, setPage] = usePageParam();
  const reviews = useReaderReviews(username, page);
  const queryClient = useQueryClient();

  // A like or a comment on a card here is written by the book page's mutations: reload this list after any.
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === "updated" && event.action.type === "success") {
          void queryClient.invalidateQueries({ queryKey: readerReviewsKeys.all });
        }
      }),
    [queryClient],
  );

  const errorStatus = reviews.isError ? apiErrorStatus(reviews.error) : undefined;
  const pageGone = errorStatus === 404 && page > 1;

  return (
    <section aria-labelledby="reader-reviews-heading" className="flex flex-col gap-4" data-testid="reader-reviews">
      <h2 id="reader-reviews-heading" className="sr-only">
        {t("profileReading.reviews.heading")}
      </h2>
      {reviews.isPending ? (
        <InlineSpinner />
      ) : pageGone ? (
        <Alert color="warning" role="status">
          <span>{t("profileReading.pageGone")}</span>
          <Button size="xs" color="light" className="mt-2" onClick={() => setPage(1)}>
            {t("profileReading.firstPage")}
          </Button>
        </Alert>
      ) : errorStatus === 403 || errorStatus === 404 ? (
        <p className="rounded-lg bg-gray-50 p-4 text-gray-700" data-testid="reader-reviews-unavailable">
          {t("profileReading.unavailable")}
        </p>
      ) : reviews.isError ? (
        <LoadError onRetry={() => void reviews.refetch()} />
      ) : reviews.data.results.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 p-6 text-gray-700" data-testid="reader-reviews-empty">
          {isSelf
            ? t("profileReading.reviews.emptySelf")
            : restricted
              ? t("profileReading.reviews.emptyRestricted", { username })
              : t("profileReading.reviews.empty")}
        </p>
      ) : (
        <>
          <ul className={`flex flex-col gap-6 ${reviews.isPlaceholderData ? "opacity-60" : ""}`} aria-label={t("profileReading.reviews.list", { username })}>
            {reviews.data.results.map((review) => (
              <li key={review.id} className="flex flex-col gap-2">
                <Link
                  to={paths.books.detail.getHref(review.book.id)}
                  className="flex items-center gap-3 font-semibold break-words text-gray-900 hover:underline"
                  aria-label={t("profileReading.reviews.ofBook", { title: review.book.title })}
                >
                  <img src={review.book.cover_url} alt="" loading="lazy" className="h-14 w-10 shrink-0 rounded border border-gray-200 bg-gray-100 object-cover" />
                  <span className="min-w-0">{review.book.title}</span>
                </Link>
                <ReviewCard review={review} bookId={review.book.id} viewer={viewer} />
              </li>
            ))}
          </ul>
          <PaginationNav page={page} hasNext={Boolean(reviews.data.next)} hasPrevious={Boolean(reviews.data.previous)} onPageChange={setPage} />
        </>
      )}
    </section>
  );
}
