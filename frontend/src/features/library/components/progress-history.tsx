import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";

import { useProgressUpdates } from "../api/get-progress-updates";
import type { ProgressUpdate } from "../types";

interface ProgressHistoryProps {
  entryId: number;
  readThroughId: number;
}

/** "Page 120 · 45% · 30 minutes": everything one update gave (at least one of the three). */
function ProgressAmounts({ update }: { update: ProgressUpdate }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => value.toLocaleString(i18n.language);
  const parts = [
    update.page != null ? t("library.progress.history.page", { value: number(update.page) }) : null,
    update.percent != null ? t("library.progress.history.percent", { value: number(Number(update.percent)) }) : null,
    update.minutes != null ? t("library.progress.history.minutes", { value: number(update.minutes) }) : null,
  ].filter((part) => part !== null);
  return <span className="font-medium text-gray-900">{parts.join(" · ")}</span>;
}

/** The progress updates of one reading, newest first, a few at a time. */
export function ProgressHistory({ entryId, readThroughId }: ProgressHistoryProps) {
  const { t, i18n } = useTranslation();
  const history = useProgressUpdates(entryId, readThroughId);

  if (history.isPending) return <InlineSpinner />;
  if (history.isError && !history.data) return <LoadError onRetry={() => void history.refetch()} />;
  const updates = history.data?.pages.flatMap((page) => page.results) ?? [];
  if (updates.length === 0) return null;

  return (
    <section aria-labelledby="progress-history-heading" className="mt-3 flex flex-col gap-2">
      <h4 id="progress-history-heading" className="text-sm font-semibold text-gray-900">
        {t("library.progress.history.heading")}
      </h4>
      <ol className="flex flex-col divide-y divide-gray-100 rounded border border-gray-200" data-testid="progress-history">
        {updates.map((update) => (
          <li key={update.id} className="flex flex-col gap-0.5 px-3 py-2 text-sm sm:flex-row sm:items-baseline sm:gap-3" data-testid="progress-update">
            <time dateTime={update.created_at} className="shrink-0 text-xs text-gray-600 sm:w-40">
              {new Date(update.created_at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" })}
            </time>
            <span className="min-w-0 break-words">
              <ProgressAmounts update={update} />
              {update.note ? <span className="text-gray-700"> — {update.note}</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {history.isFetchNextPageError ? <LoadError message={t("library.progress.history.moreFailed")} /> : null}
      {history.hasNextPage ? (
        <Button
          size="xs"
          color="light"
          className="w-fit"
          disabled={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
        >
          {history.isFetchingNextPage ? t("library.progress.history.loadingMore") : t("library.progress.history.more")}
        </Button>
      ) : null}
    </section>
  );
}
