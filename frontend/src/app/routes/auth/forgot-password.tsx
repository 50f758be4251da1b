import { useTranslation } from "react-i18next";

import { AuthLayout } from "@/components/layouts";
import { ForgotPasswordForm } from "@/features/auth";

export default function ForgotPasswordRoute() {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t("passwordReset.requestTitle")}>
      <ForgotPasswordForm />
    </AuthLayout>
  );
}
