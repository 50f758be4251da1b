import { Button, Spinner } from "flowbite-react";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";
import { parseApiError } from "@/lib/api-errors";

import { useLogin } from "../api/log-in";
import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { validate, type FieldErrors } from "@/lib/form-validation";

import { loginSchema } from "./form-validation";
import { formLevelMessages } from "@/lib/server-errors";

interface LoginFormProps {
  onSuccess: () => void;
  redirectTo?: string | null;
}

export function LoginForm({ onSuccess, redirectTo }: LoginFormProps) {
  const { t } = useTranslation();
  const login = useLogin();
  const [values, setValues] = useState({ username: "", password: "" });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const serverErrors = login.error ? parseApiError(login.error) : null;
  const formErrors = formLevelMessages(serverErrors, ["username", "password"], t);

  const fieldErrors = (name: keyof typeof values): string[] => [
    ...(clientErrors[name] ?? []).map((key) => t(key as never)),
    ...(serverErrors?.fieldErrors[name] ?? []),
  ];

  const onChange = (name: keyof typeof values) => (event: ChangeEvent<HTMLInputElement>) => {
    setValues((previous) => ({ ...previous, [name]: event.target.value }));
    setClientErrors((previous) => ({ ...previous, [name]: undefined }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(loginSchema, values);
    if (!result.success) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    login.mutate(result.data, { onSuccess });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label={t("auth.loginTitle")}>
      <FormAlert messages={formErrors} />
      <FormField
        name="username"
        label={t("auth.usernameOrEmail")}
        autoComplete="username"
        required
        value={values.username}
        onChange={onChange("username")}
        errors={fieldErrors("username")}
      />
      <FormField
        name="password"
        type="password"
        label={t("auth.password")}
        autoComplete="current-password"
        required
        value={values.password}
        onChange={onChange("password")}
        errors={fieldErrors("password")}
      />
      <Link
        to={paths.passwordReset.request.getHref()}
        className="-mt-2 self-end text-sm font-medium text-blue-700 hover:underline"
      >
        {t("auth.forgotPassword")}
      </Link>
      <Button type="submit" disabled={login.isPending}>
        {login.isPending ? (
          <>
            <Spinner size="sm" className="me-2" aria-hidden />
            {t("auth.submitting")}
          </>
        ) : (
          t("auth.loginSubmit")
        )}
      </Button>
      <p className="text-sm text-gray-600">
        {t("auth.noAccount")}{" "}
        <Link to={paths.auth.register.getHref(redirectTo)} className="font-medium text-blue-700 hover:underline">
          {t("auth.registerLink")}
        </Link>
      </p>
    </form>
  );
}
