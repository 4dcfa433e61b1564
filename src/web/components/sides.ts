import type { DialogueT } from '../../shared/api.js';
import { countryName } from '../i18n/format.js';
import type { UiLanguage } from '../i18n/index.js';

type SideLike = Pick<DialogueT['sides'][number], 'key' | 'country'>;

/**
 * A side as people call it: by its country ("United States" / "美国"). A key
 * that the dialogue does not list is shown as the key, not hidden.
 */
export function sideName(sides: readonly SideLike[] | undefined, key: string, lang: UiLanguage): string {
  const side = sides?.find((s) => s.key === key);
  return side ? countryName(side.country, lang) : key;
}
