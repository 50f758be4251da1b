import { useTranslation } from "react-i18next";

import { PeopleSearch } from "@/features/users";

export default function PeopleRoute() {
  const { t } = useTranslation();
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{t("people.title")}</h1>
      <p className="mt-2 mb-6 text-gray-600">{t("people.lead")}</p>
      <PeopleSearch />
    </section>
  );
}
