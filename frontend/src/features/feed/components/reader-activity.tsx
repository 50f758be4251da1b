import { Button, Spinner } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { apiErrorStatus } from "@/lib/api-errors";

import { useReaderActivity } from "../api/get-reader-activity";
import { useInView } from "../hooks/use-in-view";
import { FeedItem } from "./feed-item";

interface ReaderActivityProps {
  username: string;
  isSelf: boolean;
  /** The viewer may not see the reader's whole profile: an empty list says so. */
  restricted: boolean;
}

/**
 * One reader's activity as the viewer may see it, drawn like the feed. Older activity loads as the
 * end comes into view, and with a button (for keyboards, and browsers without observers).
 */
export function ReaderActivity({ username, isSelf, restricted }: ReaderActivityProps) {
  const { t } = useTranslation();
  const activity = useReaderActivity(username);
  const pageCount = activity.data?.pages.length ?? 0;
  const canLoadMore = Boolean(activity.hasNextPage) && !activity.isFetchingNextPage && !activity.isFetchNextPageError;
  const sentinel = useInView<HTMLDivElement>(
    () => {
      if (canLoadMore) void activity.fetchNextPage();
    },
    { enabled: canLoadMore, resetKey: pageCount },
  );

  const heading = (
    <h2 id="reader-activity-heading" className="sr-only">
      {t("profileReading.activity.heading")}
    </h2>
  );

  if (activity.isPending) return <InlineSpinner />;
  // A failed next page keeps the pages already shown (with a retry below them).
  if (!activity.data) {
    const status = apiErrorStatus(activity.error);
    return (
      <section aria-labelledby="reader-activity-heading" className="flex flex-col gap-4" data-testid="reader-activity">
        {heading}
        {status === 403 || status === 404 ? (
          <p className="rounded-lg bg-gray-50 p-4 text-gray-700" data-testid="reader-activity-unavailable">
            {t("profileReading.unavailable")}
          </p>
        ) : (
          <LoadError onRetry={() => void activity.refetch()} />
        )}
      </section>
    );
  }
  const items = activity.data.pages.flatMap((page) => page.results);

  return (
    <section aria-labelledby="reader-activity-heading" className="flex flex-col gap-4" data-testid="reader-activity">
      {heading}
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 p-6 text-gray-700" data-testid="reader-activity-empty">
          {isSelf
            ? t("profileReading.activity.emptySelf")
            : restricted
              ? t("profileReading.activity.emptyRestricted", { username })
              : t("profileReading.activity.empty")}
        </p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("profileReading.activity.list", { username })}>
          {items.map((item) => (
            <li key={item.id}>
              <FeedItem item={item} />
            </li>
          ))}
        </ol>
      )}
      <div ref={sentinel} className="flex justify-center" aria-live="polite">
        {activity.isFetchingNextPage ? (
          <span role="status" className="flex items-center gap-2 text-sm text-gray-600">
            <Spinner size="sm" aria-hidden />
            {t("profileReading.activity.loadingMore")}
          </span>
        ) : activity.isFetchNextPageError ? (
          <LoadError message={t("profileReading.activity.loadMoreFailed")} onRetry={() => void activity.fetchNextPage()} />
        ) : activity.hasNextPage ? (
          <Button size="sm" color="light" onClick={() => void activity.fetchNextPage()}>
            {t("profileReading.activity.loadMore")}
          </Button>
        ) : items.length > 0 ? (
          <p className="text-sm text-gray-500">{t("profileReading.activity.end")}</p>
        ) : null}
      </div>
    </section>
  );
}
