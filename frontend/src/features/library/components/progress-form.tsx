import { Button, Label, Select, TextInput } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { FormAlert } from "@/components/form/form-alert";
import { parseApiError, type ApiFormErrors } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useProgressUpdates } from "../api/get-progress-updates";
import { useRecordProgress } from "../api/record-progress";
import { createReadThrough } from "../api/read-throughs";
import { PROGRESS_UNITS, type ProgressUnit, type ProgressWrite, type ReadThrough } from "../types";
import { localToday } from "../utils/dates";
import { latestProgress, progressOfUpdate } from "../utils/progress";

interface ProgressFormProps {
  entryId: number;
  /** The reading in progress, if there is one (else one is started today). */
  readThrough: ReadThrough | null;
  /** The edition's page count, to say "page 120 of 480". */
  pageCount?: number | null;
}

/** How far into the book: a page, a percent, or minutes of an audiobook, with an optional note. */
export function ProgressForm({ entryId, readThrough, pageCount }: ProgressFormProps) {
  const { t } = useTranslation();
  const record = useRecordProgress(entryId);
  // The history (shared with the list below the form) knows which unit was given last.
  const history = useProgressUpdates(entryId, readThrough?.id ?? 0, { enabled: readThrough !== null });
  const newest = history.data?.pages[0]?.results[0];
  const latest = (newest ? progressOfUpdate(newest) : null) ?? latestProgress(readThrough);
  const [unit, setUnit] = useState<ProgressUnit>(latest?.unit ?? "page");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<ApiFormErrors | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const value = Number(amount);
    const valid = amount.trim() !== "" && Number.isFinite(value) && value >= 0 && (unit === "percent" ? value <= 100 : Number.isInteger(value));
    if (!valid) {
      setClientError(t(unit === "percent" ? "library.progress.percentInvalid" : "library.progress.numberInvalid"));
      return;
    }
    setClientError(null);
    setServerErrors(null);
    const body: ProgressWrite = { [unit]: value, ...(note.trim() ? { note: note.trim() } : {}) };
    try {
      const target = readThrough ?? (await createReadThrough(entryId, { started_on: localToday() }));
      await record.mutateAsync({ readThroughId: target.id, body });
      setAmount("");
      setNote("");
      setSaved(true);
    } catch (error) {
      setServerErrors(parseApiError(error));
    }
  };

  const amountErrors = [
    ...(clientError ? [clientError] : []),
    ...(serverErrors?.fieldErrors[unit] ?? []),
  ];
  const noteErrors = serverErrors?.fieldErrors.note ?? [];

  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-label={t("library.progress.label")} className="flex flex-col gap-2">
      {latest ? (
        <p className="text-sm text-gray-700" data-testid="current-progress">
          {latest.unit === "page" && pageCount
            ? t("library.progress.pageOf", { page: latest.value, pages: pageCount })
            : t(`library.progress.current.${latest.unit}`, { value: latest.value })}
        </p>
      ) : null}
      <FormAlert messages={formLevelMessages(serverErrors, [...PROGRESS_UNITS, "note"], t)} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-28">
          <Label htmlFor="progress-amount" color={amountErrors.length ? "failure" : undefined}>
            {t("library.progress.amount")}
          </Label>
          <TextInput
            id="progress-amount"
            sizing="sm"
            className="mt-1"
            inputMode="decimal"
            value={amount}
            color={amountErrors.length ? "failure" : "gray"}
            aria-invalid={amountErrors.length > 0 || undefined}
            aria-describedby={amountErrors.length ? "progress-amount-errors" : undefined}
            onChange={(event) => {
              setAmount(event.target.value);
              setClientError(null);
            }}
          />
        </div>
        <div>
          <Label htmlFor="progress-unit">{t("library.progress.unit")}</Label>
          <Select id="progress-unit" sizing="sm" className="mt-1 min-w-40" value={unit} onChange={(event) => setUnit(event.target.value as ProgressUnit)}>
            {PROGRESS_UNITS.map((option) => (
              <option key={option} value={option}>
                {t(`library.progress.units.${option}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-40 flex-1">
          <Label htmlFor="progress-note" color={noteErrors.length ? "failure" : undefined}>
            {t("library.progress.note")}
          </Label>
          <TextInput
            id="progress-note"
            sizing="sm"
            className="mt-1"
            maxLength={500}
            value={note}
            color={noteErrors.length ? "failure" : "gray"}
            aria-invalid={noteErrors.length > 0 || undefined}
            aria-describedby={noteErrors.length ? "progress-note-errors" : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        <Button type="submit" size="sm" disabled={record.isPending}>
          {t("library.progress.save")}
        </Button>
      </div>
      {amountErrors.length ? (
        <p id="progress-amount-errors" className="text-sm text-red-700">
          {amountErrors.join(" ")}
        </p>
      ) : null}
      {noteErrors.length ? (
        <p id="progress-note-errors" className="text-sm text-red-700">
          {noteErrors.join(" ")}
        </p>
      ) : null}
      {saved ? (
        <p className="text-sm text-green-800" role="status">
          {t("library.progress.saved")}
        </p>
      ) : null}
    </form>
  );
}
