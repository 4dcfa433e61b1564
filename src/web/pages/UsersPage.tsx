import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { DateText } from '../components/DateText.js';
import { Email } from '../components/Email.js';
import { FormField, type Message } from '../components/FormField.js';
import { ActionError, ErrorState, Loading } from '../components/QueryState.js';
import { RequireSignIn } from '../components/RequireSignIn.js';
import { StackedTable } from '../components/StackedTable.js';
import { problemsOf } from '../hooks/api.js';
import { useAddUser, useDisableUser, useUsers, type NewUser } from '../hooks/admin.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { may } from '../hooks/session.js';
import { useKnownSides, useSideName } from '../hooks/sides.js';
import { ROLES, type MeT, type Role } from '../hooks/types.js';
import { linkTo } from '../routes.js';

/** Route `/admin/users`: the installation's accounts, for administrators. */
export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  return <RequireSignIn>{(me) => (may(me, 'user.manage') ? <Users me={me} /> : <NotAllowed me={me} />)}</RequireSignIn>;
}

/** What a signed-in user without the permission sees: why not, and where to go instead. */
function NotAllowed({ me }: { me: MeT }) {
  const { t } = useTranslation();
  return (
    <div className="measure-5">
      <h1 className="margin-top-0">{t('notAllowed.title')}</h1>
      <p className="usa-intro">{t('notAllowed.users', { role: t(`role.${me.user.role}`) })}</p>
      <Link to={linkTo.dialogues()} className="usa-button">
        {t('notFound.home')}
      </Link>
    </div>
  );
}

