/**
 * The public register (issue 7): pages anyone can read signed out, cite by a
 * stable link and print. They read /api/public/v1 only, so they show the
 * published record whoever looks at them.
 */
import '../register.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DialogueSummaryT, OutcomeT } from '../../shared/api.js';
import { readoutDocumentPath } from '../../shared/readout-workflow.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { DateText, DateTimeText } from '../components/DateText.js';
import { LocalText } from '../components/LocalText.js';
import { meetingTitle } from '../components/meeting-title.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { OutcomeStatusTag, StatusTag } from '../components/Tags.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useLocalize, useUiLanguage } from '../hooks/language.js';
import {
  PUBLIC_API,
  useDatasets,
  usePublicDialogues,
  usePublicIssue,
  usePublicIssues,
  usePublicOutcomes,
  usePublicReadouts,
  useRegisterT,
  type PublicIssueT,
} from '../hooks/register.js';
import { formatDate } from '../i18n/format.js';
import { linkTo } from '../routes.js';

function PrintButton() {
  const rt = useRegisterT();
  return (
    <button type="button" className="usa-button usa-button--outline parley-no-print" onClick={() => window.print()}>
      {rt('print')}
    </button>
  );
}

type Sides = DialogueSummaryT['sides'];

function useDialogueSummary(key: string) {
  const dialogues = usePublicDialogues();
  return { ...dialogues, dialogue: dialogues.data?.items.find((d) => d.key === key) };
}

