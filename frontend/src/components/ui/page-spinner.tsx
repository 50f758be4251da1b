import { Spinner } from "flowbite-react";
import { useTranslation } from "react-i18next";

/** Fills the page while something the whole page depends on is loading. */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-[50vh] items-center justify-center" role="status" aria-live="polite">
      <Spinner size="xl" aria-hidden />
      <span className="sr-only">{t("app.loading")}</span>
    </div>
  );
}
