import { Button, Label, Select } from "flowbite-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { FormAlert } from "@/components/form/form-alert";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { StarRatingInput } from "@/components/ui/star-rating-input";
import { paths } from "@/config/paths";
import { parseApiError } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useBookEntry } from "../api/get-book-entry";
import { useReadThroughs } from "../api/read-throughs";
import { useDeleteLibraryEntry, useSaveLibraryEntry } from "../api/save-library-entry";
import { READING_STATUSES, type LibraryEntry, type LibraryEntryPatch, type ReadingStatus } from "../types";
import { EntryDetailsForm } from "./entry-details-form";
import { ProgressForm } from "./progress-form";
import { ProgressHistory } from "./progress-history";
import { ReadingDates } from "./reading-dates";
import { ShelfPicker } from "./shelf-picker";

/** How long the rating waits for more key presses before it is saved. */
const RATING_SAVE_DELAY_MS = 500;

interface LibraryControlProps {
  bookId: number;
  isAuthenticated: boolean;
  /** The book's page count (of its first edition), for "page 120 of 480". */
  pageCount?: number | null;
  /** The entry was added, changed or removed: the book's figures and reviews may show it. */
  onChanged?: () => void;
}

/**
 * The book page's library control: status and rating right away (two clicks to shelve or rate),
 * then progress, reading dates, shelves and the entry's other details.
 */
export function LibraryControl({ bookId, isAuthenticated, pageCount, onChanged }: LibraryControlProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="library-control-heading" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="library-control">
      <h2 id="library-control-heading" className="mb-3 text-lg font-semibold text-gray-900">
        {t("library.control.heading")}
      </h2>
      {isAuthenticated ? (
        <SignedInControl bookId={bookId} pageCount={pageCount} onChanged={onChanged} />
      ) : (
        <p className="text-sm text-gray-700">
          <Link to={paths.auth.login.getHref(paths.books.detail.getHref(bookId))} className="font-medium text-blue-700 hover:underline">
            {t("library.control.logIn")}
          </Link>{" "}
          {t("library.control.logInLead")}
        </p>
      )}
    </section>
  );
}

function SignedInControl({ bookId, pageCount, onChanged }: Omit<LibraryControlProps, "isAuthenticated">) {
  const entry = useBookEntry(bookId);
  if (entry.isPending) return <InlineSpinner />;
  if (entry.isError) return <LoadError onRetry={() => void entry.refetch()} />;
  return <EntryControls bookId={bookId} entry={entry.data} pageCount={pageCount} onChanged={onChanged} />;
}

function Disclosure({ summary, children, testId }: { summary: string; children: ReactNode; testId?: string }) {
  return (
    <details className="group rounded border border-gray-200" data-testid={testId}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-gray-900 select-none hover:bg-gray-50">{summary}</summary>
      <div className="border-t border-gray-200 p-3">{children}</div>
    </details>
  );
}

interface EntryControlsProps {
  bookId: number;
  entry: LibraryEntry | null;
  pageCount?: number | null;
  onChanged?: () => void;
}

