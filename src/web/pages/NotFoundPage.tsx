import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/document-title.js';
import { linkTo } from '../routes.js';

/** Any address the app does not know, and route parameters that cannot be right (meeting "abc"). */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="measure-5">
      <h1 className="margin-top-0">{t('notFound.title')}</h1>
      <p className="usa-intro">{t('notFound.body')}</p>
      <Link to={linkTo.dialogues()} className="usa-button">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