/** Route `/register`: the public dialogues, and where the open data is. */
export function RegisterHomePage() {
  const rt = useRegisterT();
  const dialogues = usePublicDialogues();
  useDocumentTitle(rt('title'));
  return (
    <>
      <h1 className="margin-top-0">{rt('title')}</h1>
      <p className="usa-intro">{rt('lead')}</p>
      <h2>{rt('dialogues')}</h2>
      {dialogues.isPending ? <Loading /> : null}
      {dialogues.isError ? <ErrorState error={dialogues.error} onRetry={() => void dialogues.refetch()} /> : null}
      <ul className="usa-list">
        {dialogues.data?.items.map((d) => (
          <li key={d.key}>
            <Link to={linkTo.registerDialogue(d.key)}>
              <LocalText text={d.names.find((n) => n.side === null)?.text ?? d.names[0]?.text} />
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to={linkTo.openData()}>{rt('openData')}</Link>
      </p>
    </>
  );
}

/** Route `/register/:key`: a dialogue's published issues, outcomes and readouts, on one printable page. */
export function RegisterDialoguePage() {
  const { key = '' } = useParams();
  const rt = useRegisterT();
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const localize = useLocalize();
  const { dialogue, ...summary } = useDialogueSummary(key);
  const issues = usePublicIssues(key);
  const outcomes = usePublicOutcomes(key);
  const readouts = usePublicReadouts(key);
  const name = dialogue ? (dialogue.names.find((n) => n.side === null)?.text ?? dialogue.names[0]?.text) : undefined;
  useDocumentTitle(name ? `${localize(name).value} · ${rt('title')}` : rt('title'));

  return (
    <>
      <Breadcrumbs
        trail={[{ label: rt('title'), to: linkTo.register() }]}
        current={name ? <LocalText text={name} /> : key}
      />
      <h1 className="margin-top-0">{name ? <LocalText text={name} /> : key}</h1>
      <p className="parley-no-print">
        <PrintButton /> <a href={`${PUBLIC_API}/dialogues/${encodeURIComponent(key)}/feed.atom`}>{rt('feed')}</a>
      </p>
      {summary.isError ? <ErrorState error={summary.error} /> : null}

      <h2>{rt('issues')}</h2>
      {issues.isPending ? <Loading /> : null}
      {issues.isError ? <ErrorState error={issues.error} onRetry={() => void issues.refetch()} /> : null}
      {issues.data?.items.length === 0 ? <p>{rt('noIssues')}</p> : null}
      {issues.data?.items.map((issue) => (
        <IssueSection key={issue.key} dialogue={key} issue={issue} sides={dialogue?.sides} headingLevel={3} />
      ))}

      <h2>{rt('outcomes')}</h2>
      {outcomes.isPending ? <Loading /> : null}
      {outcomes.isError ? <ErrorState error={outcomes.error} /> : null}
      {outcomes.data?.items.length === 0 ? <p>{rt('noOutcomes')}</p> : null}
      {outcomes.data && outcomes.data.items.length > 0 ? (
        <OutcomeTable outcomes={outcomes.data.items} sides={dialogue?.sides} />
      ) : null}

      <h2>{rt('readouts')}</h2>
      {readouts.isError ? <ErrorState error={readouts.error} /> : null}
      {readouts.data?.items.length === 0 ? <p>{rt('noReadouts')}</p> : null}
      <ul className="usa-list">
        {readouts.data?.items.map((r) => (
          <li key={r.id}>
            <a href={readoutDocumentPath(key, r.meeting, r.id, 'html')} lang={r.lang === 'zh' ? 'zh-Hans' : 'en'}>
              {rt('readoutOf', { number: r.meeting, side: sideName(dialogue?.sides, r.side, lang) })}
            </a>{' '}
            · {t(`edit.language.${r.lang === 'zh' ? 'zh' : 'en'}`)}
            {r.published ? (
              <>
                {' '}
                · <DateTimeText at={r.published} />
              </>
            ) : null}{' '}
            · <a href={readoutDocumentPath(key, r.meeting, r.id, 'pdf')}>PDF</a> ·{' '}
            <a href={readoutDocumentPath(key, r.meeting, r.id, 'docx')}>Word</a>
          </li>
        ))}
      </ul>
    </>
  );
}

function OutcomeTable({ outcomes, sides }: { outcomes: OutcomeT[]; sides: Sides | undefined }) {
  const rt = useRegisterT();
  const { t } = useTranslation();
  const lang = useUiLanguage();
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption className="usa-sr-only">{rt('outcomes')}</caption>
      <thead>
        <tr>
          <th scope="col">{rt('outcomes')}</th>
          <th scope="col">{rt('kind')}</th>
          <th scope="col">{rt('owners')}</th>
          <th scope="col">{rt('status')}</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((o) => (
          <tr key={o.key} id={`outcome-${o.key}`}>
            <th scope="row" data-label={rt('outcomes')}>
              <LocalText text={o.title} />
              <br />
              <span className="text-base">{meetingTitle(t, o.meeting)}</span>
            </th>
            <td data-label={rt('kind')}>{t(`outcomeKind.${o.kind}`)}</td>
            <td data-label={rt('owners')}>{o.owners.map((s) => sideName(sides, s, lang)).join(', ')}</td>
            <td data-label={rt('status')}>
              <OutcomeStatusTag status={o.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IssueSection({
  dialogue,
  issue,
  sides,
  headingLevel,
}: {
  dialogue: string;
  issue: PublicIssueT;
  sides: Sides | undefined;
  headingLevel: 1 | 3;
}) {
  const rt = useRegisterT();
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const Heading = `h${headingLevel}` as const;
  const meetings = [...new Map(issue.raisings.map((r) => [r.meeting, r])).values()];
  return (
    <section className="parley-register-issue" aria-labelledby={`issue-${issue.key}`} id={issue.key}>
      <Heading id={`issue-${issue.key}`} className={headingLevel === 1 ? 'margin-top-0' : undefined}>
        {headingLevel === 3 ? (
          <Link to={linkTo.registerIssue(dialogue, issue.key)}>
            <LocalText text={issue.title} />
          </Link>
        ) : (
          <LocalText text={issue.title} />
        )}
      </Heading>
      {issue.summary ? (
        <p>
          <LocalText text={issue.summary} />
        </p>
      ) : null}
      <dl className="parley-register-facts">
        <dt>{rt('status')}</dt>
        <dd>
          <StatusTag status={issue.status} />
        </dd>
        <dt>{rt('raisedBy')}</dt>
        <dd>{sideName(sides, issue.raisedBy, lang)}</dd>
        <dt>{rt('respondent')}</dt>
        <dd>{sideName(sides, issue.respondent, lang)}</dd>
        <dt>{rt('category')}</dt>
        <dd>{t(`category.${issue.category}`)}</dd>
        <dt>{rt('raisedAt')}</dt>
        <dd>
          {meetings.length === 0
            ? t('common.none')
            : meetings.map((r, n) => (
                <span key={r.meeting}>
                  {n > 0 ? ', ' : ''}
                  {meetingTitle(t, r.meeting)} (<DateText date={r.date} />)
                </span>
              ))}
        </dd>
        <dt>{rt('statusHistory')}</dt>
        <dd>
          <ol className="parley-register-history">
            {issue.statusHistory.map((h) => (
              <li key={h.at}>
                {t(`status.${h.status}`)}{' '}
                <span className="text-base">{rt('since', { date: formatDate(h.at.slice(0, 10), lang) })}</span>
              </li>
            ))}
          </ol>
        </dd>
      </dl>
    </section>
  );
}

/** Route `/register/:key/issues/:issueKey`: one issue's permanent, printable page. */
export function RegisterIssuePage() {
  const { key = '', issueKey = '' } = useParams();
  const rt = useRegisterT();
  const localize = useLocalize();
  const { dialogue } = useDialogueSummary(key);
  const issue = usePublicIssue(key, issueKey);
  const name = dialogue ? (dialogue.names.find((n) => n.side === null)?.text ?? dialogue.names[0]?.text) : undefined;
  useDocumentTitle(issue.data ? `${localize(issue.data.title).value} · ${rt('title')}` : rt('title'));
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: rt('title'), to: linkTo.register() },
          { label: name ? <LocalText text={name} /> : key, to: linkTo.registerDialogue(key) },
        ]}
        current={issue.data ? <LocalText text={issue.data.title} /> : issueKey}
      />
      {issue.isPending ? <Loading /> : null}
      {issue.isError ? <ErrorState error={issue.error} headingLevel={1} /> : null}
      {issue.data ? <IssueSection dialogue={key} issue={issue.data} sides={dialogue?.sides} headingLevel={1} /> : null}
      <p>
        {rt('permalink')}: <code>{`${window.location.origin}${linkTo.registerIssue(key, issueKey)}`}</code>
      </p>
      <PrintButton />
    </>
  );
}

/** Route `/open-data`: the datasets, their downloads and their data dictionary. */
export function OpenDataPage() {
  const rt = useRegisterT();
  const datasets = useDatasets();
  useDocumentTitle(rt('openData'));
  return (
    <>
      <Breadcrumbs trail={[{ label: rt('title'), to: linkTo.register() }]} current={rt('openData')} />
      <h1 className="margin-top-0">{rt('openData')}</h1>
      <p className="usa-intro">{rt('openDataLead')}</p>
      {datasets.isPending ? <Loading /> : null}
      {datasets.isError ? <ErrorState error={datasets.error} /> : null}
      {datasets.data?.items.map((d) => (
        <section key={d.name} aria-labelledby={`dataset-${d.name}`}>
          <h2 id={`dataset-${d.name}`}>
            {d.name} <span className="text-base">v{d.version}</span>
          </h2>
          <p>
            {rt('downloads')}:{' '}
            {(['csv', 'json', 'ndjson'] as const).map((f) => (
              <span key={f}>
                <a href={`${PUBLIC_API}/datasets/${d.name}.${f}`}>{`${d.name}.${f}`}</a>{' '}
              </span>
            ))}
            · <a href={`${PUBLIC_API}/datasets/${d.name}.schema.json`}>{rt('schema')}</a>
          </p>
          <table className="usa-table usa-table--borderless width-full">
            <caption>
              {rt('dictionary')}: {d.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">{rt('column')}</th>
                <th scope="col">{rt('type')}</th>
                <th scope="col">{rt('description')}</th>
              </tr>
            </thead>
            <tbody>
              {d.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{c.type}</td>
                  <td>
                    {c.description}
                    {c.values ? (
                      <>
                        <br />
                        <span className="text-base">{rt('values', { values: c.values.join(', ') })}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
