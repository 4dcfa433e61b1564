import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DialogueT } from '../../shared/api.js';
import type { IssueReport, IssueReporters, NamedReporter } from '../../shared/reports.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { DateText } from '../components/DateText.js';
import { History } from '../components/History.js';
import { IssueResolution, IssueTimeline } from '../components/CycleWidgets.js';
import { LocalText } from '../components/LocalText.js';
import { meetingTitle } from '../components/meeting-title.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { StackedTable } from '../components/StackedTable.js';
import { StanceTag, StatusTag, VisibilityTag } from '../components/Tags.js';
import { topicLabel } from '../components/topics.js';
import { ApiError, apiGet, type IssueDetailT } from '../hooks/api.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useLocalize, useUiLanguage } from '../hooks/language.js';
import { useDialogue, useIssue } from '../hooks/queries.js';
import { may, useMe } from '../hooks/session.js';
import { countryName, hsCode } from '../i18n/format.js';
import { intlLocale } from '../i18n/index.js';
import { linkTo } from '../routes.js';

// Only the owning side's editors ever open the form: it loads on first use.
const IssueEditor = lazy(() => import('../components/IssueEditor.js').then((m) => ({ default: m.IssueEditor })));

/** Route `/dialogues/:key/issues/:issueKey`: one issue, how it is classified and where it was raised. */
export function IssuePage() {
  const { key = '', issueKey = '' } = useParams();
  const { t } = useTranslation();
  const localize = useLocalize();
  const dialogue = useDialogue(key);
  const issue = useIssue(key, issueKey);
  const me = useMe();
  // Both remember the issue they belong to, so that following a link to another issue leaves them behind.
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ key: string; version: number } | null>(null);
  const editing = editingKey === issueKey;
  const savedVersion = saved?.key === issueKey ? saved.version : null;
  const editButton = useRef<HTMLButtonElement>(null);
  const dialogueName = dialogue.data?.names[0]?.text;
  useDocumentTitle(issue.data ? localize(issue.data.title).value : t('issues.title'));

  const trail = [
    { label: t('nav.home'), to: linkTo.dialogues() },
    { label: dialogueName ? <LocalText text={dialogueName} /> : key, to: linkTo.dialogue(key) },
    { label: t('issues.title'), to: linkTo.issues(key) },
  ];

  if (issue.isPending) return <Loading />;
  if (issue.isError) {
    return (
      <>
        <Breadcrumbs trail={trail} current={issueKey} />
        <ErrorState error={issue.error} onRetry={() => void issue.refetch()} headingLevel={1} />
      </>
    );
  }
  const i = issue.data;
  // Only the side that owns an issue may change it, and only in a role that may change issues.
  const mayEdit = may(me.data, 'issue.update') && me.data?.user.side === i.owner;
  const finishEditing = (result?: { version: number }) => {
    setEditingKey(null);
    setSaved(result ? { key: issueKey, version: result.version } : null);
    // Back to the button that opened the form, once it is back on the page.
    setTimeout(() => editButton.current?.focus(), 0);
  };
  return (
    <>
      <Breadcrumbs trail={trail} current={<LocalText text={i.title} />} />
      <div className="parley-title-row">
        <h1 className="margin-top-0 margin-bottom-1">
          <LocalText text={i.title} />
        </h1>
        {mayEdit && !editing ? (
          <button
            ref={editButton}
            type="button"
            className="usa-button usa-button--outline margin-0"
            onClick={() => {
              setSaved(null);
              setEditingKey(issueKey);
            }}
          >
            {t('edit.button')}
          </button>
        ) : null}
      </div>
      <p className="margin-top-0 parley-tags">
        <StatusTag status={i.status} />
        <VisibilityTag visibility={i.visibility} />
      </p>
      {savedVersion !== null ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t('edit.saved', { version: savedVersion })}</p>
          </div>
        </div>
      ) : null}
      {mayEdit && editing ? (
        <Suspense fallback={<Loading />}>
          <IssueEditor dialogueKey={key} issue={i} onCancel={() => finishEditing()} onSaved={finishEditing} />
        </Suspense>
      ) : null}
      {i.summary ? (
        <p className="usa-intro">
          <LocalText text={i.summary} />
        </p>
      ) : null}
      <NonNegotiable issue={i} dialogue={dialogue.data} />
      <Details issue={i} dialogue={dialogue.data} />
      <RaisedAt issue={i} dialogueKey={key} dialogue={dialogue.data} />
      <ReportedBy dialogueKey={key} issueKey={issueKey} />
      <IssueTimeline dialogueKey={key} issueKey={issueKey} sides={dialogue.data?.sides} />
      <IssueResolution dialogueKey={key} issueKey={issueKey} sides={dialogue.data?.sides} />
      <History kind="issues" id={i.id} />
    </>
  );
}

