import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";

import { useFeed } from "../api/get-feed";
import { ActivityList } from "./activity-list";

/**
 * The home page's feed: what the reader and the people they follow did, newest first. More loads
 * as the end comes into view (and with a button, for keyboards and browsers without observers).
 */
export function Feed() {
  const { t } = useTranslation();
  const feed = useFeed();

  if (feed.isPending) return <InlineSpinner />;
  // A failed next page keeps the pages already shown (with a retry below them).
  if (!feed.data) return <LoadError onRetry={() => void feed.refetch()} />;

  return (
    <section aria-labelledby="feed-heading" className="flex flex-col gap-4" data-testid="feed">
      <h2 id="feed-heading" className="text-xl font-semibold text-gray-900">
        {t("feed.heading")}
      </h2>
      <ActivityList
        activity={feed}
        label={t("feed.heading")}
        empty={
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
        }
        texts={{
          loadingMore: t("feed.loadingMore"),
          loadMoreFailed: t("feed.loadMoreFailed"),
          loadMore: t("feed.loadMore"),
          end: t("feed.end"),
        }}
      />
    </section>
  );
}
