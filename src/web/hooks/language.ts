/** The interface language as the app uses it, and the way to change it. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiLanguage, type UiLanguage } from '../i18n/index.js';
import { localize, type LocalizedText } from '../i18n/localize.js';
import type { TextT } from '../../shared/api.js';

export function useUiLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return toUiLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** A function that picks a record text in the interface language (with fallback). */
export function useLocalize(): (text: TextT | null | undefined) => LocalizedText {
  const lang = useUiLanguage();
  return useCallback((text: TextT | null | undefined) => localize(text, lang), [lang]);
}
