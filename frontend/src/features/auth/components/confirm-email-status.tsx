import { Alert } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { InlineSpinner } from "@/components/ui/query-status";
import { parseApiError } from "@/lib/api-errors";

import { useConfirmEmailChange } from "../api/change-email";

/** Confirms the emailed token on arrival and says how it went. */
export function ConfirmEmailStatus({ token }: { token: string }) {
  const { t } = useTranslation();
  const confirm = useConfirmEmailChange(token);
  if (confirm.isPending) return <InlineSpinner />;
  if (confirm.isError) {
    const errors = parseApiError(confirm.error);
    const messages = [...errors.formErrors, ...Object.values(errors.fieldErrors).flat()];
    return (
      <Alert color="failure" role="alert">
        <p className="font-medium">{t("confirmEmail.failed")}</p>
        {messages.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </Alert>
    );
  }
  return (
    <Alert color="success" role="status">
      {t("confirmEmail.done", { email: confirm.data.email })}
    </Alert>
  );
}
