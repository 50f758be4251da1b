import { useTranslation } from "react-i18next";

import { AddBookForm } from "@/features/books";

export default function NewBookRoute() {
  const { t } = useTranslation();
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{t("books.add.title")}</h1>
      <p className="mt-2 mb-6 text-gray-600">{t("books.add.lead")}</p>
      <AddBookForm />
    </section>
  );
}
