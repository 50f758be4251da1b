import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { AuthLayout } from "@/components/layouts";
import { safeRedirectTarget } from "@/config/paths";
import { RegisterForm, selectIsAuthenticated, useAuthStore } from "@/features/auth";

export default function RegisterRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const target = safeRedirectTarget(redirectTo);
  const isAuthenticated = useAuthStore(selectIsAuthenticated);

  if (isAuthenticated) return <Navigate to={target} replace />;

  return (
    <AuthLayout title={t("auth.registerTitle")}>
      <RegisterForm redirectTo={redirectTo} onSuccess={() => void navigate(target, { replace: true })} />
    </AuthLayout>
  );
}