/**
 * An issue on a topic that a side has declared non-negotiable can be discussed
 * but not put on a joint agenda for negotiation: say so where the issue is read.
 */
function NonNegotiable({ issue, dialogue }: { issue: IssueDetailT; dialogue: DialogueT | undefined }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const principles = (dialogue?.principles ?? []).filter(
    (p) => p.kind === 'non-negotiable' && issue.topics.includes(p.topic),
  );
  return (
    <>
      {principles.map((principle, n) => (
        <div key={n} className="usa-alert usa-alert--warning usa-alert--slim margin-y-3">
          <div className="usa-alert__body">
            <p className="usa-alert__text text-bold">
              {t('issue.nonNegotiable', {
                side: sideName(dialogue?.sides, principle.side, lang),
                topic: topicLabel(t, principle.topic),
              })}
            </p>
            <p className="usa-alert__text">
              <LocalText text={principle.text} />
            </p>
          </div>
        </div>
      ))}
    </>
  );
}

function Details({ issue, dialogue }: { issue: IssueDetailT; dialogue: DialogueT | undefined }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const none = <span className="text-base-dark">{t('common.none')}</span>;
  const list = (items: ReactNode[]): ReactNode =>
    items.length === 0 ? (
      none
    ) : (
      <ul className="usa-list usa-list--unstyled parley-inline-list">
        {items.map((item, n) => (
          <li key={n}>{item}</li>
        ))}
      </ul>
    );
  return (
    <section aria-labelledby="details-heading" className="parley-panel margin-top-4">
      <h2 id="details-heading" className="margin-top-0 font-heading-lg">
        {t('issue.details')}
      </h2>
      <div className="grid-row grid-gap-lg">
        <dl className="parley-facts tablet:grid-col-6">
          <dt>{t('issue.raisedBy')}</dt>
          <dd>{sideName(dialogue?.sides, issue.raisedBy, lang)}</dd>
          <dt>{t('issue.respondent')}</dt>
          <dd>{sideName(dialogue?.sides, issue.respondent, lang)}</dd>
          <dt>{t('issue.category')}</dt>
          <dd>{t(`category.${issue.category}`)}</dd>
          <dt>{t('issue.topics')}</dt>
          <dd>{list(issue.topics.map((topic) => topicLabel(t, topic)))}</dd>
          <dt>{t('issue.status')}</dt>
          <dd>{t(`status.${issue.status}`)}</dd>
          <dt>{t('issue.visibility')}</dt>
          <dd>
            {t(`visibility.${issue.visibility}`)}
            <span className="display-block font-sans-2xs text-base-dark">
              {t(`visibilityHint.${issue.visibility}`)}
            </span>
          </dd>
        </dl>
        <dl className="parley-facts tablet:grid-col-6">
          <dt>{t('issue.sectors')}</dt>
          <dd>{list(issue.sectors.map((sector, n) => <LocalText key={n} text={sector} />))}</dd>
          <dt>{t('issue.products')}</dt>
          <dd>
            {list(
              issue.products.map((code) => {
                const hs = hsCode(code);
                return t(`hs.${hs.level}`, { code: hs.code });
              }),
            )}
          </dd>
          <dt>{t('issue.economies')}</dt>
          <dd>{list(issue.economies.map((code) => countryName(code, lang)))}</dd>
          <dt>{t('issue.regions')}</dt>
          <dd>{list(issue.regions.map((region, n) => <LocalText key={n} text={region} />))}</dd>
        </dl>
      </div>
    </section>
  );
}

function RaisedAt({
  issue,
  dialogueKey,
  dialogue,
}: {
  issue: IssueDetailT;
  dialogueKey: string;
  dialogue: DialogueT | undefined;
}) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const raisings = [...issue.raisings].sort((a, b) => a.meeting - b.meeting);
  return (
    <section aria-labelledby="raised-heading" className="margin-top-5">
      <h2 id="raised-heading">{t('issue.raisedAt')}</h2>
      {raisings.length === 0 ? (
        <p>{t('issue.neverRaised')}</p>
      ) : (
        <StackedTable
          caption={t('issue.raisedAtCaption')}
          columns={[t('issue.meeting'), t('issue.date'), t('issue.account'), t('issue.by'), t('issue.stance')]}
        >
          {raisings.map((raising, n) => (
            <tr key={n}>
              <th scope="row" data-label={t('issue.meeting')}>
                <Link className="usa-link" to={linkTo.meeting(dialogueKey, raising.meeting)}>
                  {meetingTitle(t, raising.meeting)}
                </Link>
              </th>
              <td data-label={t('issue.date')}>
                <DateText date={raising.date} />
              </td>
              <td data-label={t('issue.account')}>
                {raising.side === null ? t('meeting.joint') : sideName(dialogue?.sides, raising.side, lang)}
              </td>
              <td data-label={t('issue.by')}>{sideName(dialogue?.sides, raising.by, lang)}</td>
              <td data-label={t('issue.stance')}>
                <StanceTag stance={raising.stance} />
              </td>
            </tr>
          ))}
        </StackedTable>
      )}
    </section>
  );
}

