/**
 * "Save this search" on the search page (issue 7): a name and whether to be
 * e-mailed when something new matches. Signed-in readers only; the public is
 * told to sign in.
 */
import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useUiLanguage } from '../hooks/language.js';
import { queryOfParams, useSavedT, useSaveSearch } from '../hooks/saved-searches.js';
import { useMe } from '../hooks/session.js';
import { linkTo } from '../routes.js';
import { ActionError } from './QueryState.js';

export function SaveSearch() {
  const st = useSavedT();
  const me = useMe();
  const lang = useUiLanguage();
  const [params] = useSearchParams();
  const save = useSaveSearch();
  const query = queryOfParams(params);
  const [name, setName] = useState('');
  const [alert, setAlert] = useState(true);
  const id = useId();
  if (!query.q) return null;
  if (!me.data) {
    if (me.isPending) return null;
    return (
      <p className="margin-top-2">
        <Link to={linkTo.signIn(`/search?${params.toString()}`)}>{st('signInToSave')}</Link>
      </p>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name: name.trim() || query.q, query, alert, language: lang });
  };
  return (
    <section aria-labelledby={`${id}-title`} className="margin-top-3">
      <h2 id={`${id}-title`} className="font-heading-md">
        {st('saveTitle')}
      </h2>
      {save.isSuccess ? (
        <p role="status" className="usa-alert__text">
          {st('savedAs', { name: save.data.name })}
        </p>
      ) : (
        <form className="usa-form" onSubmit={submit}>
          <label className="usa-label" htmlFor={`${id}-name`}>
            {st('name')}
          </label>
          <input
            className="usa-input"
            id={`${id}-name`}
            maxLength={100}
            value={name}
            placeholder={query.q}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="usa-checkbox margin-top-1">
            <input
              className="usa-checkbox__input"
              id={`${id}-alert`}
              type="checkbox"
              checked={alert}
              onChange={(e) => setAlert(e.target.checked)}
            />
            <label className="usa-checkbox__label" htmlFor={`${id}-alert`}>
              {st('alert')}
            </label>
          </div>
          {save.isError ? <ActionError title={st('saveFailed')} error={save.error} /> : null}
          <button type="submit" className="usa-button margin-top-2" disabled={save.isPending}>
            {save.isPending ? st('saving') : st('save')}
          </button>
        </form>
      )}
    </section>
  );
}
