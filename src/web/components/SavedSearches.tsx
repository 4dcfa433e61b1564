/**
 * The "Saved searches" section of the account page (issue 7): run, rename,
 * turn the e-mail alert on or off, or delete each. A change is sent with the
 * version shown (If-Match); if the search changed elsewhere meanwhile (412),
 * nothing is written, the list is read again and the user is told.
 */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../hooks/api.js';
import {
  useDeleteSavedSearch,
  useSavedSearches,
  useSavedT,
  useUpdateSavedSearch,
  searchLink,
  type SavedSearchT,
} from '../hooks/saved-searches.js';
import { ConfirmButton } from './ConfirmButton.js';
import { DateTimeText } from './DateText.js';
import { ActionError, ErrorState, Loading } from './QueryState.js';

export function SavedSearches() {
  const st = useSavedT();
  const list = useSavedSearches();
  const remove = useDeleteSavedSearch();
  return (
    <section aria-labelledby="saved-searches-heading" className="margin-top-5">
      <h2 id="saved-searches-heading">{st('listTitle')}</h2>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} /> : null}
      {remove.isError ? <ActionError title={st('deleteFailed')} error={remove.error} /> : null}
      {list.data?.length === 0 ? <p>{st('none')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="usa-list usa-list--unstyled">
          {list.data.map((s) => (
            <SavedSearchItem key={s.id} saved={s} onDelete={() => remove.mutate(s.id)} deleting={remove.isPending} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SavedSearchItem({
  saved: s,
  onDelete,
  deleting,
}: {
  saved: SavedSearchT;
  onDelete: () => void;
  deleting: boolean;
}) {
  const st = useSavedT();
  const id = useId();
  const update = useUpdateSavedSearch();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(s.name);
  const stale = update.error instanceof ApiError && update.error.status === 412;

  const change = (changes: { name?: string; alert?: boolean }, done?: () => void) =>
    update.mutate({ id: s.id, version: s.version, changes }, { onSuccess: () => done?.() });

  const submitName = (e: FormEvent) => {
    e.preventDefault();
    change({ name: name.trim() }, () => setRenaming(false));
  };

  return (
    <li className="margin-bottom-3">
      <Link to={searchLink(s.query)} aria-label={st('run', { name: s.name })}>
        {s.name}
      </Link>{' '}
      <span className="text-base">({s.query.q})</span>
      <div className="usa-checkbox margin-top-1">
        <input
          className="usa-checkbox__input"
          id={`${id}-alert`}
          type="checkbox"
          checked={s.alert}
          disabled={update.isPending}
          onChange={(e) => change({ alert: e.target.checked })}
        />
        <label className="usa-checkbox__label" htmlFor={`${id}-alert`}>
          {st('alertToggle', { name: s.name })}
        </label>
      </div>
      <div className="font-body-2xs">
        {s.alert ? st('alertOn') : st('alertOff')}
        {s.lastAlertedAt ? (
          <>
            {' · '}
            {st('lastAlert')} <DateTimeText at={s.lastAlertedAt} />
          </>
        ) : null}
      </div>
      {stale ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim margin-y-2" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{st('stale')}</p>
          </div>
        </div>
      ) : update.isError ? (
        <ActionError title={st('updateFailed')} error={update.error} />
      ) : null}
      {renaming ? (
        <form className="usa-form maxw-mobile-lg" onSubmit={submitName}>
          <label className="usa-label" htmlFor={`${id}-name`}>
            {st('renameLabel', { name: s.name })}
          </label>
          <input
            className="usa-input"
            id={`${id}-name`}
            name="name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="margin-top-1">
            <button type="submit" className="usa-button" disabled={update.isPending}>
              {update.isPending ? st('updating') : st('renameSave')}
            </button>
            <button
              type="button"
              className="usa-button usa-button--unstyled margin-left-1"
              onClick={() => {
                setRenaming(false);
                setName(s.name);
                update.reset();
              }}
            >
              {st('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="margin-top-1">
          <button
            type="button"
            className="usa-button usa-button--outline"
            aria-label={st('renameOf', { name: s.name })}
            onClick={() => {
              setName(s.name);
              update.reset();
              setRenaming(true);
            }}
          >
            {st('rename')}
          </button>
          <ConfirmButton
            label={st('delete')}
            question={st('deleteQuestion', { name: s.name })}
            confirmLabel={st('deleteConfirm')}
            pending={deleting}
            onConfirm={onDelete}
          />
        </div>
      )}
    </li>
  );
}
