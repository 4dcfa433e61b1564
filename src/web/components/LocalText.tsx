import type { TextT } from '../../shared/api.js';
import { useLocalize } from '../hooks/language.js';
import { htmlLang } from '../i18n/index.js';

/**
 * A record text in the interface language. When only the other language
 * exists, it is shown anyway and wrapped in an element with its own `lang`,
 * so that it is read out and rendered as what it is.
 */
export function LocalText({ text }: { text: TextT | null | undefined }) {
  const localize = useLocalize();
  const { value, lang } = localize(text);
  if (lang) return <span lang={htmlLang(lang)}>{value}</span>;
  return <>{value}</>;
}
