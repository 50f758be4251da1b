import { Alert, Button, Spinner } from "flowbite-react";
import { useTranslation } from "react-i18next";

/** A small inline spinner for a part of the page that is loading. */
export function InlineSpinner() {
  const { t } = useTranslation();
  return (
    <div role="status" className="py-8 text-center">
      <Spinner aria-hidden />
      <span className="sr-only">{t("app.loading")}</span>
    </div>
  );
}

interface LoadErrorProps {
  message?: string;
  onRetry?: () => void;
}

/** A failed load, with a retry button when retrying can help. */
export function LoadError({ message, onRetry }: LoadErrorProps) {
  const { t } = useTranslation();
  return (
    <Alert color="failure" role="alert">
      <span>{message ?? t("errors.generic")}</span>
      {onRetry ? (
        <Button size="xs" color="light" className="mt-2" onClick={onRetry}>
          {t("errors.retry")}
        </Button>
      ) : null}
    </Alert>
  );
}
