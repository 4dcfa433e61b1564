/**
 * Record texts are {"en": …, "zh": …} objects. The reader sees the one in the
 * interface language; when it is missing, the other language rather than a
 * blank, marked with its own `lang` so that screen readers pronounce it right.
 */
import type { TextT } from '../../shared/api.js';
import { UI_LANGUAGES, type UiLanguage } from './index.js';

export interface LocalizedText {
  value: string;
  /** The text's language tag when it is not the interface language (a fallback); else undefined. */
  lang: string | undefined;
}

export function localize(text: TextT | null | undefined, ui: UiLanguage): LocalizedText {
  if (!text) return { value: '', lang: undefined };
  const own = text[ui];
  if (own) return { value: own, lang: undefined };
  for (const other of UI_LANGUAGES) {
    const value = text[other];
    if (value) return { value, lang: other };
  }
  for (const [tag, value] of Object.entries(text)) if (value) return { value, lang: tag };
  return { value: '', lang: undefined };
}

/** The plain string, for places that cannot carry a `lang` attribute (document title, option labels). */
export function localizeString(text: TextT | null | undefined, ui: UiLanguage): string {
  return localize(text, ui).value;
}
