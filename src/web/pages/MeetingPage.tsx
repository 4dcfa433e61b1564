import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccountT, DialogueT, IssueT, MeetingDetailT, OutcomeT } from '../../shared/api.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { DateText } from '../components/DateText.js';
import { History } from '../components/History.js';
import { MeetingCycleLinks } from '../components/CycleWidgets.js';
import { ReadoutPanel } from '../components/ReadoutPanel.js';
import { LocalText } from '../components/LocalText.js';
import { meetingTitle } from '../components/meeting-title.js';
import { PersonWithTitle } from '../components/people.js';
import { PlaceText } from '../components/PlaceText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { OutcomeStatusTag, StanceTag } from '../components/Tags.js';
import { useDocumentTitle } from '../hooks/document-title.js';
import { useLocalize, useUiLanguage } from '../hooks/language.js';
import { useDialogue, useIssueIndex, useMeeting } from '../hooks/queries.js';
import { formatDate, languageName } from '../i18n/format.js';
import { linkTo } from '../routes.js';
import { OUTCOME_KINDS } from '../vocabulary.js';
import { NotFoundPage } from './NotFoundPage.js';

/**
 * Route `/dialogues/:key/meetings/:number`: one meeting and, side by side,
 * what each side said happened at it. The accounts are never merged: the two
 * readouts of one meeting often differ, and that difference is the record.
 */
export function MeetingPage() {
  const { key = '', number: numberParam = '' } = useParams();
  const number = /^[1-9]\d{0,8}$/.test(numberParam) ? Number(numberParam) : undefined;
  if (number === undefined) return <NotFoundPage />;
  return <Meeting dialogueKey={key} number={number} />;
}

function Meeting({ dialogueKey, number }: { dialogueKey: string; number: number }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const dialogue = useDialogue(dialogueKey);
  const meeting = useMeeting(dialogueKey, number);
  const issues = useIssueIndex(dialogueKey);
  const title = meetingTitle(t, number);
  const dialogueName = dialogue.data?.names[0]?.text;
  useDocumentTitle(dialogueName ? `${title} · ${localize(dialogueName).value}` : title);

  const trail = [
    { label: t('nav.home'), to: linkTo.dialogues() },
    { label: dialogueName ? <LocalText text={dialogueName} /> : dialogueKey, to: linkTo.dialogue(dialogueKey) },
  ];

  if (meeting.isPending || dialogue.isPending) return <Loading />;
  const failed = meeting.error ?? dialogue.error;
  if (failed) {
    return (
      <>
        <Breadcrumbs trail={trail} current={title} />
        <ErrorState
          headingLevel={1}
          error={failed}
          onRetry={() => {
            void meeting.refetch();
            void dialogue.refetch();
          }}
        />
      </>
    );
  }
  const m = meeting.data;
  const d = dialogue.data;
  if (!m || !d) return <Loading />;

  return (
    <>
      <Breadcrumbs trail={trail} current={title} />
      <p className="parley-eyebrow">
        <LocalText text={dialogueName} />
      </p>
      <h1 className="margin-top-0">{title}</h1>
      <MeetingCycleLinks dialogueKey={dialogueKey} number={number} />
      <p className="usa-intro margin-top-0">
        <DateText date={m.date} endDate={m.endDate} />
        {m.place ? (
          <>
            {' · '}
            <PlaceText place={m.place} />
          </>
        ) : null}
      </p>
      <MeetingFacts meeting={m} dialogue={d} />
      <Accounts meeting={m} dialogue={d} issues={issues.data} />
      <ReadoutPanel
        dialogueKey={d.key}
        meetingNumber={m.number}
        sides={d.sides}
        accountSides={m.accounts.map((a) => a.side)}
      />
      <History kind="meetings" id={m.id} />
    </>
  );
}

