// The auth feature's public surface, for app/ to compose.
export { authBridge } from "./api/auth-bridge";
export { useMe } from "./api/get-me";
export { AccountDetails } from "./components/account-details";
export {
  ChangeEmailForm,
  ChangePasswordForm,
  DeleteAccountForm,
  ExportDataCard,
} from "./components/account-security-forms";
export { ConfirmEmailStatus } from "./components/confirm-email-status";
export { LoginForm } from "./components/login-form";
export { ForgotPasswordForm, ResetPasswordForm } from "./components/password-reset-forms";
export { ProtectedRoute } from "./components/protected-route";
export { RegisterForm } from "./components/register-form";
export { UserMenu } from "./components/user-menu";
export { useSessionBootstrap } from "./hooks/use-session-bootstrap";
export { selectIsAuthenticated, useAuthStore } from "./stores/auth-store";
export type { Account, AuthStatus } from "./types";