function EntryControls({ bookId, entry, pageCount, onChanged }: EntryControlsProps) {
  const { t } = useTranslation();
  const save = useSaveLibraryEntry();
  const remove = useDeleteLibraryEntry();
  const readThroughs = useReadThroughs(entry?.id ?? null);
  const [ratingDraft, setRatingDraft] = useState<number | null | undefined>(undefined);
  const ratingTimer = useRef<number | undefined>(undefined);
  // The rating waiting to be saved; leaving the page saves it at once rather than dropping it.
  const pendingRating = useRef<(() => void) | null>(null);
  const errors = save.error ? parseApiError(save.error) : null;

  useEffect(() => {
    const timer = ratingTimer;
    const pending = pendingRating;
    return () => {
      window.clearTimeout(timer.current);
      pending.current?.();
    };
  }, []);

  const saveChanges = (changes: LibraryEntryPatch, onSuccess?: () => void) =>
    save.mutate(
      { entryId: entry?.id ?? null, bookId, changes },
      {
        onSuccess: () => {
          onSuccess?.();
          onChanged?.();
        },
      },
    );
  const removeEntry = (entryId: number) => {
    if (window.confirm(t("library.control.removeConfirm"))) remove.mutate({ entryId, bookId }, { onSuccess: onChanged });
  };

  const onStatus = (value: string) => {
    if (!value) {
      if (entry) removeEntry(entry.id);
      return;
    }
    saveChanges({ status: value as ReadingStatus });
  };

  const onRating = (value: number | null) => {
    setRatingDraft(value);
    window.clearTimeout(ratingTimer.current);
    const commit = () => {
      pendingRating.current = null;
      // Rating a book that is not in the library yet shelves it as read.
      const changes: LibraryEntryPatch = entry ? { rating: value } : { rating: value, status: "read" };
      saveChanges(changes, () => setRatingDraft(undefined));
    };
    pendingRating.current = commit;
    ratingTimer.current = window.setTimeout(commit, RATING_SAVE_DELAY_MS);
  };

  const rating = ratingDraft !== undefined ? ratingDraft : (entry?.rating ?? null);
  const statusErrors = errors?.fieldErrors.status ?? [];
  const ratingErrors = errors?.fieldErrors.rating ?? [];
  const shelfErrors = errors?.fieldErrors.shelves ?? [];
  const current = readThroughs.data?.find((readThrough) => !readThrough.finished_on && !readThrough.stopped_on) ?? null;

  return (
    <div className="flex flex-col gap-4">
      <FormAlert messages={formLevelMessages(errors, ["status", "rating", "shelves"], t)} />
      {remove.isError ? <FormAlert messages={[parseApiError(remove.error).formErrors[0] ?? t("errors.generic")]} /> : null}
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div>
          <Label htmlFor="library-status" color={statusErrors.length ? "failure" : undefined}>
            {t("library.control.status")}
          </Label>
          <Select
            id="library-status"
            className="mt-1"
            value={entry?.status ?? ""}
            disabled={save.isPending || remove.isPending}
            color={statusErrors.length ? "failure" : "gray"}
            aria-invalid={statusErrors.length > 0 || undefined}
            aria-describedby={statusErrors.length ? "library-status-errors" : undefined}
            onChange={(event) => onStatus(event.target.value)}
          >
            <option value="">{entry ? t("library.control.remove") : t("library.control.notInLibrary")}</option>
            {READING_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`library.status.${status}`)}
              </option>
            ))}
          </Select>
          {statusErrors.length ? (
            <p id="library-status-errors" className="mt-1 text-sm text-red-700">
              {statusErrors.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <span className="mb-1 block text-sm font-medium text-gray-900">
            {t("library.control.rating")}
          </span>
          <StarRatingInput
            value={rating}
            onChange={onRating}
            label={t("library.control.rating")}
            aria-describedby={ratingErrors.length ? "library-rating-errors" : undefined}
          />
          {ratingErrors.length ? (
            <p id="library-rating-errors" className="mt-1 text-sm text-red-700">
              {ratingErrors.join(" ")}
            </p>
          ) : null}
        </div>
      </div>
      {save.isSuccess && ratingDraft === undefined ? (
        <p className="sr-only" role="status">
          {t("library.control.saved")}
        </p>
      ) : null}

      {entry ? (
        <>
          {entry.status === "reading" || entry.status === "paused" ? (
            <div>
              <h3 className="mb-2 text-sm font-semibold text-gray-900">{t("library.progress.heading")}</h3>
              {readThroughs.isPending ? (
                <InlineSpinner />
              ) : (
                <>
                  <ProgressForm key={current?.id ?? "none"} entryId={entry.id} readThrough={current} pageCount={pageCount} />
                  {current ? <ProgressHistory entryId={entry.id} readThroughId={current.id} /> : null}
                </>
              )}
            </div>
          ) : null}
          <Disclosure summary={t("library.dates.heading")} testId="reading-dates">
            {readThroughs.isPending ? (
              <InlineSpinner />
            ) : readThroughs.isError ? (
              <LoadError onRetry={() => void readThroughs.refetch()} />
            ) : (
              <ReadingDates entryId={entry.id} bookId={bookId} readThroughs={readThroughs.data} />
            )}
          </Disclosure>
          <Disclosure summary={t("library.shelves.heading", { count: entry.shelves.length })} testId="entry-shelves">
            <ShelfPicker
              value={entry.shelves}
              disabled={save.isPending}
              errors={shelfErrors}
              onChange={(shelves) => saveChanges({ shelves })}
            />
          </Disclosure>
          <Disclosure summary={t("library.details.heading")} testId="entry-details">
            <EntryDetailsForm key={entry.id} entry={entry} />
          </Disclosure>
          <Button
            size="xs"
            color="light"
            className="w-fit"
            disabled={remove.isPending}
            onClick={() => removeEntry(entry.id)}
          >
            {t("library.control.remove")}
          </Button>
        </>
      ) : null}
    </div>
  );
}
