import { Button, ButtonGroup } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { parseApiError } from "@/lib/api-errors";

import { useBookReviews } from "../api/get-book-reviews";
import { useReview } from "../api/get-review";
import { useDeleteReview } from "../api/save-review";
import { REVIEW_ORDERINGS, type Review, type ReviewOrdering, type UserRef } from "../types";
import { ReviewCard } from "./review-card";
import { ReviewEditor } from "./review-editor";

interface BookReviewsProps {
  bookId: number;
  /** The signed-in reader, or null. */
  viewer: UserRef | null;
  /** The reader's library rating of the book (the review's starting rating). */
  viewerRating?: number | null;
  /** A review was written, changed or deleted: the reader's rating, the book's figures and the feed may show it. */
  onChanged?: () => void;
}

type Editing = { mode: "closed" } | { mode: "new" } | { mode: "edit"; reviewId: number };

/** The book page's reviews: newest or most liked first, the reader's own review to write or edit. */
export function BookReviews({ bookId, viewer, viewerRating = null, onChanged }: BookReviewsProps) {
  const { t } = useTranslation();
  const [ordering, setOrdering] = useState<ReviewOrdering>("newest");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>({ mode: "closed" });
  const [notice, setNotice] = useState<string | null>(null);
  const reviews = useBookReviews(bookId, ordering, page);
  const editedReview = useReview(editing.mode === "edit" ? editing.reviewId : null);
  const remove = useDeleteReview(bookId);
  const mine = reviews.data?.results.find((review) => viewer !== null && review.user.id === viewer.id);

  const onSaved = () => {
    setEditing({ mode: "closed" });
    setNotice(t("reviews.editor.saved"));
    onChanged?.();
  };

  const onDelete = (review: Review) => {
    if (!window.confirm(t("reviews.deleteConfirm"))) return;
    remove.mutate(review.id, {
      onSuccess: () => {
        setNotice(t("reviews.deleted"));
        onChanged?.();
      },
    });
  };

  return (
    <section aria-labelledby="reviews-heading" className="flex flex-col gap-4" data-testid="book-reviews">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="reviews-heading" className="text-lg font-semibold text-gray-900">
          {reviews.data ? t("reviews.headingCount", { count: reviews.data.count }) : t("reviews.heading")}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <ButtonGroup aria-label={t("reviews.orderingLabel")}>
            {REVIEW_ORDERINGS.map((option) => (
              <Button
                key={option}
                size="xs"
                color={ordering === option ? undefined : "light"}
                aria-pressed={ordering === option}
                onClick={() => {
                  setOrdering(option);
                  setPage(1);
                }}
              >
                {t(`reviews.orderings.${option}`)}
              </Button>
            ))}
          </ButtonGroup>
          {viewer && editing.mode === "closed" ? (
            <Button
              size="xs"
              onClick={() => {
                setNotice(null);
                setEditing(mine ? { mode: "edit", reviewId: mine.id } : { mode: "new" });
              }}
            >
              {mine ? t("reviews.editMine") : t("reviews.write")}
            </Button>
          ) : null}
        </div>
      </div>
      {!viewer ? (
        <p className="text-sm text-gray-600">
          <Link to={paths.auth.login.getHref(paths.books.detail.getHref(bookId))} className="font-medium text-blue-700 hover:underline">
            {t("reviews.logIn")}
          </Link>{" "}
          {t("reviews.logInLead")}
        </p>
      ) : null}
      {notice ? (
        <p className="rounded bg-green-50 p-2 text-sm text-green-800" role="status">
          {notice}
        </p>
      ) : null}
      {remove.isError ? <LoadError message={parseApiError(remove.error).formErrors[0] ?? t("errors.generic")} /> : null}

      {editing.mode === "new" ? (
        <ReviewEditor
          bookId={bookId}
          review={null}
          rating={viewerRating}
          onSaved={onSaved}
          onCancel={() => setEditing({ mode: "closed" })}
          onExisting={(reviewId) => {
            setNotice(t("reviews.editor.alreadyReviewed"));
            setEditing({ mode: "edit", reviewId });
          }}
        />
      ) : editing.mode === "edit" ? (
        editedReview.isPending ? (
          <InlineSpinner />
        ) : editedReview.isError ? (
          <LoadError onRetry={() => void editedReview.refetch()} />
        ) : (
          <ReviewEditor
            key={editedReview.data.id}
            bookId={bookId}
            review={editedReview.data}
            rating={viewerRating}
            onSaved={onSaved}
            onCancel={() => setEditing({ mode: "closed" })}
            onExisting={() => undefined}
          />
        )
      ) : null}

      {reviews.isPending ? (
        <InlineSpinner />
      ) : reviews.isError ? (
        <LoadError onRetry={() => void reviews.refetch()} />
      ) : reviews.data.results.length === 0 ? (
        <p className="text-sm text-gray-600">{t("reviews.none")}</p>
      ) : (
        <div className={`flex flex-col gap-4 ${reviews.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={reviews.isFetching}>
          {reviews.data.results.map((review) => (
            <ReviewCard
              key={review.id}
              review={review}
              bookId={bookId}
              viewer={viewer}
              onEdit={() => {
                setNotice(null);
                setEditing({ mode: "edit", reviewId: review.id });
              }}
              onDelete={() => onDelete(review)}
              deleting={remove.isPending}
            />
          ))}
          <PaginationNav page={page} hasNext={Boolean(reviews.data.next)} hasPrevious={Boolean(reviews.data.previous)} onPageChange={setPage} />
        </div>
      )}
    </section>
  );
}
