import { Alert, Label, Radio, ToggleSwitch } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { parseApiError } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useUpdateProfile } from "../api/update-profile";
import type { Audience, Me } from "../types";

const AUDIENCES: Audience[] = ["public", "followers", "private"];

/** Who sees the profile, whether followers need approval, follow lists, search. */
export function PrivacyForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [saved, setSaved] = useState(false);
  const [values, setValues] = useState({
    profile_visibility: me.profile.profile_visibility,
    approve_followers: me.profile.approve_followers,
    show_follow_lists: me.profile.show_follow_lists,
    searchable: me.profile.searchable,
  });
  const errors = update.error ? parseApiError(update.error) : null;

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setSaved(false);
    setValues((previous) => ({ ...previous, [key]: value }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(values, { onSuccess: () => setSaved(true) });
  };

  const toggles = [
    { key: "approve_followers", label: t("privacy.approveFollowers"), help: t("privacy.approveFollowersHelp") },
    { key: "show_follow_lists", label: t("privacy.showFollowLists"), help: t("privacy.showFollowListsHelp") },
    { key: "searchable", label: t("privacy.searchable"), help: t("privacy.searchableHelp") },
  ] as const;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6" aria-label={t("privacy.title")}>
      <FormAlert messages={formLevelMessages(errors, [], t)} />
      {saved ? (
        <Alert color="success" role="status">
          {t("privacy.saved")}
        </Alert>
      ) : null}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-medium text-gray-900">{t("privacy.whoCanSee")}</legend>
        {AUDIENCES.map((audience) => (
          <div key={audience} className="flex items-start gap-3">
            <Radio
              id={`visibility-${audience}`}
              name="profile_visibility"
              value={audience}
              checked={values.profile_visibility === audience}
              onChange={() => set("profile_visibility", audience)}
              className="mt-1"
            />
            <Label htmlFor={`visibility-${audience}`} className="flex flex-col">
              <span>{t(`privacy.audience.${audience}`)}</span>
              <span className="text-sm font-normal text-gray-500">{t(`privacy.audienceHelp.${audience}`)}</span>
            </Label>
          </div>
        ))}
      </fieldset>
      {toggles.map(({ key, label, help }) => (
        <div key={key} className="flex flex-col gap-1">
          <ToggleSwitch checked={values[key]} label={label} onChange={(checked) => set(key, checked)} />
          <p className="text-sm text-gray-500">{help}</p>
        </div>
      ))}
      <SubmitButton pending={update.isPending} className="w-full sm:w-fit">
        {t("privacy.save")}
      </SubmitButton>
    </form>
  );
}
