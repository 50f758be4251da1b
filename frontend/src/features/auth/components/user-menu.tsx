import { Avatar, Button, Dropdown, DropdownDivider, DropdownHeader, DropdownItem } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";

import { paths } from "@/config/paths";

import { useMe } from "../api/get-me";
import { useLogout } from "../api/log-out";
import { selectIsAuthenticated, useAuthStore } from "../stores/auth-store";

export function UserMenu() {
  const { t } = useTranslation();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  if (!isAuthenticated) {
    // Coming back here after logging in, unless "here" is one of the auth pages.
    const authPages: string[] = [paths.auth.login.path, paths.auth.register.path, paths.passwordReset.request.path];
    const isAuthPage =
      authPages.includes(pathname) || pathname.startsWith("/reset-password/") || pathname.startsWith("/confirm-email/");
    const redirectTo = isAuthPage || pathname === paths.home.path ? null : pathname;
    return (
      <div className="flex items-center gap-2">
        <Button as={Link} to={paths.auth.login.getHref(redirectTo)} color="light" size="sm">
          {t("nav.login")}
        </Button>
        <Button as={Link} to={paths.auth.register.getHref(redirectTo)} size="sm" className="hidden sm:inline-flex">
          {t("nav.register")}
        </Button>
      </div>
    );
  }

  const username = me.data?.username ?? "";
  return (
    <Dropdown
      inline
      arrowIcon={false}
      label={null}
      renderTrigger={() => (
        <button
          type="button"
          aria-label={t("nav.userMenu")}
          title={username}
          className="rounded-full focus:ring-4 focus:ring-gray-200 focus:outline-none"
        >
          <Avatar rounded placeholderInitials={username.slice(0, 1).toUpperCase() || "?"} size="sm" />
        </button>
      )}
    >
      <DropdownHeader>
        <span className="block text-sm font-semibold">{username}</span>
        <span className="block truncate text-sm text-gray-500">{me.data?.email}</span>
      </DropdownHeader>
      <DropdownItem as={Link} to={paths.account.getHref()}>
        {t("nav.account")}
      </DropdownItem>
      <DropdownItem as={Link} to={paths.settings.getHref()}>
        {t("nav.settings")}
      </DropdownItem>
      <DropdownDivider />
      <DropdownItem
        onClick={() =>
          logout.mutate(undefined, { onSettled: () => void navigate(paths.home.getHref(), { replace: true }) })
        }
      >
        {t("nav.logout")}
      </DropdownItem>
    </Dropdown>
  );
}
