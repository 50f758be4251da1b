import { Alert } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SubmitButton } from "@/components/form/submit-button";
import { paths } from "@/config/paths";
import { useForm } from "@/lib/use-form";

import { useConfirmPasswordReset, useRequestPasswordReset } from "../api/password-reset";
import { passwordResetRequestSchema, passwordResetSchema } from "./form-validation";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ email: "" });

  if (sentTo) {
    return (
      <Alert color="success" role="status">
        {t("passwordReset.sent", { email: sentTo })}
      </Alert>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-label={t("passwordReset.requestTitle")}
      onSubmit={form.handleSubmit(passwordResetRequestSchema, (data) =>
        request.mutate(data, { onSuccess: () => setSentTo(data.email), onError: form.setServerError }),
      )}
    >
      <p className="text-sm text-gray-600">{t("passwordReset.requestLead")}</p>
      <FormAlert messages={form.formErrors} />
      <FormField label={t("auth.email")} type="email" autoComplete="email" required {...form.field("email")} />
      <SubmitButton pending={request.isPending}>{t("passwordReset.requestSubmit")}</SubmitButton>
      <Link to={paths.auth.login.getHref()} className="text-sm font-medium text-blue-700 hover:underline">
        {t("passwordReset.backToLogin")}
      </Link>
    </form>
  );
}

/** Sets a new password from the emailed link's uid and token. */
export function ResetPasswordForm({ uid, token }: { uid: string; token: string }) {
  const { t } = useTranslation();
  const confirm = useConfirmPasswordReset();
  const form = useForm({ new_password: "", passwordConfirm: "" }, { otherShownFields: ["token", "uid"] });

  if (confirm.isSuccess) {
    return (
      <div className="flex flex-col gap-4">
        <Alert color="success" role="status">
          {t("passwordReset.done")}
        </Alert>
        <Link to={paths.auth.login.getHref()} className="font-medium text-blue-700 hover:underline">
          {t("auth.loginLink")}
        </Link>
      </div>
    );
  }

  const tokenErrors = [...form.serverErrorsFor("token"), ...form.serverErrorsFor("uid")];
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-label={t("passwordReset.confirmTitle")}
      onSubmit={form.handleSubmit(passwordResetSchema, (data) =>
        confirm.mutate({ uid, token, new_password: data.new_password }, { onError: form.setServerError }),
      )}
    >
      {tokenErrors.length ? (
        <Alert color="failure" role="alert">
          <p>{t("passwordReset.badLink")}</p>
          <Link to={paths.passwordReset.request.getHref()} className="font-medium underline">
            {t("passwordReset.requestAgain")}
          </Link>
        </Alert>
      ) : null}
      <FormAlert messages={form.formErrors} />
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
      <SubmitButton pending={confirm.isPending}>{t("passwordReset.confirmSubmit")}</SubmitButton>
    </form>
  );
}
