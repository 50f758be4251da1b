import { Alert, Button, Label, Select, TextInput } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { parseApiError } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useBulkUpdateLibrary } from "../api/bulk-update-library";
import { useShelves } from "../api/shelves";
import { AUDIENCES, BULK_ACTIONS, LIBRARY_FORMATS, READING_STATUSES, type BulkAction, type BulkRequest } from "../types";

interface BulkActionsBarProps {
  selected: number[];
  /** The action went through (the selection is the caller's to clear). */
  onDone: (count: number) => void;
  onClear: () => void;
}

/** The value a bulk action needs, as the API takes it; undefined when none is chosen yet. */
function valueFor(action: BulkAction, raw: string): BulkRequest["value"] | undefined {
  switch (action) {
    case "delete":
      return null;
    case "set_owned":
    case "set_wishlist":
      return raw === "true" ? true : raw === "false" ? false : undefined;
    case "add_to_shelf":
    case "remove_from_shelf":
      return raw ? Number(raw) : undefined;
    default:
      return raw.trim() || undefined;
  }
}

/** One action on every selected entry: status, format, owned, wishlist, audience, shelves, tags or delete. */
export function BulkActionsBar({ selected, onDone, onClear }: BulkActionsBarProps) {
  const { t } = useTranslation();
  const bulk = useBulkUpdateLibrary();
  const shelves = useShelves();
  const [action, setAction] = useState<BulkAction>("set_status");
  const [raw, setRaw] = useState("");
  const [missingValue, setMissingValue] = useState(false);
  const errors = bulk.error ? parseApiError(bulk.error) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = valueFor(action, raw);
    if (value === undefined) {
      setMissingValue(true);
      return;
    }
    if (action === "delete" && !window.confirm(t("library.bulk.deleteConfirm", { count: selected.length }))) return;
    setMissingValue(false);
    const body: BulkRequest = action === "delete" ? { entries: selected, action } : { entries: selected, action, value };
    bulk.mutate(body, {
      onSuccess: () => onDone(selected.length),
    });
  };

  const choices = (): { value: string; label: string }[] => {
    switch (action) {
      case "set_status":
        return READING_STATUSES.map((status) => ({ value: status, label: t(`library.status.${status}`) }));
      case "set_format":
        return LIBRARY_FORMATS.map((format) => ({ value: format, label: t(`library.format.${format}`) }));
      case "set_owned":
      case "set_wishlist":
        return [
          { value: "true", label: t("library.filters.yes") },
          { value: "false", label: t("library.filters.no") },
        ];
      case "set_audience":
        return AUDIENCES.map((audience) => ({ value: audience, label: t(`privacy.audience.${audience}`) }));
      case "add_to_shelf":
      case "remove_from_shelf":
        return (shelves.data ?? []).map((shelf) => ({ value: String(shelf.id), label: shelf.name }));
      default:
        return [];
    }
  };

  const valueErrors = [
    ...(missingValue ? [t("library.bulk.chooseValue")] : []),
    ...(errors?.fieldErrors.value ?? []),
  ];
  const entryErrors = errors?.fieldErrors.entries ?? [];
  const formMessages = formLevelMessages(errors, ["value", "entries", "action"], t);
  const isTag = action === "add_tag" || action === "remove_tag";

  return (
    <form
      onSubmit={onSubmit}
      aria-label={t("library.bulk.label")}
      className="sticky top-0 z-10 flex flex-col gap-3 rounded-lg border border-blue-200 bg-blue-50 p-3 shadow-sm"
      data-testid="bulk-actions"
    >
      <div className="flex flex-wrap items-end gap-3">
        <p className="font-medium text-blue-900" aria-live="polite">
          {t("library.bulk.selected", { count: selected.length })}
        </p>
        <div>
          <Label htmlFor="bulk-action">{t("library.bulk.action")}</Label>
          <Select
            id="bulk-action"
            sizing="sm"
            className="mt-1"
            value={action}
            color={errors?.fieldErrors.action ? "failure" : "gray"}
            onChange={(event) => {
              setAction(event.target.value as BulkAction);
              setRaw("");
              setMissingValue(false);
              bulk.reset();
            }}
          >
            {BULK_ACTIONS.map((option) => (
              <option key={option} value={option}>
                {t(`library.bulk.actions.${option}`)}
              </option>
            ))}
          </Select>
        </div>
        {action === "delete" ? null : (
          <div>
            <Label htmlFor="bulk-value" color={valueErrors.length ? "failure" : undefined}>
              {t("library.bulk.value")}
            </Label>
            {isTag ? (
              <TextInput
                id="bulk-value"
                sizing="sm"
                className="mt-1"
                maxLength={50}
                value={raw}
                color={valueErrors.length ? "failure" : "gray"}
                aria-invalid={valueErrors.length > 0 || undefined}
                aria-describedby={valueErrors.length ? "bulk-value-errors" : undefined}
                onChange={(event) => setRaw(event.target.value)}
              />
            ) : (
              <Select
                id="bulk-value"
                sizing="sm"
                className="mt-1"
                value={raw}
                color={valueErrors.length ? "failure" : "gray"}
                aria-invalid={valueErrors.length > 0 || undefined}
                aria-describedby={valueErrors.length ? "bulk-value-errors" : undefined}
                onChange={(event) => setRaw(event.target.value)}
              >
                <option value="">{t("library.bulk.choose")}</option>
                {choices().map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </Select>
            )}
          </div>
        )}
        <Button type="submit" size="sm" color={action === "delete" ? "red" : undefined} disabled={bulk.isPending}>
          {t("library.bulk.apply")}
        </Button>
        <Button type="button" size="sm" color="light" onClick={onClear}>
          {t("library.bulk.clear")}
        </Button>
      </div>
      {valueErrors.length ? (
        <p id="bulk-value-errors" className="text-sm text-red-700">
          {valueErrors.join(" ")}
        </p>
      ) : null}
      {entryErrors.length || formMessages.length ? (
        <Alert color="failure" role="alert">
          {[...entryErrors, ...formMessages].join(" ")}
        </Alert>
      ) : null}
    </form>
  );
}
