import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import { en } from "./en";
import { es } from "./es";

export const SUPPORTED_LANGUAGES = ["en", "es"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = "mbc.language";
const FALLBACK_LANGUAGE: Language = "en";

export const resources = {
  en: { translation: en },
  es: { translation: es },
} as const;

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isSupportedLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (privacy modes); the browser language still applies.
    return null;
  }
}

/** The reader's remembered choice, else the first supported browser language, else English. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const candidates = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split("-")[0];
    if (isSupportedLanguage(base)) return base;
  }
  return FALLBACK_LANGUAGE;
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
}

/** Switch the interface language and remember the choice for the next visit. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered, but the switch itself still works.
  }
  await i18n.changeLanguage(language);
}

/** The language the interface currently shows (used for the API's Accept-Language). */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isSupportedLanguage(language) ? language : FALLBACK_LANGUAGE;
}

i18n.on("languageChanged", applyLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
});

applyLanguage(i18n.language);

export { i18n };
