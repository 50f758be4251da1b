import { useTranslation } from "react-i18next";

import { AccountDetails } from "@/features/auth";

export default function AccountRoute() {
  const { t } = useTranslation();
  return (
    <section>
      <h1 className="text-3xl font-bold tracking-tight text-gray-900">{t("account.title")}</h1>
      <p className="mt-2 mb-6 text-gray-600">{t("account.lead")}</p>
      <AccountDetails />
    </section>
  );
}
