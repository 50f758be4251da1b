import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";

import { MainLayout, type NavItem } from "@/components/layouts";
import { PageSpinner } from "@/components/ui/page-spinner";
import { paths } from "@/config/paths";
import { selectIsAuthenticated, useAuthStore, UserMenu } from "@/features/auth";
import { BookSearchBox } from "@/features/books";
import { useMyProfile } from "@/features/users";

/** The shell around every page: header with navigation and account menu, footer. */
export function AppRoot() {
  const { t } = useTranslation();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const me = useMyProfile({ enabled: isAuthenticated });
  const navItems: NavItem[] = [
    { to: paths.home.getHref(), label: t("nav.home") },
    { to: paths.subjects.getHref(), label: t("nav.subjects") },
  ];
  if (isAuthenticated) {
    navItems.push({ to: paths.library.getHref(), label: t("library.nav") });
    navItems.push({ to: paths.books.new.getHref(), label: t("nav.addBook") });
    if (me.data) navItems.push({ to: paths.profile.getHref(me.data.username), label: t("nav.profile") });
    navItems.push(
      { to: paths.people.getHref(), label: t("nav.people") },
      {
        to: paths.followRequests.getHref(),
        label: t("nav.requests"),
        badge: me.data?.counts.follow_requests || undefined,
        badgeLabel: t("nav.pendingRequests", { count: me.data?.counts.follow_requests ?? 0 }),
      },
      { to: paths.settings.getHref(), label: t("nav.settings") },
    );
  }

  return (
    <MainLayout navItems={navItems} userMenu={<UserMenu />} search={<BookSearchBox />}>
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </MainLayout>
  );
}
