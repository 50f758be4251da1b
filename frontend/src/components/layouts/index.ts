export { AuthLayout } from "./auth-layout";
export { Footer } from "./footer";
export { BrandMark, Header, type NavItem } from "./header";
export { LanguageSwitcher } from "./language-switcher";
export { MainLayout } from "./main-layout";
