import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { StarRating } from "@/components/ui/star-rating";
import { paths } from "@/config/paths";

import type { FeedBook, FeedItem as FeedItemData } from "../types";
import { relativeTime } from "../utils/relative-time";

function BookLink({ book }: { book: FeedBook }) {
  return (
    <Link to={paths.books.detail.getHref(book.id)} className="font-medium text-gray-900 hover:underline">
      {book.title}
    </Link>
  );
}

function Cover({ book, className = "h-20 w-14" }: { book: FeedBook; className?: string }) {
  return (
    <Link to={paths.books.detail.getHref(book.id)} className="shrink-0" tabIndex={-1} aria-hidden="true">
      <img src={book.cover_url} alt="" loading="lazy" className={`rounded border border-gray-200 bg-gray-100 object-cover shadow-sm ${className}`} />
    </Link>
  );
}

/** What happened, as a sentence: the actor, what they did, and the book or reader it was about. */
function Sentence({ item }: { item: FeedItemData }) {
  const { t } = useTranslation();
  const actor = (
    <Link to={paths.profile.getHref(item.actor.username)} className="font-semibold text-gray-900 hover:underline">
      @{item.actor.username}
    </Link>
  );
  const book = item.book ? <BookLink book={item.book} /> : null;
  let rest: ReactNode;
  switch (item.verb) {
    case "shelved": {
      const count = Math.max(item.books_count, item.books.length, item.book ? 1 : 0);
      const single = count === 1 ? (item.books[0] ?? item.book) : null;
      const where = item.shelf
        ? t("feed.onShelf", { shelf: item.shelf.name })
        : item.status === "want_to_read" || !item.status
          ? t("feed.toRead")
          : t("feed.asStatus", { status: t(`library.status.${item.status as "read"}`) });
      rest = single ? (
        <>
          {t("feed.verbs.shelvedOne")} <BookLink book={single} /> {where}
        </>
      ) : (
        <>
          {t("feed.verbs.shelvedMany", { count })} {where}
        </>
      );
      break;
    }
    case "followed":
      rest = (
        <>
          {t("feed.verbs.followed")}{" "}
          {item.target_user ? (
            <Link to={paths.profile.getHref(item.target_user.username)} className="font-semibold text-gray-900 hover:underline">
              @{item.target_user.username}
            </Link>
          ) : null}
        </>
      );
      break;
    case "progress": {
      const progress = item.progress;
      const amount =
        progress?.page != null
          ? t("feed.progress.page", { page: progress.page })
          : progress?.percent != null
            ? t("feed.progress.percent", { percent: progress.percent })
            : progress?.minutes != null
              ? t("feed.progress.minutes", { minutes: progress.minutes })
              : "";
      rest = (
        <>
          {t("feed.verbs.progress", { amount })} {book}
        </>
      );
      break;
    }
    default:
      rest = (
        <>
          {t(`feed.verbs.${item.verb}`)} {book}
        </>
      );
  }
  return (
    <p className="text-gray-800">
      {actor} {rest}
    </p>
  );
}

function ReviewExcerpt({ item }: { item: FeedItemData }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const review = item.review;
  if (!review) return null;
  return (
    <blockquote className="rounded border-s-4 border-gray-300 bg-gray-50 p-3 text-sm text-gray-800">
      {review.title ? <p className="font-semibold">{review.title}</p> : null}
      {review.spoiler && !revealed ? (
        <p>
          {t("feed.spoiler")}{" "}
          <button type="button" className="font-medium text-blue-700 underline" onClick={() => setRevealed(true)}>
            {t("feed.showSpoiler")}
          </button>
        </p>
      ) : (
        <p className="whitespace-pre-line" data-testid="feed-review-excerpt">
          {review.excerpt}
        </p>
      )}
      {item.book ? (
        <Link to={paths.books.detail.getHref(item.book.id)} className="mt-1 inline-block text-blue-700 hover:underline">
          {t("feed.readReview")}
        </Link>
      ) : null}
    </blockquote>
  );
}

/** One activity of the feed; a grouped one shows up to four covers and how many more there are. */
export function FeedItem({ item }: { item: FeedItemData }) {
  const { t, i18n } = useTranslation();
  const grouped = item.books.length > 1 || item.books_count > 1;
  const covers = grouped ? item.books.slice(0, 4) : item.book ? [item.book] : item.books.slice(0, 1);
  const more = grouped ? item.books_count - covers.length : 0;
  return (
    <article className="flex gap-3 rounded-lg border border-gray-200 bg-white p-4" data-testid="feed-item" data-verb={item.verb}>
      {!grouped && covers[0] ? <Cover book={covers[0]} /> : null}
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <Sentence item={item} />
        {item.rating !== null && item.rating !== undefined ? <StarRating value={item.rating} /> : null}
        {item.verb === "reviewed" ? <ReviewExcerpt item={item} /> : null}
        {grouped ? (
          <ul className="flex flex-wrap items-end gap-2" aria-label={t("feed.groupedBooks")}>
            {covers.map((book) => (
              <li key={book.id} className="flex w-16 flex-col gap-1">
                <Cover book={book} className="h-24 w-16" />
                <Link to={paths.books.detail.getHref(book.id)} className="line-clamp-2 text-xs text-gray-700 hover:underline">
                  {book.title}
                </Link>
              </li>
            ))}
            {more > 0 ? <li className="text-sm text-gray-600">{t("feed.andMore", { count: more })}</li> : null}
          </ul>
        ) : null}
        <time dateTime={item.created_at} className="text-xs text-gray-500" title={new Date(item.created_at).toLocaleString(i18n.language)}>
          {relativeTime(item.created_at, i18n.language)}
        </time>
      </div>
    </article>
  );
}
