import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstallation } from './queries.js';

/**
 * Sets the tab title to "page · installation": the first thing a screen reader
 * announces after navigation, and what tells two open Parley tabs apart.
 */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const installation = useInstallation();
  const site = installation.data?.name ?? t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${site}` : site;
  }, [page, site]);
}
