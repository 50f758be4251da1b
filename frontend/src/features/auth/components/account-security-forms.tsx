import { Alert, Button, Card } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SubmitButton } from "@/components/form/submit-button";
import { parseApiError } from "@/lib/api-errors";
import { useForm } from "@/lib/use-form";

import { useDeleteAccount, useDownloadAccountData } from "../api/account-data";
import { useRequestEmailChange } from "../api/change-email";
import { useChangePassword } from "../api/change-password";
import { useMe } from "../api/get-me";
import { accountDeletionSchema, emailChangeSchema, passwordChangeSchema } from "./form-validation";

const EMPTY_PASSWORD_CHANGE = { current_password: "", new_password: "", passwordConfirm: "" };

/** Current password + new one twice; other sessions end, this one continues with a new token. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const form = useForm(EMPTY_PASSWORD_CHANGE);

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-label={t("security.passwordTitle")}
      onSubmit={form.handleSubmit(passwordChangeSchema, ({ current_password, new_password }) => {
        setDone(false);
        change.mutate(
          { current_password, new_password },
          {
            onSuccess: () => {
              setDone(true);
              form.setValues(EMPTY_PASSWORD_CHANGE);
            },
            onError: form.setServerError,
          },
        );
      })}
    >
      <FormAlert messages={form.formErrors} />
      {done ? (
        <Alert color="success" role="status">
          {t("security.passwordChanged")}
        </Alert>
      ) : null}
      <FormField
        label={t("security.currentPassword")}
        type="password"
        autoComplete="current-password"
        required
        {...form.field("current_password")}
      />
      <FormField
        label={t("passwordReset.newPassword")}
        type="password"
        autoComplete="new-password"
        required
        help={t("auth.passwordHelp")}
        {...form.field("new_password")}
      />
      <FormField
        label={t("auth.passwordConfirm")}
        type="password"
        autoComplete="new-password"
        required
        {...form.field("passwordConfirm")}
      />
      <SubmitButton pending={change.isPending} className="w-full sm:w-fit">
        {t("security.passwordSubmit")}
      </SubmitButton>
    </form>
  );
}

/** New address + password; the change happens when the link sent to the new address is opened. */
export function ChangeEmailForm() {
  const { t } = useTranslation();
  const me = useMe();
  const request = useRequestEmailChange();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ new_email: "", password: "" });

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-label={t("security.emailTitle")}
      onSubmit={form.handleSubmit(emailChangeSchema, (data) => {
        setSentTo(null);
        request.mutate(data, {
          onSuccess: () => {
            setSentTo(data.new_email);
            form.setValues({ new_email: "", password: "" });
          },
          onError: form.setServerError,
        });
      })}
    >
      {me.data ? (
        <p className="text-sm text-gray-600">{t("security.currentEmail", { email: me.data.email })}</p>
      ) : null}
      <FormAlert messages={form.formErrors} />
      {sentTo ? (
        <Alert color="success" role="status">
          {t("security.emailSent", { email: sentTo })}
        </Alert>
      ) : null}
      <FormField
        label={t("security.newEmail")}
        type="email"
        autoComplete="email"
        required
        {...form.field("new_email")}
      />
      <FormField
        label={t("auth.password")}
        type="password"
        autoComplete="current-password"
        required
        {...form.field("password")}
      />
      <SubmitButton pending={request.isPending} className="w-full sm:w-fit">
        {t("security.emailSubmit")}
      </SubmitButton>
    </form>
  );
}

/** Download everything the site holds about me as JSON. */
export function ExportDataCard() {
  const { t } = useTranslation();
  const me = useMe();
  const download = useDownloadAccountData();
  const error = download.error ? parseApiError(download.error) : null;
  return (
    <Card>
      <h2 className="text-lg font-semibold text-gray-900">{t("data.exportTitle")}</h2>
      <p className="text-sm text-gray-600">{t("data.exportLead")}</p>
      {error ? <FormAlert messages={error.formErrors.length ? error.formErrors : [t("errors.generic")]} /> : null}
      <Button
        className="w-full sm:w-fit"
        disabled={!me.data || download.isPending}
        onClick={() => me.data && download.mutate(me.data.username)}
      >
        {download.isPending ? t("auth.submitting") : t("data.exportSubmit")}
      </Button>
    </Card>
  );
}

/** Delete the account for good, after typing the password. */
export function DeleteAccountForm() {
  const { t } = useTranslation();
  const remove = useDeleteAccount();
  const form = useForm({ password: "" });
  return (
    <Card className="border-red-200">
      <h2 className="text-lg font-semibold text-red-800">{t("data.deleteTitle")}</h2>
      <p className="text-sm text-gray-600">{t("data.deleteLead")}</p>
      <form
        noValidate
        className="flex flex-col gap-4"
        aria-label={t("data.deleteTitle")}
        onSubmit={form.handleSubmit(accountDeletionSchema, (data) => {
          if (!window.confirm(t("data.deleteConfirm"))) return;
          remove.mutate(data, { onError: form.setServerError });
        })}
      >
        <FormAlert messages={form.formErrors} />
        <FormField
          label={t("auth.password")}
          type="password"
          autoComplete="current-password"
          required
          {...form.field("password")}
        />
        <SubmitButton pending={remove.isPending} color="red" className="w-full sm:w-fit">
          {t("data.deleteSubmit")}
        </SubmitButton>
      </form>
    </Card>
  );
}
