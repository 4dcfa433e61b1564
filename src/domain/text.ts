/** Localized text: a language tag → string map, with at least one entry. */
export type Text = Record<string, string>;

export const UI_LANGUAGES = ['en', 'zh'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * The text in the wanted language, else in the other supported one, else any.
 * Readers see something rather than nothing; callers that must not fall back
 * (readouts) check `text[lang]` themselves.
 */
export function pick(text: Text | null | undefined, lang: string): string {
  if (!text) return '';
  if (text[lang]) return text[lang];
  const base = lang.split('-')[0] ?? lang;
  if (base && text[base]) return text[base];
  for (const l of UI_LANGUAGES) if (text[l]) return text[l];
  return Object.values(text)[0] ?? '';
}
