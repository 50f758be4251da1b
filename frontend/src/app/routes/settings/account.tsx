import { Card } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { ChangeEmailForm, ChangePasswordForm } from "@/features/auth";

export default function AccountSettingsRoute() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">{t("security.passwordTitle")}</h2>
        <ChangePasswordForm />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">{t("security.emailTitle")}</h2>
        <ChangeEmailForm />
      </Card>
    </div>
  );
}
