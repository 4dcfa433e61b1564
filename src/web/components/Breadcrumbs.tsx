import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Crumb {
  label: ReactNode;
  to: string;
}

/** USWDS breadcrumb: the trail above the page heading, ending with the current page. */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: ReactNode }) {
  const { t } = useTranslation();
  return (
    <nav className="usa-breadcrumb padding-top-0" aria-label={t('nav.breadcrumb')}>
      <ol className="usa-breadcrumb__list">
        {trail.map((crumb) => (
          <li className="usa-breadcrumb__list-item" key={crumb.to}>
            <Link to={crumb.to} className="usa-breadcrumb__link">
              <span>{crumb.label}</span>
            </Link>
          </li>
        ))}
        <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{current}</span>
        </li>
      </ol>
    </nav>
  );
}
