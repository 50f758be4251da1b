import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";

/** Shown when a route fails to render or its code cannot be loaded. */
export function AppError() {
  const { t } = useTranslation();
  return (
    <section role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-bold text-gray-900">{t("errors.generic")}</h1>
      <Button className="mx-auto mt-6 w-fit" onClick={() => window.location.reload()}>
        {t("errors.retry")}
      </Button>
    </section>
  );
}