const isFullReport = (item: IssueReport | NamedReporter): item is IssueReport => 'reference' in item;

/**
 * "Reported by": the reports merged into the issue, as far as each reporter
 * consented (docs/REPORTS.md). The server decides what the reader gets: the
 * receiving side's leads and analysts get each report (a table); anyone else
 * the names of the organisations that agreed to be named to them, and how many
 * others asked not to be. Nothing is shown when no report stands behind the
 * issue. There is no page for a merged report (triage lists new ones only), so
 * a reference is not a link.
 */
function ReportedBy({ dialogueKey, issueKey }: { dialogueKey: string; issueKey: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const reporters = useQuery({
    queryKey: ['issue-reporters', dialogueKey, issueKey],
    queryFn: ({ signal }) =>
      apiGet<IssueReporters>(
        `/api/v1/dialogues/${encodeURIComponent(dialogueKey)}/issues/${encodeURIComponent(issueKey)}/reports`,
        signal,
      ),
  });
  if (reporters.isPending) return null;
  if (reporters.isError) {
    // The issue itself loaded: a 404 here says nothing new; anything else is worth saying.
    if (reporters.error instanceof ApiError && reporters.error.status === 404) return null;
    return (
      <section aria-labelledby="reported-heading" className="margin-top-5">
        <h2 id="reported-heading">{t('issue.reportedBy.title')}</h2>
        <ErrorState error={reporters.error} onRetry={() => void reporters.refetch()} />
      </section>
    );
  }
  const { items, unnamed } = reporters.data;
  const full = items.filter(isFullReport);
  const named = items.filter((item) => !isFullReport(item));
  if (items.length === 0 && unnamed === 0) return null;
  const number = new Intl.NumberFormat(intlLocale(lang));
  return (
    <section aria-labelledby="reported-heading" className="margin-top-5">
      <h2 id="reported-heading">{t('issue.reportedBy.title')}</h2>
      {full.length > 0 ? (
        <>
          <p className="text-base-dark">{t('issue.reportedBy.intro')}</p>
          <StackedTable
            caption={t('issue.reportedBy.caption')}
            columns={[
              t('issue.reportedBy.reference'),
              t('issue.reportedBy.received'),
              t('issue.reportedBy.organisation'),
              t('issue.reportedBy.value'),
              t('issue.reportedBy.status'),
            ]}
          >
            {full.map((r) => (
              <tr key={r.reference}>
                <th scope="row" data-label={t('issue.reportedBy.reference')}>
                  {r.reference}
                </th>
                <td data-label={t('issue.reportedBy.received')}>
                  <DateText date={r.receivedAt.slice(0, 10)} />
                </td>
                <td data-label={t('issue.reportedBy.organisation')}>
                  <span lang={htmlLangOf(r.language)}>{r.organisation.name}</span>
                  <span className="display-block font-sans-2xs text-base-dark">
                    {t(`issue.reportedBy.kind.${r.organisation.kind}`)}
                  </span>
                </td>
                <td data-label={t('issue.reportedBy.value')}>
                  {r.impact?.tradeValue !== undefined
                    ? `${number.format(r.impact.tradeValue)}${r.impact.currency ? ` ${r.impact.currency}` : ''}`
                    : t('issue.reportedBy.notGiven')}
                  {r.impact?.companiesAffected !== undefined ? (
                    <span className="display-block font-sans-2xs text-base-dark">
                      {t('issue.reportedBy.companiesAffected', { count: r.impact.companiesAffected })}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('issue.reportedBy.status')}>{t(`issue.reportedBy.reportStatus.${r.status}`)}</td>
              </tr>
            ))}
          </StackedTable>
        </>
      ) : null}
      {named.length > 0 ? (
        <>
          <p className="margin-bottom-1">{t('issue.reportedBy.named')}</p>
          <ul className="usa-list">
            {named.map((r) => (
              <li key={`${r.organisation.kind}:${r.organisation.name}`}>
                {r.organisation.name}{' '}
                <span className="text-base-dark">({t(`issue.reportedBy.kind.${r.organisation.kind}`)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unnamed > 0 ? (
        <p>
          {full.length + named.length > 0
            ? t('issue.reportedBy.others', { count: unnamed })
            : t('issue.reportedBy.unnamedOnly', { count: unnamed })}
        </p>
      ) : null}
    </section>
  );
}

/** The `lang` of a text the reporter wrote in one of the report languages. */
const htmlLangOf = (language: IssueReport['language']) => (language === 'zh' ? 'zh-Hans' : 'en');
