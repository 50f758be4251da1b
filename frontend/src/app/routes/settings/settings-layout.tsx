import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";

import { paths } from "@/config/paths";

/** Settings pages share a title and a section menu: a column on wide screens, a scrolling row on phones. */
export default function SettingsLayout() {
  const { t } = useTranslation();
  const sections = [
    { to: paths.settings.profile.getHref(), label: t("settings.profile") },
    { to: paths.settings.privacy.getHref(), label: t("settings.privacy") },
    { to: paths.settings.account.getHref(), label: t("settings.account") },
    { to: paths.settings.blocks.getHref(), label: t("settings.blocks") },
    { to: paths.settings.data.getHref(), label: t("settings.data") },
  ];
  return (
    <section className="mx-auto max-w-5xl">
      <h1 className="mb-6 text-2xl font-bold text-gray-900 sm:text-3xl">{t("settings.title")}</h1>
      <div className="flex flex-col gap-6 md:flex-row">
        <nav aria-label={t("settings.title")} className="md:w-52 md:shrink-0">
          <ul className="-mx-4 flex gap-1 overflow-x-auto px-4 pb-1 md:mx-0 md:flex-col md:px-0">
            {sections.map((section) => (
              <li key={section.to} className="shrink-0">
                <NavLink
                  to={section.to}
                  className={({ isActive }) =>
                    `block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap ${
                      isActive ? "bg-blue-700 text-white" : "text-gray-700 hover:bg-gray-100"
                    }`
                  }
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 flex-1">
          <Outlet />
        </div>
      </div>
    </section>
  );
}
