import { Card } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { BlocksList } from "@/features/users";
import { usePageParam } from "@/lib/use-page-param";

export default function BlocksSettingsRoute() {
  const { t } = useTranslation();
  const [page, setPage] = usePageParam();
  return (
    <Card>
      <h2 className="text-lg font-semibold text-gray-900">{t("blocks.title")}</h2>
      <p className="text-sm text-gray-600">{t("blocks.lead")}</p>
      <BlocksList page={page} onPageChange={setPage} />
    </Card>
  );
}
