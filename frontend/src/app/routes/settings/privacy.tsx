import { Card } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { PrivacyForm } from "@/features/users";

import { WithMyProfile } from "./my-profile-gate";

export default function PrivacySettingsRoute() {
  const { t } = useTranslation();
  return (
    <Card>
      <h2 className="text-lg font-semibold text-gray-900">{t("privacy.title")}</h2>
      <WithMyProfile>{(me) => <PrivacyForm me={me} />}</WithMyProfile>
    </Card>
  );
}
