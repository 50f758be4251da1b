import { Label, Select, Textarea } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { parseApiError } from "@/lib/api-errors";

import { useReportContent, type ReportTarget } from "../api/report-content";
import { REPORT_REASONS, type ReportReason } from "../types";
import { FormFooter } from "./form-footer";

interface ReportFormProps {
  target: ReportTarget;
  onClose: () => void;
}

/** Tell staff about a review or a comment: a reason and, if wanted, a few words. */
export function ReportForm({ target, onClose }: ReportFormProps) {
  const { t } = useTranslation();
  const report = useReportContent();
  const [reason, setReason] = useState<ReportReason | "">("");
  const [details, setDetails] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const errors = report.error ? parseApiError(report.error) : null;
  const prefix = `report-${target.kind}-${target.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setMissingReason(true);
      return;
    }
    report.mutate({ target, body: { reason, details: details.trim() } });
  };

  if (report.isSuccess) {
    return (
      <p className="rounded bg-green-50 p-2 text-sm text-green-800" role="status">
        {t("reviews.report.sent")}
      </p>
    );
  }

  const reasonErrors = [...(missingReason ? [t("reviews.report.chooseReason")] : []), ...(errors?.fieldErrors.reason ?? [])];
  const detailErrors = errors?.fieldErrors.details ?? [];
  const otherErrors = errors
    ? [...errors.formErrors, ...(errors.isNetworkError ? [t("errors.network")] : [])]
    : [];

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2 rounded border border-gray-200 bg-gray-50 p-3" aria-label={t("reviews.report.label")}>
      <div>
        <Label htmlFor={`${prefix}-reason`} color={reasonErrors.length ? "failure" : undefined}>
          {t("reviews.report.reason")}
        </Label>
        <Select
          id={`${prefix}-reason`}
          sizing="sm"
          className="mt-1"
          value={reason}
          color={reasonErrors.length ? "failure" : "gray"}
          aria-invalid={reasonErrors.length > 0 || undefined}
          aria-describedby={reasonErrors.length ? `${prefix}-reason-errors` : undefined}
          onChange={(event) => {
            setReason(event.target.value as ReportReason | "");
            setMissingReason(false);
          }}
        >
          <option value="">{t("reviews.report.choose")}</option>
          {REPORT_REASONS.map((option) => (
            <option key={option} value={option}>
              {t(`reviews.report.reasons.${option}`)}
            </option>
          ))}
        </Select>
        {reasonErrors.length ? (
          <p id={`${prefix}-reason-errors`} className="mt-1 text-sm text-red-700">
            {reasonErrors.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <Label htmlFor={`${prefix}-details`} color={detailErrors.length ? "failure" : undefined}>
          {t("reviews.report.details")}
        </Label>
        <Textarea
          id={`${prefix}-details`}
          rows={2}
          className="mt-1"
          maxLength={2000}
          value={details}
          color={detailErrors.length ? "failure" : "gray"}
          aria-invalid={detailErrors.length > 0 || undefined}
          aria-describedby={detailErrors.length ? `${prefix}-details-errors` : undefined}
          onChange={(event) => setDetails(event.target.value)}
        />
        {detailErrors.length ? (
          <p id={`${prefix}-details-errors`} className="mt-1 text-sm text-red-700">
            {detailErrors.join(" ")}
          </p>
        ) : null}
      </div>
      <FormFooter
        errors={otherErrors}
        submitLabel={t("reviews.report.send")}
        submitColor="red"
        pending={report.isPending}
        cancelLabel={t("reviews.cancel")}
        onCancel={onClose}
      />
    </form>
  );
}
