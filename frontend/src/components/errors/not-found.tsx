import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="mx-auto max-w-lg py-16 text-center">
      <p className="text-6xl font-extrabold text-blue-700">404</p>
      <h1 className="mt-4 text-3xl font-bold tracking-tight text-gray-900">{t("errors.notFoundTitle")}</h1>
      <p className="mt-3 text-gray-600">{t("errors.notFoundText")}</p>
      <Button as={Link} to={paths.home.getHref()} className="mx-auto mt-8 w-fit">
        {t("errors.backHome")}
      </Button>
    </section>
  );
}
