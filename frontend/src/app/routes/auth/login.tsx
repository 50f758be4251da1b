import { Alert } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { AuthLayout } from "@/components/layouts";
import { safeRedirectTarget } from "@/config/paths";
import { LoginForm, selectIsAuthenticated, useAuthStore } from "@/features/auth";

export default function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const target = safeRedirectTarget(redirectTo);
  const isAuthenticated = useAuthStore(selectIsAuthenticated);

  if (isAuthenticated) return <Navigate to={target} replace />;

  return (
    <AuthLayout title={t("auth.loginTitle")}>
      {redirectTo ? (
        <Alert color="info" className="mb-2">
          {t("auth.loginRequired")}
        </Alert>
      ) : null}
      <LoginForm redirectTo={redirectTo} onSuccess={() => void navigate(target, { replace: true })} />
    </AuthLayout>
  );
}
