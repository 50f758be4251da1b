import { Navbar, NavbarBrand, NavbarCollapse, NavbarLink, NavbarToggle } from "flowbite-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

import { RouterLink } from "@/components/ui/router-link";
import { paths } from "@/config/paths";

import { LanguageSwitcher } from "./language-switcher";

export interface NavItem {
  to: string;
  label: string;
  /** A count shown beside the label (pending requests), with its spoken form. */
  badge?: number;
  badgeLabel?: string;
}

interface HeaderProps {
  navItems: NavItem[];
  /** The account area: log in / sign up, or the signed-in reader's menu. */
  userMenu: ReactNode;
  /** The search box: beside the brand on wide screens, on its own row on a phone. */
  search?: ReactNode;
}

export function BrandMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="me-2 h-8 w-8">
      <rect width="32" height="32" rx="6" fill="#1d4ed8" />
      <path d="M8 9h7a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H8zM24 9h-4a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h4z" fill="#fff" />
    </svg>
  );
}

export function Header({ navItems, userMenu, search }: HeaderProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  return (
    <header className="border-b border-gray-200 bg-white">
      <Navbar fluid className="mx-auto max-w-6xl px-4 sm:px-6">
        <NavbarBrand as={RouterLink} href={paths.home.getHref()}>
          <BrandMark />
          <span className="self-center text-xl font-semibold whitespace-nowrap text-gray-900">{t("app.name")}</span>
        </NavbarBrand>
        {search ? (
          <div className="order-1 mt-3 w-full md:mx-4 md:mt-0 md:w-auto md:flex-1 lg:max-w-sm">{search}</div>
        ) : null}
        <div className="flex items-center gap-3 md:order-3">
          <LanguageSwitcher />
          {userMenu}
          <div className="relative md:hidden">
            <NavbarToggle aria-label={t("nav.openMenu")} />
            {navItems.some((item) => item.badge) ? (
              // The menu hides the counts on small screens: a dot says something is waiting.
              <span aria-hidden="true" className="pointer-events-none absolute top-1 right-1 h-2.5 w-2.5 rounded-full bg-red-600" />
            ) : null}
          </div>
        </div>
        <NavbarCollapse className="order-2">
          {navItems.map((item) => (
            <NavbarLink
              key={item.to}
              as={RouterLink}
              href={item.to}
              active={pathname === item.to || (item.to !== "/" && pathname.startsWith(`${item.to}/`))}
            >
              <span className="inline-flex items-center gap-1.5">
                {item.label}
                {item.badge ? (
                  <span
                    className="inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
                    data-testid="nav-badge"
                  >
                    <span aria-hidden="true">{item.badge}</span>
                    <span className="sr-only">{item.badgeLabel}</span>
                  </span>
                ) : null}
              </span>
            </NavbarLink>
          ))}
        </NavbarCollapse>
      </Navbar>
    </header>
  );
}
