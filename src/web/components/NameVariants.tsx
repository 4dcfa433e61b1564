import type { TextT } from '../../shared/api.js';
import { useUiLanguage } from '../hooks/language.js';
import { htmlLang } from '../i18n/index.js';
import { LocalText } from './LocalText.js';

/**
 * A name in the interface language, then the same name in its other
 * languages: officials need to know what the counterpart calls a thing in its
 * own language (中美商贸工作组), not only a translation of it.
 */
export function NameVariants({ text }: { text: TextT }) {
  const lang = useUiLanguage();
  const others = Object.entries(text).filter(([tag, value]) => tag !== lang && value && text[lang]);
  return (
    <>
      <span className="parley-name__primary">
        <LocalText text={text} />
      </span>
      {others.map(([tag, value]) => (
        <span key={tag} className="parley-name__variant" lang={htmlLang(tag)}>
          {value}
        </span>
      ))}
    </>
  );
}
