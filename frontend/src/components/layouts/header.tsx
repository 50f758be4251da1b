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
}

interface HeaderProps {
  navItems: NavItem[];
  /** The account area: log in / sign up, or the signed-in reader's menu. */
  userMenu: ReactNode;
}

export function BrandMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="me-2 h-8 w-8">
      <rect width="32" height="32" rx="6" fill="#1d4ed8" />
      <path d="M8 9h7a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H8zM24 9h-4a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h4z" fill="#fff" />
    </svg>
  );
}

export function Header({ navItems, userMenu }: HeaderProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  return (
    <header className="border-b border-gray-200 bg-white">
      <Navbar fluid className="mx-auto max-w-6xl px-4 sm:px-6">
        <NavbarBrand as={RouterLink} href={paths.home.getHref()}>
          <BrandMark />
          <span className="self-center text-xl font-semibold whitespace-nowrap text-gray-900">{t("app.name")}</span>
        </NavbarBrand>
        <div className="flex items-center gap-3 md:order-2">
          <LanguageSwitcher />
          {userMenu}
          <NavbarToggle aria-label={t("nav.openMenu")} />
        </div>
        <NavbarCollapse>
          {navItems.map((item) => (
            <NavbarLink key={item.to} as={RouterLink} href={item.to} active={pathname === item.to}>
              {item.label}
            </NavbarLink>
          ))}
        </NavbarCollapse>
      </Navbar>
    </header>
  );
}
