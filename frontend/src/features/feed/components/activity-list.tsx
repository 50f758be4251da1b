import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { Button, Spinner } from "flowbite-react";
import type { ReactNode } from "react";

import { LoadError } from "@/components/ui/query-status";

import { useInView } from "../hooks/use-in-view";
import type { FeedPage } from "../types";
import { FeedItem } from "./feed-item";

/** What the list says about loading more; each list words it its own way. */
export interface ActivityListTexts {
  loadingMore: string;
  loadMoreFailed: string;
  loadMore: string;
  end: string;
}

interface ActivityListProps {
  /** The activity's pages, once the first one is in. */
  activity: UseInfiniteQueryResult<InfiniteData<FeedPage>>;
  /** The list's accessible name. */
  label: string;
  /** Shown instead of the list when there is nothing in it. */
  empty: ReactNode;
  texts: ActivityListTexts;
}

/**
 * Activity items newest first, drawn like the feed. More loads as the end comes into view, and with
 * a button (for keyboards, and browsers without observers); a failed page keeps the ones shown.
 */
export function ActivityList({ activity, label, empty, texts }: ActivityListProps) {
  const pages = activity.data?.pages ?? [];
  const canLoadMore = Boolean(activity.hasNextPage) && !activity.isFetchingNextPage && !activity.isFetchNextPageError;
  const sentinel = useInView<HTMLDivElement>(
    () => {
      if (canLoadMore) void activity.fetchNextPage();
    },
    { enabled: canLoadMore, resetKey: pages.length },
  );
  const items = pages.flatMap((page) => page.results);

  return (
    <>
      {items.length === 0 ? (
        empty
      ) : (
        <ol className="flex flex-col gap-3" aria-label={label}>
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
            {texts.loadingMore}
          </span>
        ) : activity.isFetchNextPageError ? (
          <LoadError message={texts.loadMoreFailed} onRetry={() => void activity.fetchNextPage()} />
        ) : activity.hasNextPage ? (
          <Button size="sm" color="light" onClick={() => void activity.fetchNextPage()}>
            {texts.loadMore}
          </Button>
        ) : items.length > 0 ? (
          <p className="text-sm text-gray-500">{texts.end}</p>
        ) : null}
      </div>
    </>
  );
}
