import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useRegisterT } from '../hooks/register.js';
import { linkTo } from '../routes.js';

/** The one search box, in the header of every page (issue 7). */
export function SearchBox() {
  const rt = useRegisterT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (q.trim()) void navigate(linkTo.search(q.trim()));
  }

  return (
    <form className="usa-search usa-search--small parley-search-form" role="search" onSubmit={submit}>
      <label className="usa-sr-only" htmlFor="parley-search-field">
        {rt('searchLabel')}
      </label>
      <input
        className="usa-input"
        id="parley-search-field"
        type="search"
        name="q"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <button className="usa-button" type="submit">
        <span className="usa-search__submit-text">{rt('searchButton')}</span>
      </button>
    </form>
  );
}
