import { Dropdown, DropdownItem } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { changeLanguage, SUPPORTED_LANGUAGES, isSupportedLanguage } from "@/lib/i18n";

function GlobeIcon() {
  return (
    <svg aria-hidden="true" className="h-4 w-4" fill="none" viewBox="0 0 24 24" stroke="currentColor" strokeWidth={1.8}>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isSupportedLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";

  return (
    <Dropdown
      inline
      label={null}
      renderTrigger={() => (
        <button
          type="button"
          aria-label={t("language.label")}
          title={t("language.label")}
          className="flex items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-100 focus:ring-2 focus:ring-gray-200 focus:outline-none"
        >
          <GlobeIcon />
          <span className="uppercase">{current}</span>
        </button>
      )}
    >
      {SUPPORTED_LANGUAGES.map((language) => (
        <DropdownItem
          key={language}
          lang={language}
          aria-current={language === current ? "true" : undefined}
          className={language === current ? "font-semibold text-blue-700" : undefined}
          onClick={() => void changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </DropdownItem>
      ))}
    </Dropdown>
  );
}
