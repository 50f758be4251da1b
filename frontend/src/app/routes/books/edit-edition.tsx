import { useTranslation } from "react-i18next";

import { NotFound } from "@/components/errors/not-found";
import { EditEdition } from "@/features/books";

import { useIdParam } from "./use-id-param";

export default function EditEditionRoute() {
  const { t } = useTranslation();
  const id = useIdParam();
  if (Number.isNaN(id)) return <NotFound />;
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold text-gray-900 sm:text-3xl">{t("books.editionForm.editTitle")}</h1>
      <EditEdition key={id} id={id} />
    </section>
  );
}
