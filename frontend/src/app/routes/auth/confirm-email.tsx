import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { AuthLayout } from "@/components/layouts";
import { paths } from "@/config/paths";
import { ConfirmEmailStatus } from "@/features/auth";

export default function ConfirmEmailRoute() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  return (
    <AuthLayout title={t("confirmEmail.title")}>
      <ConfirmEmailStatus token={token} />
      <Link to={paths.home.getHref()} className="text-sm font-medium text-blue-700 hover:underline">
        {t("errors.backHome")}
      </Link>
    </AuthLayout>
  );
}