function Users({ me }: { me: MeT }) {
  const { t } = useTranslation();
  const sideName = useSideName();
  const users = useUsers();
  const disable = useDisableUser();
  return (
    <>
      <h1 className="margin-top-0">{t('users.title')}</h1>
      <p className="usa-intro">{t('users.lead')}</p>
      {users.isPending ? <Loading /> : null}
      {users.isError ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
      {disable.error ? <ActionError title={t('users.disableFailed')} error={disable.error} /> : null}
      {users.data ? (
        <StackedTable
          caption={t('users.caption')}
          columns={[
            t('users.email'),
            t('users.name'),
            t('users.side'),
            t('users.role'),
            t('users.created'),
            t('users.status'),
            <span className="usa-sr-only">{t('common.actions')}</span>,
          ]}
        >
          {users.data.map((user) => (
            <tr key={user.id} className={user.disabled ? 'parley-row--inactive' : undefined}>
              <th scope="row" data-label={t('users.email')}>
                <Email address={user.email} />
                {user.id === me.user.id ? <span className="text-base-dark"> {t('users.you')}</span> : null}
              </th>
              <td data-label={t('users.name')}>{user.displayName ?? ''}</td>
              <td data-label={t('users.side')} className="parley-keep">
                {sideName(user.side)}
              </td>
              <td data-label={t('users.role')} className="parley-keep">
                {t(`role.${user.role}`)}
              </td>
              <td data-label={t('users.created')} className="parley-keep">
                <DateText date={user.createdAt.slice(0, 10)} />
              </td>
              <td data-label={t('users.status')} className="parley-keep">
                {user.disabled ? t('users.disabled') : t('users.active')}
              </td>
              <td data-label={t('common.actions')}>
                {user.disabled || user.id === me.user.id ? null : (
                  <ConfirmButton
                    label={t('users.disable')}
                    question={t('users.disableQuestion', { email: user.email })}
                    confirmLabel={t('users.disableConfirm')}
                    pending={disable.isPending}
                    onConfirm={() => disable.mutate(user.id)}
                  />
                )}
              </td>
            </tr>
          ))}
        </StackedTable>
      ) : null}
      <AddUser />
    </>
  );
}

type Field = 'email' | 'side' | 'role' | 'displayName' | 'password';

function AddUser() {
  const { t } = useTranslation();
  const sideName = useSideName();
  const knownSides = useKnownSides();
  const add = useAddUser();
  const empty = { email: '', side: '', role: '' as Role | '', displayName: '', password: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, Message>>>({});
  const [added, setAdded] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  function focusFirst(found: Partial<Record<Field, Message>>) {
    const first = (['email', 'side', 'role', 'displayName', 'password'] as const).find((f) => found[f]);
    if (first) form.current?.querySelector<HTMLElement>(`#new-user-${first}`)?.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    const found: Partial<Record<Field, Message>> = {};
    if (!values.email.trim()) found.email = (t) => t('users.errors.email');
    else if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) found.email = (t) => t('signIn.errors.emailInvalid');
    if (!values.side.trim()) found.side = (t) => t('users.errors.side');
    if (!values.role) found.role = (t) => t('users.errors.role');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirst(found);
    const input: NewUser = { email: values.email.trim(), side: values.side.trim(), role: values.role as Role };
    if (values.displayName.trim()) input.displayName = values.displayName.trim();
    if (values.password) input.password = values.password;
    add.mutate(input, {
      onSuccess: (user) => {
        setValues(empty);
        setAdded(user.email);
      },
      onError: (error) => {
        // The server names each refused field with a JSON Pointer (/body/email): show it beside the field.
        const fromServer: Partial<Record<Field, Message>> = {};
        for (const problem of problemsOf(error)) {
          const field = problem.pointer.split('/')[2] as Field | undefined;
          if (field && ['email', 'side', 'role', 'displayName', 'password'].includes(field))
            fromServer[field] ??= () => problem.message;
        }
        setErrors(fromServer);
        focusFirst(fromServer);
      },
    });
  }

  const input =
    (field: 'email' | 'displayName' | 'password', type: string, autoComplete: string) =>
    (describedBy: string | undefined) => (
      <input
        id={`new-user-${field}`}
        name={field}
        type={type}
        autoComplete={autoComplete}
        className={`usa-input${errors[field] ? ' usa-input--error' : ''}`}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy}
        value={values[field]}
        onChange={(e) => set(field)(e.target.value)}
      />
    );

  return (
    <form
      ref={form}
      className="usa-form maxw-mobile-lg margin-top-5"
      noValidate
      onSubmit={submit}
      aria-labelledby="add-user-heading"
    >
      <h2 id="add-user-heading" className="margin-bottom-0">
        {t('users.add')}
      </h2>
      {added ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t('users.added', { email: added })}</p>
          </div>
        </div>
      ) : null}
      {add.error ? <ActionError title={t('users.addFailed')} error={add.error} /> : null}
      <FormField id="new-user-email" label={t('users.email')} error={errors.email?.(t)}>
        {input('email', 'email', 'off')}
      </FormField>
      <FormField
        id="new-user-side"
        label={t('users.side')}
        hint={knownSides.length > 0 ? undefined : t('users.sideHint')}
        error={errors.side?.(t)}
      >
        {(describedBy) =>
          knownSides.length > 0 ? (
            <select
              id="new-user-side"
              name="side"
              className={`usa-select${errors.side ? ' usa-input--error' : ''}`}
              aria-invalid={errors.side ? true : undefined}
              aria-describedby={describedBy}
              value={values.side}
              onChange={(e) => set('side')(e.target.value)}
            >
              <option value="">{t('users.choose')}</option>
              {knownSides.map((side) => (
                <option key={side} value={side}>
                  {sideName(side)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="new-user-side"
              name="side"
              className={`usa-input${errors.side ? ' usa-input--error' : ''}`}
              aria-invalid={errors.side ? true : undefined}
              aria-describedby={describedBy}
              value={values.side}
              onChange={(e) => set('side')(e.target.value)}
            />
          )
        }
      </FormField>
      <FormField id="new-user-role" label={t('users.role')} error={errors.role?.(t)}>
        {(describedBy) => (
          <select
            id="new-user-role"
            name="role"
            className={`usa-select${errors.role ? ' usa-input--error' : ''}`}
            aria-invalid={errors.role ? true : undefined}
            aria-describedby={describedBy}
            value={values.role}
            onChange={(e) => set('role')(e.target.value)}
          >
            <option value="">{t('users.choose')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="new-user-displayName" label={t('users.displayName')} error={errors.displayName?.(t)}>
        {input('displayName', 'text', 'off')}
      </FormField>
      <FormField
        id="new-user-password"
        label={t('users.password')}
        hint={t('users.passwordHint')}
        error={errors.password?.(t)}
      >
        {input('password', 'password', 'new-password')}
      </FormField>
      <button type="submit" className="usa-button margin-top-3" disabled={add.isPending}>
        {t('users.addButton')}
      </button>
    </form>
  );
}
