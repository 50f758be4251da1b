import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";

import { MainLayout, type NavItem } from "@/components/layouts";
import { PageSpinner } from "@/components/ui/page-spinner";
import { paths } from "@/config/paths";
import { selectIsAuthenticated, useAuthStore, UserMenu } from "@/features/auth";

/** The shell around every page: header with navigation and account menu, footer. */
export function AppRoot() {
  const { t } = useTranslation();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const navItems: NavItem[] = [{ to: paths.home.getHref(), label: t("nav.home") }];
  if (isAuthenticated) navItems.push({ to: paths.account.getHref(), label: t("nav.account") });

  return (
    <MainLayout navItems={navItems} userMenu={<UserMenu />}>
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </MainLayout>
  );
}
