import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OIDC_START_PATH, safeReturnTo, SSO_ERRORS, type SsoError } from '../../shared/sso.js';
import { FormField, type Message } from '../components/FormField.js';
import { ActionError } from '../components/QueryState.js';
import { ApiError } from '../hooks/api.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import {
  useDemoSignIn,
  useDemoUsers,
  useMe,
  useOidc,
  useSignIn,
  useVerifySession,
  writeSessionHint,
} from '../hooks/session.js';
import { useKnownSides, useSideName } from '../hooks/sides.js';
import { ROLES, type DemoUserT } from '../hooks/types.js';
import { RETURN_TO_PARAM } from '../routes.js';

type Field = 'email' | 'password';
type FieldErrors = Partial<Record<Field, Message>>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function isSsoError(value: string | null): value is SsoError {
  return value !== null && (SSO_ERRORS as readonly string[]).includes(value);
}

/**
 * Route `/sign-in`: e-mail and password, single sign-on when the installation
 * offers it, and on a demo installation (only there) its demo accounts with a
 * one-click sign-in. Afterwards the reader goes back to the page they came
 * from (`?returnTo=`, checked to be a path on this site).
 */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const returnTo = safeReturnTo(search.get(RETURN_TO_PARAM));
  const ssoError = search.get('error');
  const me = useMe();
  const oidc = useOidc();
  const demoUsers = useDemoUsers();
  useVerifySession();
  useDocumentTitle(t('signIn.title'));

  const done = () => void navigate(returnTo, { replace: true });
  const demo = demoUsers.data;

  return (
    <div className="grid-row grid-gap-lg">
      <div className={demo && demo.length > 0 ? 'desktop:grid-col-6' : 'tablet:grid-col-8 desktop:grid-col-6'}>
        <h1 className="margin-top-0">{t('signIn.title')}</h1>
        <p className="usa-intro">{t('signIn.lead')}</p>
        {isSsoError(ssoError) ? (
          <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{t(`signIn.ssoErrors.${ssoError}`)}</p>
            </div>
          </div>
        ) : null}
        {me.data ? (
          <div className="usa-alert usa-alert--info usa-alert--slim margin-y-2">
            <div className="usa-alert__body">
              <p className="usa-alert__text">
                {t('signIn.alreadySignedIn', { name: me.data.user.displayName ?? me.data.user.email })}{' '}
                <Link className="usa-link" to={returnTo}>
                  {t('signIn.continue')}
                </Link>
              </p>
            </div>
          </div>
        ) : null}
        <PasswordForm onSignedIn={done} />
        {oidc.data?.enabled ? (
          <div className="margin-top-4">
            <p className="parley-or">
              <span>{t('signIn.or')}</span>
            </p>
            <a
              className="usa-button usa-button--outline usa-button--big width-full margin-0"
              href={`${OIDC_START_PATH}?${new URLSearchParams({ [RETURN_TO_PARAM]: returnTo }).toString()}`}
              // The session will start on another page: remember to ask who signed in when coming back.
              onClick={() => writeSessionHint(true)}
            >
              {t('signIn.sso')}
            </a>
          </div>
        ) : null}
      </div>
      {demo && demo.length > 0 ? (
        <div className="desktop:grid-col-6">
          <DemoAccounts users={demo} onSignedIn={done} />
        </div>
      ) : null}
    </div>
  );
}

function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    const address = email.trim();
    if (!address) found.email = (t) => t('signIn.errors.emailRequired');
    else if (!EMAIL.test(address)) found.email = (t) => t('signIn.errors.emailInvalid');
    if (!password) found.password = (t) => t('signIn.errors.passwordRequired');
    setErrors(found);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();
    signIn.mutateAsync({ email: address, password }).then(onSignedIn, () => {
      setPassword('');
      passwordRef.current?.focus();
    });
  }

  return (
    <form className="usa-form usa-form--large maxw-full" noValidate onSubmit={submit} aria-label={t('signIn.title')}>
      {signIn.error ? (
        <ActionError title={t('signIn.failedTitle')} error={signIn.error} message={signInMessage(t, signIn.error)} />
      ) : null}
      <FormField id="sign-in-email" label={t('signIn.email')} error={errors.email?.(t)}>
        {(describedBy) => (
          <input
            ref={emailRef}
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="off"
            className={`usa-input${errors.email ? ' usa-input--error' : ''}`}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="sign-in-password" label={t('signIn.password')} error={errors.password?.(t)}>
        {(describedBy) => (
          <>
            <input
              ref={passwordRef}
              id="sign-in-password"
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              className={`usa-input${errors.password ? ' usa-input--error' : ''}`}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={describedBy}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button
              type="button"
              className="usa-show-password"
              aria-controls="sign-in-password"
              aria-pressed={showPassword}
              onClick={() => setShowPassword((shown) => !shown)}
            >
              {showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
            </button>
          </>
        )}
      </FormField>
      <button type="submit" className="usa-button usa-button--big width-full" disabled={signIn.isPending}>
        {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}

/** The API's refusals in the reader's language where Parley knows them; else the server's own words. */
function signInMessage(t: ReturnType<typeof useTranslation>['t'], error: Error): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'sign-in-failed') return t('signIn.failed');
  if (error.code === 'too-many-attempts') {
    const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return typeof seconds === 'number'
      ? t('signIn.tooMany', { count: Math.max(1, Math.ceil(seconds / 60)) })
      : t('signIn.tooManyLater');
  }
  return undefined;
}

/** Demo installations: one button per demo user, grouped by side, roles in the order of their powers. */
function DemoAccounts({ users, onSignedIn }: { users: DemoUserT[]; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const sideName = useSideName();
  const knownSides = useKnownSides();
  const demoSignIn = useDemoSignIn();
  // Sides in the order the dialogues list them (the same order as everywhere else), then any other.
  const sides = [...new Set([...knownSides, ...users.map((u) => u.side)])].filter((side) =>
    users.some((u) => u.side === side),
  );
  return (
    <section aria-labelledby="demo-heading" className="parley-panel margin-top-0">
      <h2 id="demo-heading" className="margin-top-0 font-heading-lg">
        {t('demo.title')}
      </h2>
      <p className="margin-top-0">{t('demo.lead')}</p>
      {demoSignIn.error ? <ActionError title={t('demo.failed')} error={demoSignIn.error} /> : null}
      <div className="grid-row grid-gap">
        {sides.map((side) => {
          const headingId = `demo-side-${side}`;
          const members = users
            .filter((u) => u.side === side)
            .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
          return (
            <section key={side} aria-labelledby={headingId} className="mobile-lg:grid-col-6 margin-top-2">
              <h3 id={headingId} className="margin-y-1">
                {sideName(side)}
              </h3>
              <ul className="usa-list usa-list--unstyled parley-demo-users">
                {members.map((user) => (
                  <li key={user.email}>
                    <button
                      type="button"
                      className="usa-button usa-button--outline width-full margin-0"
                      title={user.email}
                      disabled={demoSignIn.isPending}
                      onClick={() =>
                        // The promise, not mutate's callback: the answer may come after this list has re-rendered.
                        demoSignIn.mutateAsync(user.email).then(onSignedIn, () => undefined)
                      }
                    >
                      {t(`role.${user.role}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
