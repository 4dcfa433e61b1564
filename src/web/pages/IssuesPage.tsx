import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { DialogueT, IssueT } from '../../shared/api.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { LocalText } from '../components/LocalText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { StatusTag, VisibilityTag } from '../components/Tags.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import type { UiLanguage } from '../i18n/index.js';
import { useLocalize, useUiLanguage } from '../hooks/language.js';
import { useDialogue, useIssues } from '../hooks/queries.js';
import { filtersFromSearch, ISSUE_FILTER_NAMES, linkTo, type IssueFilters } from '../routes.js';
import { CATEGORIES, ISSUE_STATUSES } from '../vocabulary.js';

/**
 * Route `/dialogues/:key/issues`: the issues of one dialogue, filtered by the
 * URL query (so that a filtered list can be bookmarked and sent), a page at a
 * time.
 */
export function IssuesPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const localize = useLocalize();
  const lang = useUiLanguage();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const dialogue = useDialogue(key);
  const issues = useIssues(key, filters);
  const dialogueName = dialogue.data?.names[0]?.text;
  useDocumentTitle(dialogueName ? `${t('issues.title')} · ${localize(dialogueName).value}` : t('issues.title'));

  function setFilter(name: keyof IssueFilters, value: string) {
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  }

  function clearFilters() {
    setSearch((current) => {
      const next = new URLSearchParams(current);
      for (const name of ISSUE_FILTER_NAMES) next.delete(name);
      return next;
    });
  }

  const items = issues.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = ISSUE_FILTER_NAMES.some((name) => filters[name]);

  return (
    <>
      <Breadcrumbs
        trail={[
          { label: t('nav.home'), to: linkTo.dialogues() },
          { label: dialogueName ? <LocalText text={dialogueName} /> : key, to: linkTo.dialogue(key) },
        ]}
        current={t('issues.title')}
      />
      <h1 className="margin-top-0">{t('issues.title')}</h1>
      {dialogueName ? (
        <p className="usa-intro">{t('issues.lead', { dialogue: localize(dialogueName).value })}</p>
      ) : null}

      <form
        className="parley-filters"
        role="search"
        aria-label={t('issues.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="grid-row grid-gap">
          <FilterSelect
            name="status"
            label={t('issues.status')}
            value={filters.status}
            options={ISSUE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onChange={setFilter}
          />
          <FilterSelect
            name="category"
            label={t('issues.category')}
            value={filters.category}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            onChange={setFilter}
          />
          <FilterSelect
            name="raisedBy"
            label={t('issues.raisedBy')}
            value={filters.raisedBy}
            options={sideOptions(dialogue.data, lang)}
            onChange={setFilter}
          />
          <FilterSelect
            name="respondent"
            label={t('issues.respondent')}
            value={filters.respondent}
            options={sideOptions(dialogue.data, lang)}
            onChange={setFilter}
          />
        </div>
        {filtered ? (
          <button type="button" className="usa-button usa-button--unstyled margin-top-2" onClick={clearFilters}>
            {t('issues.clear')}
          </button>
        ) : null}
      </form>

      {issues.isPending ? <Loading /> : null}
      {issues.isError ? <ErrorState error={issues.error} onRetry={() => void issues.refetch()} /> : null}
      {issues.data ? (
        <>
          <p className="margin-top-3 text-base-dark" role="status" aria-live="polite">
            {t('issues.shown', { count: items.length })}
          </p>
          {items.length === 0 ? (
            <p>{t('issues.empty')}</p>
          ) : (
            <IssuesTable dialogueKey={key} dialogue={dialogue.data} issues={items} />
          )}
          {issues.hasNextPage ? (
            <button
              type="button"
              className="usa-button usa-button--outline"
              onClick={() => void issues.fetchNextPage()}
              disabled={issues.isFetchingNextPage}
            >
              {issues.isFetchingNextPage ? t('common.loadingMore') : t('issues.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function sideOptions(dialogue: DialogueT | undefined, lang: UiLanguage): { value: string; label: string }[] {
  return (dialogue?.sides ?? []).map((side) => ({ value: side.key, label: sideName(dialogue?.sides, side.key, lang) }));
}

function FilterSelect({
  name,
  label,
  value,
  options,
  onChange,
}: {
  name: keyof IssueFilters;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (name: keyof IssueFilters, value: string) => void;
}) {
  const { t } = useTranslation();
  const id = `filter-${name}`;
  return (
    <div className="mobile-lg:grid-col-6 desktop:grid-col-3">
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <select
        className="usa-select"
        id={id}
        name={name}
        value={value ?? ''}
        onChange={(e) => onChange(name, e.target.value)}
      >
        <option value="">{t('issues.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function IssuesTable({
  dialogueKey,
  dialogue,
  issues,
}: {
  dialogueKey: string;
  dialogue: DialogueT | undefined;
  issues: IssueT[];
}) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  return (
    <div className="usa-table-container--scrollable">
      <table className="usa-table usa-table--stacked usa-table--borderless width-full">
        <caption className="usa-sr-only">{t('issues.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('issues.issue')}</th>
            <th scope="col">{t('issues.sides')}</th>
            <th scope="col">{t('issues.category')}</th>
            <th scope="col">{t('issues.status')}</th>
            <th scope="col">{t('issues.visibility')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={issue.key}>
              <th scope="row" data-label={t('issues.issue')}>
                <Link className="usa-link" to={linkTo.issue(dialogueKey, issue.key)}>
                  <LocalText text={issue.title} />
                </Link>
              </th>
              <td data-label={t('issues.sides')} className="text-no-wrap">
                {t('common.sideToSide', {
                  from: sideName(dialogue?.sides, issue.raisedBy, lang),
                  to: sideName(dialogue?.sides, issue.respondent, lang),
                })}
              </td>
              <td data-label={t('issues.category')}>{t(`category.${issue.category}`)}</td>
              <td data-label={t('issues.status')}>
                <StatusTag status={issue.status} />
              </td>
              <td data-label={t('issues.visibility')}>
                <VisibilityTag visibility={issue.visibility} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
