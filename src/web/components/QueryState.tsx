import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../hooks/api.js';

/** Shown while a page's data is on its way; announced politely to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="parley-loading" role="status" aria-live="polite">
      <span className="parley-loading__spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/**
 * A failed fetch, with the server's own message: it is the most precise thing
 * anyone can tell the reader ("No dialogue with key …"). Only a network
 * failure, which has no server message, is worded here.
 */
export function ErrorState({
  error,
  onRetry,
  headingLevel = 2,
}: {
  error: Error;
  onRetry?: () => void;
  /** 1 when the error is all the page has to say, so that the page still has its one h1. */
  headingLevel?: 1 | 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : undefined;
  const notFound = api?.status === 404;
  const message = api?.code === NETWORK_ERROR ? t('error.network') : error.message;
  return (
    <div className="usa-alert usa-alert--error margin-y-4" role="alert">
      <div className="usa-alert__body">
        <Heading className="usa-alert__heading">{notFound ? t('error.notFoundTitle') : t('error.title')}</Heading>
        <p className="usa-alert__text">{message}</p>
        {api && api.code !== NETWORK_ERROR ? (
          <p className="usa-alert__text font-mono-3xs text-base-dark">{t('error.code', { code: api.code })}</p>
        ) : null}
        {onRetry && !notFound ? (
          <button type="button" className="usa-button usa-button--outline margin-top-2" onClick={onRetry}>
            {t('common.tryAgain')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A write that failed: what was being done (the heading) and the server's
 * message, or a worded network failure. For forms and buttons, where
 * "this page could not be loaded" would be wrong.
 */
export function ActionError({ title, error, message }: { title: string; error: Error; message?: string }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : undefined;
  const text = message ?? (api?.code === NETWORK_ERROR ? t('error.network') : error.message);
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text text-bold">{title}</p>
        <p className="usa-alert__text">{text}</p>
        {api && api.code !== NETWORK_ERROR ? (
          <p className="usa-alert__text font-mono-3xs text-base-dark">{t('error.code', { code: api.code })}</p>
        ) : null}
      </div>
    </div>
  );
}
