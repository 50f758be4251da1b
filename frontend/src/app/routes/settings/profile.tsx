import { Button, Card } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";
import { AvatarEditor, EditProfileForm } from "@/features/users";

import { WithMyProfile } from "./my-profile-gate";

export default function ProfileSettingsRoute() {
  const { t } = useTranslation();
  return (
    <WithMyProfile>
      {(me) => (
        <div className="flex flex-col gap-6">
          <Card>
            <AvatarEditor me={me} />
          </Card>
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold text-gray-900">{t("editProfile.title")}</h2>
              <Button as={Link} to={paths.profile.getHref(me.username)} color="light" size="xs">
                {t("editProfile.viewProfile")}
              </Button>
            </div>
            <EditProfileForm me={me} />
          </Card>
        </div>
      )}
    </WithMyProfile>
  );
}
