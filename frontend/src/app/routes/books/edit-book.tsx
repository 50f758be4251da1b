import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { NotFound } from "@/components/errors/not-found";
import { paths } from "@/config/paths";
import { EditBook } from "@/features/books";

import { useIdParam } from "./use-id-param";

export default function EditBookRoute() {
  const { t } = useTranslation();
  const id = useIdParam();
  if (Number.isNaN(id)) return <NotFound />;
  return (
    <section className="mx-auto max-w-3xl">
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{t("books.edit.title")}</h1>
        <Link to={paths.books.detail.getHref(id)} className="text-sm text-blue-700 hover:underline">
          {t("books.history.backToBook")}
        </Link>
      </div>
      <EditBook key={id} id={id} />
    </section>
  );
}
