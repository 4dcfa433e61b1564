import { useTranslation } from 'react-i18next';
import { useUiLanguage } from '../hooks/language.js';
import { useHistory } from '../hooks/queries.js';
import type { FieldChangeT, HistoryEntryT, HistoryKind } from '../hooks/types.js';
import { htmlLang } from '../i18n/index.js';
import { localizeString } from '../i18n/localize.js';
import { CATEGORIES, ISSUE_STATUSES, MEETING_FORMATS, VISIBILITIES } from '../vocabulary.js';
import { DateTimeText } from './DateText.js';
import { Email } from './Email.js';
import { ErrorState, Loading } from './QueryState.js';
import { StackedTable } from './StackedTable.js';

/** Bookkeeping that changes with every write and says nothing the entry does not already say. */
const HIDDEN_FIELDS = new Set(['version', 'updated_at', 'updatedAt']);
/** Actions the catalogues word; anything else is shown as the audit trail names it. */
const VERBS = ['create', 'update', 'delete', 'import'] as const;
type Verb = (typeof VERBS)[number];

/**
 * A record's audit history (GET /api/v1/{kind}/{id}/history), newest first:
 * when, who, what, and each changed field with its value before and after.
 * Field names stay as the audit trail writes them, in a code font: they are
 * the record's keys, the same in both languages.
 */
export function History({ kind, id }: { kind: HistoryKind; id: string }) {
  const { t } = useTranslation();
  const history = useHistory(kind, id);
  return (
    <section aria-labelledby="history-heading" className="margin-top-5">
      <h2 id="history-heading">{t('history.title')}</h2>
      <p className="margin-top-0 measure-5">{t('history.lead')}</p>
      {history.isPending ? <Loading /> : null}
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} headingLevel={3} />
      ) : null}
      {history.data && history.data.length === 0 ? <p>{t('history.empty')}</p> : null}
      {history.data && history.data.length > 0 ? (
        <StackedTable
          caption={t('history.caption')}
          className="parley-history"
          columns={[t('history.when'), t('history.who'), t('history.what'), t('history.changes')]}
        >
          {history.data.map((entry) => (
            <tr key={entry.position} data-position={entry.position}>
              <th scope="row" data-label={t('history.when')} className="text-no-wrap">
                <DateTimeText at={entry.at} />
              </th>
              <td data-label={t('history.who')}>
                <Actor actor={entry.actor} />
              </td>
              <td data-label={t('history.what')}>
                <Action action={entry.action} />
              </td>
              <td data-label={t('history.changes')}>
                <Changes entry={entry} />
              </td>
            </tr>
          ))}
        </StackedTable>
      ) : null}
    </section>
  );
}

function Actor({ actor }: { actor: string }) {
  const { t } = useTranslation();
  if (actor === 'system') return <>{t('history.actor.system')}</>;
  if (actor === 'cli') return <>{t('history.actor.cli')}</>;
  if (actor === 'public') return <>{t('history.actor.public')}</>;
  return <Email address={actor} />;
}

function Action({ action }: { action: string }) {
  const { t } = useTranslation();
  const verb = action.slice(action.lastIndexOf('.') + 1);
  if ((VERBS as readonly string[]).includes(verb)) return <>{t(`history.action.${verb as Verb}`)}</>;
  return <code className="font-mono-2xs">{action}</code>;
}

function Changes({ entry }: { entry: HistoryEntryT }) {
  const { t } = useTranslation();
  if (entry.beforeWithheld) {
    return <span className="text-base-dark">{t('history.beforeWithheld')}</span>;
  }
  if (entry.changes === null) {
    return <span className="text-base-dark">{entry.before === null ? t('history.firstVersion') : ''}</span>;
  }
  const rows = entry.changes.filter((c) => !HIDDEN_FIELDS.has(c.field)).flatMap(splitByLanguage);
  if (rows.length === 0) return <span className="text-base-dark">{t('history.noChange')}</span>;
  return (
    <ul className="usa-list usa-list--unstyled parley-changes">
      {rows.map((change) => (
        <li key={`${change.field}/${change.lang ?? ''}`} className="parley-change">
          <code className="parley-change__field">
            {change.field}
            {change.lang ? `.${change.lang}` : ''}
          </code>
          <span className="parley-change__values">
            <span className="usa-sr-only">{t('history.before')}</span>
            <del className="parley-change__before">
              <Value field={change.field} value={change.before} lang={change.lang} />
            </del>
            <span aria-hidden="true" className="parley-change__arrow">
              {' → '}
            </span>
            <span className="usa-sr-only">{t('history.after')}</span>
            <ins className="parley-change__after">
              <Value field={change.field} value={change.after} lang={change.lang} />
            </ins>
          </span>
        </li>
      ))}
    </ul>
  );
}

interface Row extends FieldChangeT {
  /** For a localized text, the one language of it that changed. */
  lang?: string;
}

type Text = Record<string, string>;

function isText(value: unknown): value is Text {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.entries(value).every(([k, v]) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(k) && typeof v === 'string')
  );
}

/**
 * A localized text that changed in one language shows that language only:
 * the title in English and Chinese side by side, with only the Chinese
 * changed, would make the reader hunt for the difference.
 */
function splitByLanguage(change: FieldChangeT): Row[] {
  const before = change.before;
  const after = change.after;
  const beforeText = isText(before) ? before : before === null ? {} : undefined;
  const afterText = isText(after) ? after : after === null ? {} : undefined;
  if (!beforeText || !afterText || (!isText(before) && !isText(after))) return [change];
  const langs = [...new Set([...Object.keys(beforeText), ...Object.keys(afterText)])];
  return langs
    .filter((lang) => beforeText[lang] !== afterText[lang])
    .map((lang) => ({ field: change.field, lang, before: beforeText[lang] ?? null, after: afterText[lang] ?? null }));
}

function Value({ field, value, lang }: { field: string; value: unknown; lang: string | undefined }) {
  const { t } = useTranslation();
  const ui = useUiLanguage();
  const none = <span className="parley-change__none">{t('history.noValue')}</span>;
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string') {
    const label = vocabularyLabel(t, field, value);
    if (label) return <>{label}</>;
    return lang ? <span lang={htmlLang(lang)}>{value}</span> : <>{value}</>;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return <>{String(value)}</>;
  if (isText(value)) return <>{localizeString(value, ui)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return none;
    const items: string[] = value.map((item) =>
      typeof item === 'string' ? item : isText(item) ? localizeString(item, ui) : JSON.stringify(item),
    );
    return <>{items.join(t('history.listSeparator'))}</>;
  }
  return <code className="font-mono-3xs parley-break">{JSON.stringify(value)}</code>;
}

/** Closed-list values in words ("open" → "Open" / "进行中"); other values as they are. */
function vocabularyLabel(t: ReturnType<typeof useTranslation>['t'], field: string, value: string): string | undefined {
  const has = (list: readonly string[]) => list.includes(value);
  if (field === 'status' && has(ISSUE_STATUSES)) return t(`status.${value as (typeof ISSUE_STATUSES)[number]}`);
  if (field === 'visibility' && has(VISIBILITIES)) return t(`visibility.${value as (typeof VISIBILITIES)[number]}`);
  if (field === 'category' && has(CATEGORIES)) return t(`category.${value as (typeof CATEGORIES)[number]}`);
  if (field === 'format' && has(MEETING_FORMATS)) return t(`format.${value as (typeof MEETING_FORMATS)[number]}`);
  return undefined;
}
