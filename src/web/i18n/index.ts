/**
 * The interface's two languages. Every string a person reads comes from the
 * catalogues en.json and zh.json (kept with identical keys by a test); record
 * texts come from the API as {"en", "zh"} objects and are picked in
 * localize.ts.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import zh from './zh.json' with { type: 'json' };
import readoutflowEn from './readoutflow.en.json' with { type: 'json' };
import readoutflowZh from './readoutflow.zh.json' with { type: 'json' };
import reportsEn from './reports.en.json' with { type: 'json' };
import reportsZh from './reports.zh.json' with { type: 'json' };
import cycleEn from './cycle.en.json' with { type: 'json' };
import cycleZh from './cycle.zh.json' with { type: 'json' };
import registerEn from './register.en.json' with { type: 'json' };
import registerZh from './register.zh.json' with { type: 'json' };
import analyticsEn from './analytics.en.json' with { type: 'json' };
import analyticsZh from './analytics.zh.json' with { type: 'json' };
import savedEn from './saved.en.json' with { type: 'json' };
import savedZh from './saved.zh.json' with { type: 'json' };

export const UI_LANGUAGES = ['en', 'zh'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Where the reader's choice is kept between visits. */
export const LANGUAGE_STORAGE_KEY = 'parley.lang';
/** The query parameter that selects the language, so that a link can carry it. */
export const LANGUAGE_PARAM = 'lang';

export const catalogues = { en, zh } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    // Typed keys: a misspelt or missing key is a compile error, not a blank on screen.
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The UI language an i18next language tag stands for ("zh-CN" → "zh"). */
export function toUiLanguage(tag: string | undefined): UiLanguage {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return isUiLanguage(base) ? base : 'en';
}

/**
 * The tag for HTML `lang` attributes. Records tag Chinese as plain "zh" but
 * mean Simplified Chinese; saying so lets browsers and screen readers pick
 * Simplified glyphs and voices.
 */
export function htmlLang(tag: string): string {
  return tag === 'zh' ? 'zh-Hans' : tag;
}

/** The locale for Intl formatting of dates and country names. */
export function intlLocale(lang: UiLanguage): string {
  return lang === 'zh' ? 'zh-CN' : 'en-US';
}

/**
 * The language to start in: an explicit `?lang=` first (a shared link), then
 * the reader's stored choice, then the browser's preference, then English.
 */
export function initialLanguage(search: string, stored: string | null, preferred: readonly string[]): UiLanguage {
  const fromQuery = new URLSearchParams(search).get(LANGUAGE_PARAM);
  if (isUiLanguage(fromQuery)) return fromQuery;
  if (isUiLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage can be disabled by policy on managed machines; the default language still works.
    return null;
  }
}

function storeLanguage(lang: UiLanguage): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // See readStoredLanguage: not remembering the choice is acceptable, failing is not.
  }
}

/** The language this browser should start in. */
export function detectLanguage(): UiLanguage {
  return initialLanguage(window.location.search, readStoredLanguage(), window.navigator.languages ?? []);
}

/**
 * A ready i18next instance. A fresh instance per app (not the global one) so
 * that component tests do not leak a language into each other.
 */
export function createI18n(lng: UiLanguage): I18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (tag) => {
    const lang = toUiLanguage(tag);
    document.documentElement.lang = htmlLang(lang);
    storeLanguage(lang);
  });
  void instance.use(initReactI18next).init({
    lng,
    supportedLngs: [...UI_LANGUAGES],
    fallbackLng: 'en',
    resources: {
      // Feature catalogues (top-level keys of their own) merged in: readoutflow (issue 6), reports (issue 4), register (issue 7), cycle (issue 5), analytics and saved searches (issue 7).
      en: {
        translation: { ...en, ...readoutflowEn, ...reportsEn, ...registerEn, ...cycleEn, ...analyticsEn, ...savedEn },
      },
      zh: {
        translation: { ...zh, ...readoutflowZh, ...reportsZh, ...registerZh, ...cycleZh, ...analyticsZh, ...savedZh },
      },
    },
    // Resources are bundled, so initialise synchronously: the first render is already translated.
    initAsync: false,
    // React escapes; escaping twice would show &amp; to the reader.
    interpolation: { escapeValue: false },
    returnEmptyString: false,
  });
  document.documentElement.lang = htmlLang(lng);
  return instance;
}
