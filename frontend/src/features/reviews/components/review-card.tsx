import { Badge, Button } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { StarRating } from "@/components/ui/star-rating";
import { paths } from "@/config/paths";
import { parseApiError } from "@/lib/api-errors";

import { useLikeReview } from "../api/like-review";
import type { Review, UserRef } from "../types";
import { CommentThread } from "./comment-thread";
import { ReportForm } from "./report-form";

/**
 * The review's text as the server rendered it. The server escapes plain text and sanitises the
 * Markdown subset (no raw HTML, no images, safe links), which is why it may be inserted as HTML.
 */
function ReviewBody({ review }: { review: Review }) {
  return (
    <div
      className="review-body flex flex-col gap-2 text-gray-800 [&_a]:text-blue-700 [&_a]:underline [&_blockquote]:border-s-4 [&_blockquote]:border-gray-300 [&_blockquote]:ps-3 [&_code]:rounded [&_code]:bg-gray-100 [&_code]:px-1 [&_ol]:list-decimal [&_ol]:ps-6 [&_ul]:list-disc [&_ul]:ps-6"
      data-testid="review-body"
      dangerouslySetInnerHTML={{ __html: review.body_html }}
    />
  );
}

interface ReviewCardProps {
  review: Review;
  bookId: number;
  viewer: UserRef | null;
  onEdit?: () => void;
  onDelete?: () => void;
  deleting?: boolean;
}

/** One review: who, rating, title, warnings, the text (behind a click when it spoils), likes, discussion. */
export function ReviewCard({ review, bookId, viewer, onEdit, onDelete, deleting = false }: ReviewCardProps) {
  const { t, i18n } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const [showComments, setShowComments] = useState(false);
  const [reporting, setReporting] = useState(false);
  const like = useLikeReview(bookId);
  const isMine = viewer !== null && review.user.id === viewer.id;
  const bodyId = `review-${review.id}-body`;
  const hidden = review.spoiler && !revealed && !isMine;

  return (
    <article className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4" aria-labelledby={`review-${review.id}-by`} data-testid="review">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link id={`review-${review.id}-by`} to={paths.profile.getHref(review.user.username)} className="font-semibold text-gray-900 hover:underline">
          @{review.user.username}
        </Link>
        {review.rating !== null ? <StarRating value={review.rating} /> : null}
        <time dateTime={review.created_at} className="text-sm text-gray-500">
          {new Date(review.created_at).toLocaleDateString(i18n.language, { dateStyle: "medium" })}
        </time>
        {isMine && review.audience !== "public" ? <Badge color="gray">{t(`privacy.audience.${review.audience}`)}</Badge> : null}
        {review.spoiler ? <Badge color="warning">{t("reviews.spoilerBadge")}</Badge> : null}
      </header>
      {review.title ? <h3 className="text-lg font-semibold break-words text-gray-900">{review.title}</h3> : null}
      {review.content_warnings.length > 0 ? (
        <p className="text-sm text-amber-800">
          <span className="font-medium">{t("reviews.contentWarnings")}: </span>
          {review.content_warnings.join(", ")}
        </p>
      ) : null}
      {hidden ? (
        <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>{t("reviews.spoilerHidden")}</p>
          <Button size="xs" color="light" className="mt-2" aria-expanded={false} aria-controls={bodyId} onClick={() => setRevealed(true)}>
            {t("reviews.showSpoiler")}
          </Button>
        </div>
      ) : (
        <div id={bodyId}>
          <ReviewBody review={review} />
        </div>
      )}
      <footer className="flex flex-wrap items-center gap-2 text-sm">
        <Button
          size="xs"
          color={review.liked ? "light" : "alternative"}
          aria-pressed={review.liked}
          disabled={!viewer || isMine || like.isPending}
          onClick={() => like.mutate({ reviewId: review.id, liked: !review.liked })}
        >
          {review.liked ? t("reviews.liked", { likes: review.likes_count }) : t("reviews.like", { likes: review.likes_count })}
        </Button>
        <Button size="xs" color="alternative" aria-expanded={showComments} onClick={() => setShowComments((value) => !value)}>
          {t("reviews.comments.toggle", { comments: review.comments_count })}
        </Button>
        {viewer && !isMine ? (
          <Button size="xs" color="alternative" aria-expanded={reporting} onClick={() => setReporting((value) => !value)}>
            {t("reviews.report.open")}
          </Button>
        ) : null}
        {isMine && onEdit ? (
          <Button size="xs" color="light" onClick={onEdit}>
            {t("reviews.edit")}
          </Button>
        ) : null}
        {isMine && onDelete ? (
          <Button size="xs" color="light" disabled={deleting} onClick={onDelete}>
            {t("reviews.delete")}
          </Button>
        ) : null}
      </footer>
      {like.isError ? <p className="text-sm text-red-700">{parseApiError(like.error).formErrors[0] ?? t("errors.generic")}</p> : null}
      {reporting ? <ReportForm target={{ kind: "review", id: review.id }} onClose={() => setReporting(false)} /> : null}
      {showComments ? <CommentThread reviewId={review.id} bookId={bookId} viewer={viewer} /> : null}
    </article>
  );
}
