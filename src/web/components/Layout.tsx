import closeIcon from '@uswds/uswds/img/usa-icons/close.svg';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation, useSearchParams } from 'react-router';
import { useInstallation } from '../hooks/queries.js';
import { isUiLanguage, LANGUAGE_PARAM, toUiLanguage } from '../i18n/index.js';
import { linkTo } from '../routes.js';
import { LanguageToggle } from './LanguageToggle.js';
import { SearchBox } from './SearchBox.js';
import { useRegisterT } from '../hooks/register.js';
import { UserMenu } from './UserMenu.js';

/**
 * The frame of every page: skip link, header, main landmark, footer.
 *
 * No "official website of the United States government" banner: each
 * government runs its own Parley, so the header names the installation as
 * its operator configured it (GET /api/v1/installation).
 */
export function Layout({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const rt = useRegisterT();
  const installation = useInstallation();
  const name = installation.data?.name ?? t('app.name');
  const location = useLocation();
  const [search] = useSearchParams();
  // The menu remembers the page it was opened on, so that following a link closes it without an effect.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;
  const closeMenu = () => setMenuOpenOn(null);
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);

  // A link carrying ?lang= (shared, or typed) switches the interface, also after the first load.
  // Only a change of the URL acts: the toggle changes the language a moment before the URL
  // catches up, and reacting to the language would switch it straight back.
  const wanted = search.get(LANGUAGE_PARAM);
  const appliedWanted = useRef<string | null>(null);
  useEffect(() => {
    if (appliedWanted.current === wanted) return;
    appliedWanted.current = wanted;
    if (isUiLanguage(wanted) && wanted !== toUiLanguage(i18n.language)) void i18n.changeLanguage(wanted);
  }, [wanted, i18n]);

  // After client-side navigation, move focus to the new content, as a full page load would,
  // so that screen reader users are not left on the link they followed.
  useEffect(() => {
    if (firstPath.current === location.pathname) return;
    firstPath.current = location.pathname;
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const inDialogues = location.pathname === linkTo.dialogues() || location.pathname.startsWith('/dialogues/');

  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <div className={`usa-overlay${menuOpen ? ' is-visible' : ''}`} />
      <header className="usa-header usa-header--basic parley-header">
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <div className="usa-logo parley-logo">
              <em className="usa-logo__text">
                <Link to={linkTo.dialogues()} title={name}>
                  {name}
                </Link>
              </em>
              <span className="parley-logo__tagline">{t('app.tagline')}</span>
            </div>
            <button
              type="button"
              className="usa-menu-btn"
              aria-expanded={menuOpen}
              aria-controls="primary-nav"
              onClick={() => setMenuOpenOn(location.pathname)}
            >
              {t('app.menu')}
            </button>
          </div>
          <nav id="primary-nav" aria-label={t('app.primaryNav')} className={`usa-nav${menuOpen ? ' is-visible' : ''}`}>
            <button type="button" className="usa-nav__close" onClick={closeMenu}>
              <img src={closeIcon} alt={t('app.closeMenu')} />
            </button>
            <ul className="usa-nav__primary usa-accordion">
              <li className="usa-nav__primary-item">
                <Link
                  to={linkTo.dialogues()}
                  className={`usa-nav__link${inDialogues ? ' usa-current' : ''}`}
                  aria-current={location.pathname === linkTo.dialogues() ? 'page' : undefined}
                  onClick={closeMenu}
                >
                  <span>{t('nav.dialogues')}</span>
                </Link>
              </li>
              <li className="usa-nav__primary-item">
                <Link
                  to={linkTo.register()}
                  className={`usa-nav__link${location.pathname.startsWith(linkTo.register()) ? ' usa-current' : ''}`}
                  aria-current={location.pathname === linkTo.register() ? 'page' : undefined}
                  onClick={closeMenu}
                >
                  <span>{rt('registerLink')}</span>
                </Link>
              </li>
              <UserMenu onNavigate={closeMenu} />
            </ul>
          </nav>
          {/* Outside the drawer, as USWDS places it: the language stays one tap away on phones too. */}
          <SearchBox key={location.pathname} />
          <LanguageToggle />
        </div>
      </header>
      <main id="main-content" ref={main} tabIndex={-1} className="parley-main">
        <div className="grid-container">{children ?? <Outlet />}</div>
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="usa-footer__secondary-section">
          <div className="grid-container parley-footer">
            <div>
              <p className="parley-footer__name">{name}</p>
              <p className="parley-footer__about">{t('app.footerAbout')}</p>
            </div>
            {installation.data ? (
              <p className="parley-footer__version">{t('app.version', { version: installation.data.version })}</p>
            ) : null}
          </div>
        </div>
      </footer>
      <ScrollRestoration />
    </>
  );
}
