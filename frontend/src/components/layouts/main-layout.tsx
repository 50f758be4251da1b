import type { ReactNode } from "react";

import { Footer } from "./footer";
import { Header, type NavItem } from "./header";

interface MainLayoutProps {
  navItems: NavItem[];
  userMenu: ReactNode;
  /** The header's search box. */
  search?: ReactNode;
  children: ReactNode;
}

export function MainLayout({ navItems, userMenu, search, children }: MainLayoutProps) {
  return (
    <div className="flex min-h-screen flex-col">
      <Header navItems={navItems} userMenu={userMenu} search={search} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-12">{children}</main>
      <Footer />
    </div>
  );
}
