import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ru from './ru.json';
import vi from './vi.json';
import zh from './zh.json';

export const LANGUAGES = [
  { code: 'en', label: 'English', locale: 'en-GB' },
  { code: 'ru', label: 'Русский', locale: 'ru-RU' },
  { code: 'zh', label: '简体中文', locale: 'zh-CN' },
  { code: 'vi', label: 'Tiếng Việt', locale: 'vi-VN' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const resources = { en, ru, zh, vi } as const;

/** Keys asked for that no language has (the browser tests read this; see docs/web.md). */
declare global {
  interface Window {
    __i18nMissing?: string[];
  }
}

const LAST_KEY = 'squadops.lang';
const userKey = (userId: string) => `squadops.lang.${userId}`;

export function isLanguage(v: unknown): v is Language {
  return LANGUAGES.some((l) => l.code === v);
}

/** The Intl locale of a UI language. */
export function localeOf(lang: string): string {
  return LANGUAGES.find((l) => l.code === lang)?.locale ?? 'en-GB';
}

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(LAST_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    /* storage blocked */
  }
  const nav = (navigator.language || 'en').slice(0, 2);
  return isLanguage(nav) ? nav : 'en';
}

/** The language a user chose last time (remembered per user in localStorage). */
export function savedLanguageOf(userId: string): Language | null {
  try {
    const v = localStorage.getItem(userKey(userId));
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: Language, userId?: string): void {
  try {
    localStorage.setItem(LAST_KEY, lang);
    if (userId) localStorage.setItem(userKey(userId), lang);
  } catch {
    /* storage blocked */
  }
}

window.__i18nMissing = [];

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru }, zh: { translation: zh }, vi: { translation: vi } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    window.__i18nMissing?.push(`${lngs.join(',')}:${key}`);
  },
});

/** One screen area's strings in every language (`apps/web/src/i18n/areas/<area>/<lang>.json`). */
export type AreaStrings = Record<Language, Record<string, unknown>>;

/**
 * Adds a screen area's strings under the key `<area>` (`t('<area>.title')`). Called when the area's
 * route chunk loads (`import '../../i18n/areas/<area>'` at the top of the screen), so a screen's
 * strings travel in its own lazy chunk instead of the shell. See docs/web.md, "How to add a string".
 */
export function registerArea(area: string, strings: AreaStrings): void {
  for (const l of LANGUAGES) {
    i18next.addResourceBundle(l.code, 'translation', { [area]: strings[l.code] }, true, true);
  }
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : lng;
});
document.documentElement.lang = i18next.language === 'zh' ? 'zh-CN' : i18next.language;

export default i18next;
