/**
 * Route `/search?q=…`: results of the one search box with their facets (issue
 * 7). The server counts only what the reader may open; every facet value is a
 * button that narrows the results, kept in the URL so that a search can be
 * sent, and the results sort by relevance, date or priority.
 */
import '../register.css';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../components/QueryState.js';
import { SaveSearch } from '../components/SaveSearch.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useUiLanguage } from '../hooks/language.js';
import {
  SEARCH_FACETS,
  SEARCH_SORTS,
  useRegisterT,
  useSearch,
  type RegisterKey,
  type SearchFacetT,
  type SearchHitT,
  type SearchResultT,
} from '../hooks/register.js';
import { useDialogues } from '../hooks/queries.js';
import { countryName } from '../i18n/format.js';
import { reportLinks } from '../report-routes.js';
import { linkTo } from '../routes.js';

const FACETS = SEARCH_FACETS;
const FILTERS = [...FACETS, 'sort'] as const;

/** The server's snippet (escaped text with <mark>) as React elements, without injecting HTML. */
export function Snippet({ html }: { html: string }) {
  const decode = (s: string) =>
    s.replace(/&#(\d+);|&(amp|lt|gt|quot);/g, (_, n: string | undefined, name: string | undefined) =>
      n
        ? String.fromCharCode(Number(n))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[name!]!,
    );
  const parts: ReactNode[] = html
    .split(/<mark>(.*?)<\/mark>/)
    .map((part, n) =>
      n % 2 === 1 ? <mark key={n}>{decode(part)}</mark> : <Fragment key={n}>{decode(part)}</Fragment>,
    );
  return <p className="parley-search-snippet margin-y-05">{parts}</p>;
}

function hitLink(hit: SearchHitT): string {
  // Only a report may have no dialogue (not merged yet): it is read in the triage queue.
  if (hit.kind === 'report' || hit.dialogue === null) return reportLinks.triage();
  switch (hit.kind) {
    case 'issue':
      return linkTo.issue(hit.dialogue, hit.key);
    case 'meeting':
      return linkTo.meeting(hit.dialogue, Number(hit.key));
    case 'account':
    case 'readout':
      return linkTo.meeting(hit.dialogue, Number(hit.key.split('/')[0]));
    case 'outcome':
      return `${linkTo.dialogue(hit.dialogue)}#outcome-${hit.key}`;
  }
}

export function SearchPage() {
  const rt = useRegisterT();
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const api = new URLSearchParams({ q, lang, limit: '50' });
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) api.set(f, v);
  }
  const result = useSearch(api);
  const dialogues = useDialogues();
  useDocumentTitle(q ? `${q} · ${rt('searchTitle')}` : rt('searchTitle'));

  const valueLabel = (facet: SearchFacetT, value: string): string => {
    if (facet === 'kind') return rt(`kind_${value}` as RegisterKey);
    if (facet === 'economy') return countryName(value, lang);
    if (facet === 'chapter') return rt('chapterN', { code: value });
    if (facet === 'meeting') return rt('meetingN', { number: value });
    if (facet === 'status') {
      // An issue's or outcome's status, a report's (new, merged, rejected) or a readout's state.
      if (['new', 'merged', 'rejected'].includes(value)) return rt(`reportStatus_${value}` as RegisterKey);
      if (['draft', 'approved', 'published'].includes(value)) return rt(`readoutState_${value}` as RegisterKey);
      return t(`status.${value}` as 'status.open', {
        defaultValue: t(`outcomeStatus.${value}` as 'outcomeStatus.agreed'),
      });
    }
    if (facet === 'category')
      return t(`category.${value}` as 'category.tariffs', {
        defaultValue: t(`outcomeKind.${value}` as 'outcomeKind.action'),
      });
    if (facet === 'side') {
      // A side by its country (the first dialogue that has a side of that key), a joint statement in words.
      if (value === 'joint') return t('meeting.jointSide');
      const side = dialogues.data?.items.flatMap((d) => d.sides).find((x) => x.key === value);
      return side ? countryName(side.country, lang) : value;
    }
    return value;
  };

  const set = (name: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === null) next.delete(name);
      else next.set(name, value);
      return next;
    });

  const filtered = FACETS.some((f) => params.get(f));

  return (
    <>
      <h1 className="margin-top-0">{rt('searchTitle')}</h1>
      {!q ? <p>{rt('searchEmpty')}</p> : null}
      {result.isPending && q ? <Loading /> : null}
      {result.isError ? <ErrorState error={result.error} /> : null}
      {result.data && q ? (
        <div className="grid-row grid-gap">
          <aside className="tablet:grid-col-4" aria-labelledby="search-refine">
            <h2 id="search-refine" className="font-heading-md">
              {rt('refine')}
            </h2>
            <label className="usa-label" htmlFor="search-sort">
              {rt('sortBy')}
            </label>
            <select
              className="usa-select"
              id="search-sort"
              value={params.get('sort') ?? 'relevance'}
              onChange={(e) => set('sort', e.target.value === 'relevance' ? null : e.target.value)}
            >
              {SEARCH_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {rt(`sort_${sort}`)}
                </option>
              ))}
            </select>
            <Facets result={result.data} params={params} label={valueLabel} onPick={set} />
            {filtered ? (
              <button
                type="button"
                className="usa-button usa-button--unstyled margin-top-2"
                onClick={() =>
                  setParams(() => {
                    const next = new URLSearchParams({ q });
                    return next;
                  })
                }
              >
                {rt('clearFilters')}
              </button>
            ) : null}
          </aside>
          <div className="tablet:grid-col-8">
            <p role="status">
              {result.data.total === 0 ? rt('searchNone', { q }) : rt('searchResults', { count: result.data.total, q })}
            </p>
            <ol className="usa-list usa-list--unstyled">
              {result.data.items.map((hit) => (
                <li key={`${hit.kind}:${hit.dialogue}:${hit.key}`} className="margin-bottom-2">
                  <span className="usa-tag margin-right-1">{rt(`kind_${hit.kind}` as RegisterKey)}</span>
                  <Link to={hitLink(hit)}>{hit.title}</Link>
                  {hit.priority !== null ? (
                    <span className="usa-tag usa-tag--big bg-base-lighter text-ink margin-left-1">
                      {rt('priorityN', { score: hit.priority })}
                    </span>
                  ) : null}
                  <Snippet html={hit.snippet} />
                </li>
              ))}
            </ol>
          </div>
        </div>
      ) : null}
      <SaveSearch />
    </>
  );
}

function Facets({
  result,
  params,
  label,
  onPick,
}: {
  result: SearchResultT;
  params: URLSearchParams;
  label: (facet: SearchFacetT, value: string) => string;
  onPick: (name: string, value: string | null) => void;
}) {
  const rt = useRegisterT();
  return (
    <>
      {FACETS.map((facet) => {
        const counts = Object.entries(result.facets[facet] ?? {});
        if (counts.length === 0) return null;
        const chosen = params.get(facet);
        return (
          <section key={facet} aria-labelledby={`facet-${facet}`}>
            <h3 id={`facet-${facet}`} className="font-heading-sm margin-bottom-05">
              {rt(`facet_${facet}` as RegisterKey)}
            </h3>
            <ul className="usa-list usa-list--unstyled">
              {counts
                .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
                .map(([value, n]) => (
                  <li key={value}>
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      aria-pressed={chosen === value}
                      onClick={() => onPick(facet, chosen === value ? null : value)}
                    >
                      {label(facet, value)} ({n})
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
