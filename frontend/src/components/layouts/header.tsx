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
  /** The search box: beside the brand from tablets on, on its own row on a phone. */
  search?: ReactNode;
}

export function BrandMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="me-1.5 h-7 w-7 sm:me-2 sm:h-8 sm:w-8">
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
        <NavbarBrand as={RouterLink} href={paths.home.getHref()} className="shrink-0">
          <BrandMark />
          <span className="self-center text-lg font-semibold whitespace-nowrap text-gray-900 sm:text-xl">{t("app.name")}</span>
        </NavbarBrand>
        {search ? (
          // From tablets on, brand, search and account share the first row and the links get a row of
          // their own below: the signed-in links, in Spanish above all, would leave the search no room.
          <div className="order-3 mt-3 w-full md:order-1 md:mx-4 md:mt-0 md:w-auto md:max-w-xl md:min-w-60 md:flex-1" data-testid="header-search">
            {search}
          </div>
        ) : null}
        <div className="flex shrink-0 items-center gap-1.5 sm:gap-3 md:order-2">
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
        <NavbarCollapse
          className="order-4 md:order-3 md:mt-2.5 md:w-full md:border-t md:border-gray-100 md:pt-2.5"
          theme={{ list: "md:flex-wrap md:gap-x-6 md:gap-y-2 md:space-x-0" }}
        >
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
