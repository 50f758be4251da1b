import { useTranslation } from "react-i18next";

import { NotFound } from "@/components/errors/not-found";
import { AddEdition } from "@/features/books";

import { useIdParam } from "./use-id-param";

export default function NewEditionRoute() {
  const { t } = useTranslation();
  const id = useIdParam();
  if (Number.isNaN(id)) return <NotFound />;
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold text-gray-900 sm:text-3xl">{t("books.editionForm.addTitle")}</h1>
      <AddEdition key={id} bookId={id} />
    </section>
  );
}
