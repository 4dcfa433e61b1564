/** The "Saved searches" section of the account page (issue 7): run or delete each. */
import { Link } from 'react-router';
import { useDeleteSavedSearch, useSavedSearches, useSavedT, searchLink } from '../hooks/saved-searches.js';
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
            <li key={s.id} className="margin-bottom-2">
              <Link to={searchLink(s.query)} aria-label={st('run', { name: s.name })}>
                {s.name}
              </Link>{' '}
              <span className="text-base">({s.query.q})</span>
              <div className="font-body-2xs">
                {s.alert ? st('alertOn') : st('alertOff')}
                {s.lastAlertedAt ? (
                  <>
                    {' · '}
                    {st('lastAlert')} <DateTimeText at={s.lastAlertedAt} />
                  </>
                ) : null}
              </div>
              <ConfirmButton
                label={st('delete')}
                question={st('deleteQuestion', { name: s.name })}
                confirmLabel={st('deleteConfirm')}
                pending={remove.isPending}
                onConfirm={() => remove.mutate(s.id)}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
