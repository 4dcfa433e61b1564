import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { DateTimeText } from '../components/DateText.js';
import { FormField, type Message } from '../components/FormField.js';
import { ActionError, ErrorState, Loading } from '../components/QueryState.js';
import { RequireSignIn } from '../components/RequireSignIn.js';
import { SavedSearches } from '../components/SavedSearches.js';
import { StackedTable } from '../components/StackedTable.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useCreateToken, useRevokeToken, useSessions, useSignOut, useTokens } from '../hooks/session.js';
import { useSideName } from '../hooks/sides.js';
import type { CreatedTokenT, MeT, Permission, TokenScope } from '../hooks/types.js';

const nameRequired: Message = (t) => t('tokens.nameRequired');

/** How every Parley API token starts (the API lists only the characters after it, as `prefix`). */
const TOKEN_START = 'prl_';

/** Route `/account`: who I am, my API tokens and where I am signed in. */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  return (
    <RequireSignIn>
      {(me) => (
        <>
          <h1 className="margin-top-0">{t('account.title')}</h1>
          <Details me={me} />
          {me.via === 'session' ? <Tokens /> : null}
          <SavedSearches />
          <Sessions />
        </>
      )}
    </RequireSignIn>
  );
}

function Details({ me }: { me: MeT }) {
  const { t } = useTranslation();
  const sideName = useSideName();
  const { user } = me;
  return (
    <section aria-labelledby="details-heading" className="parley-panel">
      <h2 id="details-heading" className="margin-top-0 font-heading-lg">
        {t('account.details')}
      </h2>
      <div className="grid-row grid-gap-lg">
        <dl className="parley-facts tablet:grid-col-6">
          {user.displayName ? (
            <>
              <dt>{t('account.name')}</dt>
              <dd>{user.displayName}</dd>
            </>
          ) : null}
          <dt>{t('account.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('account.side')}</dt>
          <dd>{sideName(user.side)}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
          <dt>{t('account.created')}</dt>
          <dd>
            <DateTimeText at={user.createdAt} />
          </dd>
        </dl>
        <div className="tablet:grid-col-6">
          <p className="text-bold text-base-dark margin-top-0 margin-bottom-1">{t('account.mayDo')}</p>
          {me.permissions.length === 0 ? (
            <p className="margin-0">{t('account.readOnly')}</p>
          ) : (
            <ul className="usa-list margin-0">
              {me.permissions.map((permission) => (
                <li key={permission}>{t(`permission.${permissionKey(permission)}`)}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** Catalogue keys cannot hold the dot of "issue.update": it separates key levels. */
type Dashed<P> = P extends `${infer A}.${infer B}` ? `${A}-${B}` : never;
type PermissionKey = Dashed<Permission>;

function permissionKey(permission: Permission): PermissionKey {
  return permission.replace('.', '-') as PermissionKey;
}

function Tokens() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<CreatedTokenT | null>(null);
  return (
    <section aria-labelledby="tokens-heading" className="margin-top-5">
      <h2 id="tokens-heading">{t('tokens.title')}</h2>
      <p className="measure-5 margin-top-0">{t('tokens.lead')}</p>
      {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : null}
      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {revoke.error ? <ActionError title={t('tokens.revokeFailed')} error={revoke.error} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p>{t('tokens.empty')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <StackedTable
          caption={t('tokens.caption')}
          columns={[
            t('tokens.name'),
            t('tokens.prefix'),
            t('tokens.scope'),
            t('tokens.created'),
            t('tokens.lastUsed'),
            t('tokens.status'),
            <span className="usa-sr-only">{t('common.actions')}</span>,
          ]}
        >
          {tokens.data.map((token) => (
            <tr key={token.id} className={token.revokedAt ? 'parley-row--inactive' : undefined}>
              <th scope="row" data-label={t('tokens.name')}>
                {token.name}
              </th>
              <td data-label={t('tokens.prefix')}>
                <code className="font-mono-2xs">
                  {TOKEN_START}
                  {token.prefix}…
                </code>
              </td>
              <td data-label={t('tokens.scope')}>{t(`scope.${token.scope}`)}</td>
              <td data-label={t('tokens.created')}>
                <DateTimeText at={token.createdAt} />
              </td>
              <td data-label={t('tokens.lastUsed')}>
                {token.lastUsedAt ? <DateTimeText at={token.lastUsedAt} /> : t('tokens.never')}
              </td>
              <td data-label={t('tokens.status')}>
                {token.revokedAt ? (
                  <>
                    {t('tokens.revoked')} <DateTimeText at={token.revokedAt} />
                  </>
                ) : (
                  t('tokens.active')
                )}
              </td>
              <td data-label={t('common.actions')}>
                {token.revokedAt ? null : (
                  <ConfirmButton
                    label={t('tokens.revoke')}
                    question={t('tokens.revokeQuestion', { name: token.name })}
                    confirmLabel={t('tokens.revokeConfirm')}
                    pending={revoke.isPending}
                    onConfirm={() => revoke.mutate(token.id)}
                  />
                )}
              </td>
            </tr>
          ))}
        </StackedTable>
      ) : null}
      <CreateToken onCreated={setCreated} />
    </section>
  );
}

function CreateToken({ onCreated }: { onCreated: (token: CreatedTokenT) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [nameError, setNameError] = useState<Message | undefined>();
  const nameRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(() => nameRequired);
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    create.mutate(
      { name: name.trim(), scope },
      {
        onSuccess: (token) => {
          setName('');
          setScope('read');
          onCreated(token);
        },
      },
    );
  }

  return (
    <form
      className="usa-form maxw-mobile-lg margin-top-4"
      noValidate
      onSubmit={submit}
      aria-labelledby="new-token-heading"
    >
      <h3 id="new-token-heading" className="margin-bottom-0">
        {t('tokens.create')}
      </h3>
      {create.error ? <ActionError title={t('tokens.createFailed')} error={create.error} /> : null}
      <FormField id="token-name" label={t('tokens.name')} hint={t('tokens.nameHint')} error={nameError?.(t)}>
        {(describedBy) => (
          <input
            ref={nameRef}
            id="token-name"
            name="name"
            className={`usa-input${nameError ? ' usa-input--error' : ''}`}
            maxLength={100}
            aria-describedby={describedBy}
            aria-invalid={nameError ? true : undefined}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t('tokens.scope')}</legend>
        {(['read', 'write'] as const).map((value) => (
          <div className="usa-radio" key={value}>
            <input
              className="usa-radio__input"
              id={`token-scope-${value}`}
              type="radio"
              name="scope"
              value={value}
              checked={scope === value}
              onChange={() => setScope(value)}
            />
            <label className="usa-radio__label" htmlFor={`token-scope-${value}`}>
              {t(`scope.${value}`)}
              <span className="usa-checkbox__label-description">{t(`scopeHint.${value}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="usa-button margin-top-3" disabled={create.isPending}>
        {t('tokens.createButton')}
      </button>
    </form>
  );
}

/** The new token, shown this once, with a copy button and a warning that it will not be shown again. */
function NewToken({ token, onDone }: { token: CreatedTokenT; onDone: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  async function copy() {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is selected, ready to copy by hand.
      setCopied('no');
    }
  }

  return (
    <div className="usa-alert usa-alert--warning margin-y-3" role="region" aria-labelledby={`${inputId}-title`}>
      <div className="usa-alert__body">
        <h3 id={`${inputId}-title`} className="usa-alert__heading">
          {t('tokens.createdTitle', { name: token.name })}
        </h3>
        <p className="usa-alert__text">{t('tokens.createdWarning')}</p>
        <label className="usa-label" htmlFor={inputId}>
          {t('tokens.tokenLabel', { name: token.name })}
        </label>
        <div className="parley-copy">
          <input
            ref={input}
            id={inputId}
            className="usa-input font-mono-xs parley-copy__input"
            readOnly
            value={token.token}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="usa-button margin-0" onClick={() => void copy()}>
            {t('tokens.copy')}
          </button>
        </div>
        <p className="usa-alert__text" role="status" aria-live="polite">
          {copied === 'yes' ? t('tokens.copied') : copied === 'no' ? t('tokens.copyByHand') : ''}
        </p>
        <button type="button" className="usa-button usa-button--outline width-auto margin-top-1" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
    </div>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const signOut = useSignOut();
  return (
    <section aria-labelledby="sessions-heading" className="margin-top-5">
      <h2 id="sessions-heading">{t('sessions.title')}</h2>
      <p className="measure-5 margin-top-0">{t('sessions.lead')}</p>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.data && sessions.data.length === 0 ? <p>{t('sessions.empty')}</p> : null}
      {sessions.data && sessions.data.length > 0 ? (
        <StackedTable
          caption={t('sessions.caption')}
          columns={[
            t('sessions.started'),
            t('sessions.method'),
            t('sessions.browser'),
            t('sessions.address'),
            t('sessions.lastSeen'),
            t('sessions.expires'),
          ]}
        >
          {sessions.data.map((session) => (
            <tr key={session.id} className={session.current ? 'parley-row--current' : undefined}>
              <th scope="row" data-label={t('sessions.started')}>
                <DateTimeText at={session.createdAt} />
                {session.current ? (
                  <span className="display-block">
                    <span className="usa-tag parley-tag bg-primary">{t('sessions.current')}</span>
                  </span>
                ) : null}
              </th>
              <td data-label={t('sessions.method')}>{t(`sessionMethod.${session.method}`)}</td>
              <td data-label={t('sessions.browser')} title={session.userAgent}>
                {session.userAgent ? browserName(session.userAgent) : t('sessions.unknown')}
              </td>
              <td data-label={t('sessions.address')}>{session.address ?? t('sessions.unknown')}</td>
              <td data-label={t('sessions.lastSeen')}>
                <DateTimeText at={session.lastSeenAt} />
              </td>
              <td data-label={t('sessions.expires')}>
                <DateTimeText at={session.expiresAt} />
              </td>
            </tr>
          ))}
        </StackedTable>
      ) : null}
      {signOut.error ? <ActionError title={t('sessions.signOutFailed')} error={signOut.error} /> : null}
      <div className="margin-top-3">
        <ConfirmButton
          buttonClassName="usa-button usa-button--secondary"
          label={t('sessions.signOutEverywhere')}
          question={t('sessions.signOutEverywhereQuestion')}
          confirmLabel={t('sessions.signOutEverywhereConfirm')}
          pending={signOut.isPending}
          onConfirm={() => signOut.mutate({ everywhere: true })}
        />
      </div>
    </section>
  );
}

/**
 * A short name for a browser from its User-Agent ("Chrome 131 on Linux"), the
 * way people recognise their sessions; the full string is one hover away.
 */
function browserName(userAgent: string): string {
  const browser =
    /(Edg|OPR|Firefox|Chrome|Chromium|Version)\/(\d+)/.exec(userAgent) ??
    /(curl|node|python-requests)\/?(\d+)?/i.exec(userAgent);
  const system = /Windows|Mac OS X|Android|iPhone|iPad|Linux|CrOS/.exec(userAgent)?.[0];
  if (!browser) return userAgent.slice(0, 60);
  const names: Record<string, string> = { Edg: 'Edge', OPR: 'Opera', Version: 'Safari' };
  const name = `${names[browser[1] ?? ''] ?? browser[1]}${browser[2] ? ` ${browser[2]}` : ''}`;
  const os = system === 'Mac OS X' ? 'macOS' : system === 'CrOS' ? 'ChromeOS' : system;
  return os ? `${name} · ${os}` : name;
}
