import { Button, Label, TextInput } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { FormAlert } from "@/components/form/form-alert";
import { parseApiError, type ApiFormErrors } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useDeleteReadThrough, useSaveReadThrough } from "../api/read-throughs";
import type { ReadThrough } from "../types";
import { localToday } from "../utils/dates";

const DATE_FIELDS = ["started_on", "finished_on", "stopped_on"] as const;
type DateField = (typeof DATE_FIELDS)[number];
type DateValues = Record<DateField, string>;

/** The client's checks, mirroring the server's: finish and stop not before start, none in the future. */
function checkDates(values: DateValues): Partial<Record<DateField, string>> {
  const errors: Partial<Record<DateField, string>> = {};
  const today = localToday();
  for (const field of DATE_FIELDS) {
    if (values[field] && values[field] > today) errors[field] = "library.dates.inFuture";
  }
  if (values.started_on && values.finished_on && values.finished_on < values.started_on) {
    errors.finished_on ??= "library.dates.finishBeforeStart";
  }
  if (values.started_on && values.stopped_on && values.stopped_on < values.started_on) {
    errors.stopped_on ??= "library.dates.finishBeforeStart";
  }
  if (values.finished_on && values.stopped_on) errors.stopped_on ??= "library.dates.finishedOrStopped";
  return errors;
}

interface ReadThroughFormProps {
  entryId: number;
  bookId: number;
  /** null: a new reading (a re-read). */
  readThrough: ReadThrough | null;
  index: number;
  onDone?: () => void;
}

/** One reading's start, finish and stop dates, saved together; errors show beside each date. */
function ReadThroughForm({ entryId, bookId, readThrough, index, onDone }: ReadThroughFormProps) {
  const { t } = useTranslation();
  const save = useSaveReadThrough(entryId, bookId);
  const remove = useDeleteReadThrough(entryId, bookId);
  const [values, setValues] = useState<DateValues>({
    started_on: readThrough?.started_on ?? (readThrough ? "" : localToday()),
    finished_on: readThrough?.finished_on ?? "",
    stopped_on: readThrough?.stopped_on ?? "",
  });
  const [clientErrors, setClientErrors] = useState<Partial<Record<DateField, string>>>({});
  const [serverErrors, setServerErrors] = useState<ApiFormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  const prefix = `reading-${readThrough?.id ?? "new"}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const errors = checkDates(values);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setServerErrors(null);
    const body = {
      started_on: values.started_on || null,
      finished_on: values.finished_on || null,
      stopped_on: values.stopped_on || null,
    };
    save.mutate(
      { readThroughId: readThrough?.id ?? null, body },
      {
        onSuccess: () => {
          setSaved(true);
          onDone?.();
        },
        onError: (error) => setServerErrors(parseApiError(error)),
      },
    );
  };

  const errorsFor = (field: DateField) => [
    ...(clientErrors[field] ? [t(clientErrors[field] as "library.dates.inFuture")] : []),
    ...(serverErrors?.fieldErrors[field] ?? []),
  ];

  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-col gap-2 rounded border border-gray-200 p-3"
      aria-label={readThrough ? t("library.dates.reading", { number: index + 1 }) : t("library.dates.newReading")}
    >
      <FormAlert messages={formLevelMessages(serverErrors, DATE_FIELDS, t)} />
      <div className="grid gap-2 sm:grid-cols-3">
        {DATE_FIELDS.map((field) => {
          const errors = errorsFor(field);
          const id = `${prefix}-${field}`;
          return (
            <div key={field}>
              <Label htmlFor={id} color={errors.length ? "failure" : undefined}>
                {t(`library.dates.${field}`)}
              </Label>
              <TextInput
                id={id}
                type="date"
                sizing="sm"
                className="mt-1"
                max={localToday()}
                value={values[field]}
                color={errors.length ? "failure" : "gray"}
                aria-invalid={errors.length > 0 || undefined}
                aria-describedby={errors.length ? `${id}-errors` : undefined}
                onChange={(event) => {
                  setValues((previous) => ({ ...previous, [field]: event.target.value }));
                  setClientErrors((previous) => ({ ...previous, [field]: undefined }));
                }}
              />
              {errors.length ? (
                <p id={`${id}-errors`} className="mt-1 text-sm text-red-700">
                  {errors.join(" ")}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="xs" disabled={save.isPending}>
          {readThrough ? t("library.dates.save") : t("library.dates.add")}
        </Button>
        {readThrough ? (
          <Button
            type="button"
            size="xs"
            color="light"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t("library.dates.deleteConfirm"))) remove.mutate(readThrough.id);
            }}
          >
            {t("library.dates.delete")}
          </Button>
        ) : null}
        {saved ? (
          <span className="text-sm text-green-800" role="status">
            {t("library.dates.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}

interface ReadingDatesProps {
  entryId: number;
  bookId: number;
  readThroughs: ReadThrough[];
}

/** Every reading of the book (re-reads are kept), newest first, and a way to add one. */
export function ReadingDates({ entryId, bookId, readThroughs }: ReadingDatesProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      {readThroughs.length === 0 && !adding ? <p className="text-sm text-gray-600">{t("library.dates.none")}</p> : null}
      {readThroughs.map((readThrough, index) => (
        <ReadThroughForm
          key={readThrough.id}
          entryId={entryId}
          bookId={bookId}
          readThrough={readThrough}
          index={readThroughs.length - 1 - index}
        />
      ))}
      {adding ? (
        <ReadThroughForm entryId={entryId} bookId={bookId} readThrough={null} index={readThroughs.length} onDone={() => setAdding(false)} />
      ) : (
        <Button size="xs" color="light" className="w-fit" onClick={() => setAdding(true)}>
          {t("library.dates.addReading")}
        </Button>
      )}
    </div>
  );
}
