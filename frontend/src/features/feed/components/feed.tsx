import { Button, Spinner } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";

import { useFeed } from "../api/get-feed";
import { useInView } from "../hooks/use-in-view";
import { FeedItem } from "./feed-item";

/**
 * The home page's feed: what the reader and the people they follow did, newest first. More loads
 * as the end comes into view (and with a button, for keyboards and browsers without observers).
 */
export function Feed() {
  const { t } = useTranslation();
  const feed = useFeed();
  const pageCount = feed.data?.pages.length ?? 0;
  const canLoadMore = Boolean(feed.hasNextPage) && !feed.isFetchingNextPage && !feed.isFetchNextPageError;
  const sentinel = useInView<HTMLDivElement>(
    () => {
      if (canLoadMore) void feed.fetchNextPage();
    },
    { enabled: canLoadMore, resetKey: pageCount },
  );

  if (feed.isPending) return <InlineSpinner />;
  // A failed next page keeps the pages already shown (with a retry below them).
  if (!feed.data) return <LoadError onRetry={() => void feed.refetch()} />;
  const items = feed.data.pages.flatMap((page) => page.results);

  return (
    <section aria-labelledby="feed-heading" className="flex flex-col gap-4" data-testid="feed">
      <h2 id="feed-heading" className="text-xl font-semibold text-gray-900">
        {t("feed.heading")}
      </h2>
      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 p-6 text-gray-700">
          <p>{t("feed.empty")}</p>
          <p className="mt-2 flex flex-wrap gap-4">
            <Link to={paths.people.getHref()} className="font-medium text-blue-700 hover:underline">
              {t("feed.findPeople")}
            </Link>
            <Link to={paths.library.getHref()} className="font-medium text-blue-700 hover:underline">
              {t("feed.openLibrary")}
            </Link>
          </p>
        </div>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("feed.heading")}>
          {items.map((item) => (
            <li key={item.id}>
              <FeedItem item={item} />
            </li>
          ))}
        </ol>
      )}
      <div ref={sentinel} className="flex justify-center" aria-live="polite">
        {feed.isFetchingNextPage ? (
          <span role="status" className="flex items-center gap-2 text-sm text-gray-600">
            <Spinner size="sm" aria-hidden />
            {t("feed.loadingMore")}
          </span>
        ) : feed.isFetchNextPageError ? (
          <LoadError message={t("feed.loadMoreFailed")} onRetry={() => void feed.fetchNextPage()} />
        ) : feed.hasNextPage ? (
          <Button size="sm" color="light" onClick={() => void feed.fetchNextPage()}>
            {t("feed.loadMore")}
          </Button>
        ) : items.length > 0 ? (
          <p className="text-sm text-gray-500">{t("feed.end")}</p>
        ) : null}
      </div>
    </section>
  );
}
