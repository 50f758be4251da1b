import { Alert } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SubmitButton } from "@/components/form/submit-button";
import { TextareaField } from "@/components/form/textarea-field";
import { useForm } from "@/lib/use-form";

import { useUpdateProfile } from "../api/update-profile";
import type { Me } from "../types";
import { PROFILE_LIMITS, profileSchema, todayIso } from "./profile-validation";

interface EditProfileFormProps {
  me: Me;
  onSaved?: () => void;
}

/** Display name, bio, location, birth date, website and favourite genres. */
export function EditProfileForm({ me, onSaved }: EditProfileFormProps) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [saved, setSaved] = useState(false);
  const { profile } = me;
  const form = useForm({
    display_name: profile.display_name,
    bio: profile.bio,
    location: profile.location,
    birth_date: profile.birth_date ?? "",
    website: profile.website,
    favourite_genres: profile.favourite_genres.join(", "),
  });

  const onSubmit = form.handleSubmit(profileSchema, (data) => {
    setSaved(false);
    update.mutate(data, {
      onSuccess: () => {
        setSaved(true);
        onSaved?.();
      },
      onError: (error) => form.setServerError(error),
    });
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label={t("editProfile.title")}>
      <FormAlert messages={form.formErrors} />
      {saved ? (
        <Alert color="success" role="status">
          {t("editProfile.saved")}
        </Alert>
      ) : null}
      <FormField
        label={t("editProfile.displayName")}
        maxLength={PROFILE_LIMITS.displayName}
        {...form.field("display_name")}
      />
      <TextareaField
        label={t("editProfile.bio")}
        rows={5}
        help={t("editProfile.bioHelp", { count: form.values.bio.length, max: PROFILE_LIMITS.bio })}
        {...form.field("bio")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("editProfile.location")} maxLength={PROFILE_LIMITS.location} {...form.field("location")} />
        <FormField
          label={t("editProfile.birthDate")}
          type="date"
          min="1900-01-01"
          max={todayIso()}
          help={t("editProfile.birthDateHelp")}
          {...form.field("birth_date")}
        />
      </div>
      <FormField
        label={t("editProfile.website")}
        type="url"
        inputMode="url"
        placeholder="https://"
        {...form.field("website")}
      />
      <FormField
        label={t("editProfile.favouriteGenres")}
        help={t("editProfile.favouriteGenresHelp", { max: PROFILE_LIMITS.genres })}
        {...form.field("favourite_genres")}
      />
      <SubmitButton pending={update.isPending} className="w-full sm:w-fit">
        {t("editProfile.save")}
      </SubmitButton>
    </form>
  );
}
