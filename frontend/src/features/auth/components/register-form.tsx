import { Button, Spinner } from "flowbite-react";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";
import { parseApiError } from "@/lib/api-errors";

import { useRegister } from "../api/register-account";
import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { validate, type FieldErrors } from "@/lib/form-validation";

import { registerSchema } from "./form-validation";
import { formLevelMessages } from "@/lib/server-errors";

interface RegisterFormProps {
  onSuccess: () => void;
  redirectTo?: string | null;
}

const EMPTY = { username: "", email: "", password: "", passwordConfirm: "" };
type FieldName = keyof typeof EMPTY;
const FIELD_NAMES = Object.keys(EMPTY) as FieldName[];

export function RegisterForm({ onSuccess, redirectTo }: RegisterFormProps) {
  const { t } = useTranslation();
  const register = useRegister();
  const [values, setValues] = useState(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // Server messages stay beside their field until that field is edited.
  const [staleServerFields, setStaleServerFields] = useState<Set<string>>(new Set());

  const serverErrors = register.error ? parseApiError(register.error) : null;
  const formErrors = formLevelMessages(serverErrors, FIELD_NAMES, t);

  const fieldErrors = (name: FieldName): string[] => [
    ...(clientErrors[name] ?? []).map((key) => t(key as never)),
    ...(staleServerFields.has(name) ? [] : (serverErrors?.fieldErrors[name] ?? [])),
  ];

  const onChange = (name: FieldName) => (event: ChangeEvent<HTMLInputElement>) => {
    setValues((previous) => ({ ...previous, [name]: event.target.value }));
    setClientErrors((previous) => ({ ...previous, [name]: undefined }));
    setStaleServerFields((previous) => new Set(previous).add(name));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(registerSchema, values);
    if (!result.success) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    setStaleServerFields(new Set());
    const { username, email, password } = result.data;
    register.mutate({ username, email, password }, { onSuccess });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label={t("auth.registerTitle")}>
      <FormAlert messages={formErrors} />
      <FormField
        name="username"
        label={t("auth.username")}
        autoComplete="username"
        required
        maxLength={150}
        value={values.username}
        onChange={onChange("username")}
        errors={fieldErrors("username")}
        help={t("auth.usernameHelp")}
      />
      <FormField
        name="email"
        type="email"
        label={t("auth.email")}
        autoComplete="email"
        required
        value={values.email}
        onChange={onChange("email")}
        errors={fieldErrors("email")}
      />
      <FormField
        name="password"
        type="password"
        label={t("auth.password")}
        autoComplete="new-password"
        required
        value={values.password}
        onChange={onChange("password")}
        errors={fieldErrors("password")}
        help={t("auth.passwordHelp")}
      />
      <FormField
        name="passwordConfirm"
        type="password"
        label={t("auth.passwordConfirm")}
        autoComplete="new-password"
        required
        value={values.passwordConfirm}
        onChange={onChange("passwordConfirm")}
        errors={fieldErrors("passwordConfirm")}
      />
      <Button type="submit" disabled={register.isPending}>
        {register.isPending ? (
          <>
            <Spinner size="sm" className="me-2" aria-hidden />
            {t("auth.submitting")}
          </>
        ) : (
          t("auth.registerSubmit")
        )}
      </Button>
      <p className="text-sm text-gray-600">
        {t("auth.haveAccount")}{" "}
        <Link to={paths.auth.login.getHref(redirectTo)} className="font-medium text-blue-700 hover:underline">
          {t("auth.loginLink")}
        </Link>
      </p>
    </form>
  );
}
