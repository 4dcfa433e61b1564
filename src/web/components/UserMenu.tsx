import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { may, useMe, useSignOut } from '../hooks/session.js';
import { useSideName } from '../hooks/sides.js';
import { linkTo, routes } from '../routes.js';
import { Email } from './Email.js';

/**
 * The header's last navigation item: "Sign in" for the public; for a signed-in
 * user, who they are (name, side, role) opening a menu with their account,
 * user administration for administrators, and signing out. While the answer
 * to "who is this?" is on its way, nothing is shown rather than a wrong guess.
 */
export function UserMenu({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const signOut = useSignOut();
  const sideName = useSideName();
  // Like the mobile menu, the submenu remembers where it was opened: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const item = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpenOn(null);
    };
    const onPointer = (event: MouseEvent) => {
      if (item.current && !item.current.contains(event.target as Node)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  if (me.isPending) return null;
  const user = me.data?.user;
  if (!user) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    const onSignIn = location.pathname === routes.signIn;
    return (
      <li className="usa-nav__primary-item">
        <Link
          to={onSignIn ? here : linkTo.signIn(here)}
          className={`usa-nav__link${onSignIn ? ' usa-current' : ''}`}
          aria-current={onSignIn ? 'page' : undefined}
          onClick={onNavigate}
        >
          <span>{t('auth.signIn')}</span>
        </Link>
      </li>
    );
  }

  const name = user.displayName ?? user.email;
  const close = () => {
    setOpenOn(null);
    onNavigate();
  };
  const inAccount = location.pathname === routes.account || location.pathname === routes.users;
  return (
    <li className="usa-nav__primary-item parley-user" ref={item}>
      <button
        type="button"
        className={`usa-accordion__button usa-nav__link parley-user__button${inAccount ? ' usa-current' : ''}`}
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpenOn(open ? null : location.pathname)}
      >
        {/* One span: USWDS draws the menu's chevron after every span of the button. */}
        <span className="parley-user__label">
          <strong className="parley-user__name">{name}</strong>
          <small className="parley-user__seat">
            {t('auth.seat', { side: sideName(user.side), role: t(`role.${user.role}`) })}
          </small>
        </span>
      </button>
      <ul id="user-menu" className="usa-nav__submenu parley-user__menu" hidden={!open}>
        <li className="usa-nav__submenu-item parley-user__who">
          <span className="usa-sr-only">{t('auth.signedInAs', { name })}</span>
          <span aria-hidden="true">
            <Email address={user.email} />
          </span>
        </li>
        <li className="usa-nav__submenu-item">
          <Link
            to={linkTo.account()}
            onClick={close}
            aria-current={location.pathname === routes.account ? 'page' : undefined}
          >
            {t('auth.account')}
          </Link>
        </li>
        {may(me.data, 'user.manage') ? (
          <li className="usa-nav__submenu-item">
            <Link
              to={linkTo.users()}
              onClick={close}
              aria-current={location.pathname === routes.users ? 'page' : undefined}
            >
              {t('auth.users')}
            </Link>
          </li>
        ) : null}
        <li className="usa-nav__submenu-item">
          <button
            type="button"
            className="usa-button usa-button--unstyled parley-user__sign-out"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate({}, { onSuccess: close })}
          >
            {signOut.isPending ? t('auth.signingOut') : t('auth.signOut')}
          </button>
        </li>
        {signOut.error ? (
          <li className="usa-nav__submenu-item parley-user__error" role="alert">
            {t('auth.signOutFailed', { message: signOut.error.message })}
          </li>
        ) : null}
      </ul>
    </li>
  );
}
