import { useTranslation } from "react-i18next";

import { SubjectsList } from "@/features/books";
import { usePageParam } from "@/lib/use-page-param";

export default function SubjectsRoute() {
  const { t } = useTranslation();
  const [page, setPage] = usePageParam();
  return (
    <section>
      <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{t("books.subjects.title")}</h1>
      <p className="mt-2 mb-6 text-gray-600">{t("books.subjects.lead")}</p>
      <SubjectsList page={page} onPageChange={setPage} />
    </section>
  );
}
