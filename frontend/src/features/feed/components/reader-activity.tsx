import { useTranslation } from "react-i18next";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { apiErrorStatus } from "@/lib/api-errors";

import { useReaderActivity } from "../api/get-reader-activity";
import { ActivityList } from "./activity-list";

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

  return (
    <section aria-labelledby="reader-activity-heading" className="flex flex-col gap-4" data-testid="reader-activity">
      {heading}
      <ActivityList
        activity={activity}
        label={t("profileReading.activity.list", { username })}
        empty={
          <p className="rounded-lg border border-dashed border-gray-300 p-6 text-gray-700" data-testid="reader-activity-empty">
            {isSelf
              ? t("profileReading.activity.emptySelf")
              : restricted
                ? t("profileReading.activity.emptyRestricted", { username })
                : t("profileReading.activity.empty")}
          </p>
        }
        texts={{
          loadingMore: t("profileReading.activity.loadingMore"),
          loadMoreFailed: t("profileReading.activity.loadMoreFailed"),
          loadMore: t("profileReading.activity.loadMore"),
          end: t("profileReading.activity.end"),
        }}
      />
    </section>
  );
}
