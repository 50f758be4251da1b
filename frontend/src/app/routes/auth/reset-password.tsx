import { useTranslation } from "react-i18next";
import { useParams } from "react-router";

import { AuthLayout } from "@/components/layouts";
import { ResetPasswordForm } from "@/features/auth";

export default function ResetPasswordRoute() {
  const { t } = useTranslation();
  const { uid = "", token = "" } = useParams();
  return (
    <AuthLayout title={t("passwordReset.confirmTitle")}>
      <ResetPasswordForm uid={uid} token={token} />
    </AuthLayout>
  );
}