function MeetingFacts({ meeting, dialogue }: { meeting: MeetingDetailT; dialogue: DialogueT }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  return (
    <section aria-labelledby="details-heading" className="parley-panel">
      <h2 id="details-heading" className="usa-sr-only">
        {t('meeting.details')}
      </h2>
      <div className="grid-row grid-gap-lg">
        <dl className="parley-facts tablet:grid-col-4">
          <dt>{t('meeting.format')}</dt>
          <dd>{t(`format.${meeting.format}`)}</dd>
          <dt>{t('meeting.host')}</dt>
          <dd>{meeting.host ? sideName(dialogue.sides, meeting.host, lang) : t('common.notRecorded')}</dd>
        </dl>
        <dl className="parley-facts tablet:grid-col-8">
          <dt>{t('meeting.chairs')}</dt>
          <dd>
            {meeting.chairs.length === 0 ? t('common.notRecorded') : null}
            <ul className="usa-list usa-list--unstyled">
              {meeting.chairs.map((chair) => (
                <li key={chair} className="margin-bottom-1">
                  <PersonWithTitle people={dialogue.people} personKey={chair} />
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('meeting.participants')}</dt>
          <dd>
            {meeting.participants.length === 0 ? t('common.notRecorded') : null}
            <ul className="usa-list usa-list--unstyled">
              {meeting.participants.map((participant, i) => (
                <li key={i} className="margin-bottom-05">
                  <span className="text-bold">{sideName(dialogue.sides, participant.side, lang)}</span>
                  {t('common.labelSeparator')}
                  <LocalText text={participant.text} />
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </div>
    </section>
  );
}

function Accounts({
  meeting,
  dialogue,
  issues,
}: {
  meeting: MeetingDetailT;
  dialogue: DialogueT;
  issues: Map<string, IssueT> | undefined;
}) {
  const { t } = useTranslation();
  const joint = meeting.accounts.filter((a) => a.side === null);
  // Sides in the dialogue's own order, so the columns do not swap from one meeting to the next.
  const order = (side: string | null) => {
    const i = dialogue.sides.findIndex((s) => s.key === side);
    return i === -1 ? dialogue.sides.length : i;
  };
  const bySide = meeting.accounts.filter((a) => a.side !== null).sort((a, b) => order(a.side) - order(b.side));
  return (
    <section aria-labelledby="accounts-heading" className="margin-top-5">
      <h2 id="accounts-heading">{t('meeting.accounts')}</h2>
      <p className="margin-top-0 measure-5">{t('meeting.accountsLead')}</p>
      {meeting.accounts.length === 0 ? <p>{t('meeting.noAccounts')}</p> : null}
      {joint.map((account) => (
        <AccountView key={account.id} account={account} dialogue={dialogue} issues={issues} joint />
      ))}
      {bySide.length > 0 ? (
        <div className="grid-row grid-gap-lg parley-accounts">
          {bySide.map((account) => (
            <div key={account.id} className={bySide.length > 1 ? 'desktop:grid-col-6' : 'grid-col-12'}>
              <AccountView account={account} dialogue={dialogue} issues={issues} />
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}

function AccountView({
  account,
  dialogue,
  issues,
  joint = false,
}: {
  account: AccountT;
  dialogue: DialogueT;
  issues: Map<string, IssueT> | undefined;
  joint?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const side = account.side === null ? undefined : dialogue.sides.find((s) => s.key === account.side);
  const headingId = `account-${account.side ?? 'joint'}`;
  const heading = account.side === null ? t('meeting.joint') : sideName(dialogue.sides, account.side, lang);
  return (
    <article
      className={`parley-account${joint ? ' parley-account--joint' : ''}`}
      aria-labelledby={headingId}
      data-side={account.side ?? 'joint'}
    >
      <header className="parley-account__header">
        <p className="parley-eyebrow">{t('meeting.account')}</p>
        <h3 id={headingId} className="margin-0">
          {heading}
        </h3>
        {side ? (
          <p className="margin-top-05 margin-bottom-0 font-sans-2xs text-base-dark">
            <LocalText text={side.agency} />
          </p>
        ) : null}
      </header>
      <div className="parley-account__body">
        <dl className="parley-facts">
          {account.published ? (
            <>
              <dt>{t('meeting.published')}</dt>
              <dd>
                <DateText date={account.published} />
              </dd>
            </>
          ) : null}
          {account.source?.title || account.source?.url ? (
            <>
              <dt>{t('meeting.source')}</dt>
              <dd>
                <Source source={account.source} />
              </dd>
            </>
          ) : null}
        </dl>

        <h4 className="parley-account__section">{t('meeting.issuesRaised')}</h4>
        <RaisedIssues account={account} dialogue={dialogue} issues={issues} />

        <h4 className="parley-account__section">{t('meeting.outcomes')}</h4>
        <Outcomes outcomes={account.outcomes} />

        {account.nextMeeting ? (
          <>
            <h4 className="parley-account__section">{t('meeting.nextMeeting')}</h4>
            <NextMeeting next={account.nextMeeting} dialogue={dialogue} />
          </>
        ) : null}

        {account.notes ? (
          <>
            <h4 className="parley-account__section">{t('meeting.notes')}</h4>
            <p>
              <LocalText text={account.notes} />
            </p>
          </>
        ) : null}
      </div>
    </article>
  );
}

function Source({ source }: { source: NonNullable<AccountT['source']> }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const label = source.title ?? source.url ?? '';
  return (
    <>
      {source.url ? (
        <a className="usa-link" href={source.url} rel="noreferrer">
          {label}
        </a>
      ) : (
        <cite>{label}</cite>
      )}
      {source.language ? (
        <span className="display-block font-sans-2xs text-base-dark">
          {t('meeting.sourceLanguage', { language: languageName(source.language, lang) })}
        </span>
      ) : null}
    </>
  );
}

function RaisedIssues({
  account,
  dialogue,
  issues,
}: {
  account: AccountT;
  dialogue: DialogueT;
  issues: Map<string, IssueT> | undefined;
}) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (account.raised.length === 0) return <p className="text-base-dark">{t('meeting.noIssuesRaised')}</p>;
  // Grouped by the side that raised them: an account can record what the other side raised too.
  const groups = new Map<string, AccountT['raised']>();
  for (const raised of account.raised) groups.set(raised.by, [...(groups.get(raised.by) ?? []), raised]);
  return (
    <>
      {[...groups].map(([by, raisedList]) => (
        <div key={by}>
          {groups.size > 1 || by !== account.side ? (
            <p className="parley-group-label">{t('meeting.raisedBy', { side: sideName(dialogue.sides, by, lang) })}</p>
          ) : null}
          <ul className="usa-list usa-list--unstyled parley-items">
            {raisedList.map((raised) => {
              const issue = issues?.get(raised.issue);
              return (
                <li key={raised.issue} className="parley-item">
                  <span className="parley-item__text">
                    {issue ? (
                      <Link className="usa-link" to={linkTo.issue(dialogue.key, raised.issue)}>
                        <LocalText text={issue.title} />
                      </Link>
                    ) : (
                      <span className="font-mono-xs">{raised.issue}</span>
                    )}
                  </span>
                  <StanceTag stance={raised.stance} />
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </>
  );
}

function Outcomes({ outcomes }: { outcomes: OutcomeT[] }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (outcomes.length === 0) return <p className="text-base-dark">{t('meeting.noOutcomes')}</p>;
  return (
    <>
      {OUTCOME_KINDS.filter((kind) => outcomes.some((o) => o.kind === kind)).map((kind) => (
        <div key={kind}>
          <h5 className="parley-group-label">{t(`outcomeKindGroup.${kind}`)}</h5>
          <ul className="usa-list usa-list--unstyled parley-items">
            {outcomes
              .filter((o) => o.kind === kind)
              .map((outcome) => (
                <li key={outcome.key} className="parley-item">
                  <span className="parley-item__text parley-sentence">
                    <LocalText text={outcome.title} />
                    {outcome.due ? (
                      <span className="display-block font-sans-2xs text-base-dark">
                        {t('meeting.due', { date: formatDate(outcome.due, lang) })}
                      </span>
                    ) : null}
                  </span>
                  <OutcomeStatusTag status={outcome.status} />
                </li>
              ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function NextMeeting({ next, dialogue }: { next: NonNullable<AccountT['nextMeeting']>; dialogue: DialogueT }) {
  const { t } = useTranslation();
  return (
    <dl className="parley-facts">
      <dt>{t('meeting.when')}</dt>
      <dd className="parley-sentence">
        <LocalText text={next.when} />
      </dd>
      {next.earliest || next.latest ? (
        <>
          <dt>{t('meeting.window')}</dt>
          <dd>
            <DateRangeOpen earliest={next.earliest} latest={next.latest} />
          </dd>
        </>
      ) : null}
      {next.place ? (
        <>
          <dt>{t('meeting.where')}</dt>
          <dd>
            <PlaceText place={next.place} />
          </dd>
        </>
      ) : null}
      {next.leadBy ? (
        <>
          <dt>{t('meeting.leadBy')}</dt>
          <dd>
            <PersonWithTitle people={dialogue.people} personKey={next.leadBy} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** A window that may be open at one end ("from April 5, 2024" / "2024年4月5日起"). */
function DateRangeOpen({ earliest, latest }: { earliest?: string | undefined; latest?: string | undefined }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (earliest && latest) return <DateText date={earliest} endDate={latest} />;
  if (earliest) return <>{t('meeting.from', { date: formatDate(earliest, lang) })}</>;
  if (latest) return <>{t('meeting.until', { date: formatDate(latest, lang) })}</>;
  return null;
}
