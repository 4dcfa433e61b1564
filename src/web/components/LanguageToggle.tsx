import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUiLanguage } from '../hooks/language.js';
import { htmlLang, LANGUAGE_PARAM } from '../i18n/index.js';

/**
 * The USWDS two-language selector: one button that names the other language
 * in that language ("中文" / "English"). The choice goes into the URL (so a
 * copied link opens in it) and into localStorage (see i18n/index.ts).
 */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const [, setSearch] = useSearchParams();
  const target = useUiLanguage() === 'en' ? 'zh' : 'en';
  function switchLanguage() {
    void i18n.changeLanguage(target);
    setSearch(
      (search) => {
        search.set(LANGUAGE_PARAM, target);
        return search;
      },
      { replace: true, preventScrollReset: true },
    );
  }
  return (
    <div className="usa-language-container usa-language--small parley-language">
      <button type="button" className="usa-button usa-language__link" lang={htmlLang(target)} onClick={switchLanguage}>
        {t('language.other')}
      </button>
    </div>
  );
}
