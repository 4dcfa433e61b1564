import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { linkTo } from '../routes.js';
import { NotFoundPage } from './NotFoundPage.js';

/**
 * What the reader sees when a page throws while rendering: a plain message in
 * their language inside the normal frame, not a blank screen. The error goes
 * to the console for whoever investigates.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <div className="usa-alert usa-alert--error margin-y-4" role="alert">
      <div className="usa-alert__body">
        <h1 className="usa-alert__heading">{t('error.unexpectedTitle')}</h1>
        <p className="usa-alert__text">{t('error.unexpectedBody')}</p>
        <p className="usa-alert__text">
          <Link className="usa-link" to={linkTo.dialogues()}>
            {t('notFound.home')}
          </Link>
        </p>
      </div>
    </div>
  );
}
