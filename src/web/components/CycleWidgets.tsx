/** Small pieces of the meeting cycle (issue 5) placed on existing pages: links, the issue timeline and its resolution. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountT, DialogueT, IssueT } from '../../shared/api.js';
import { apiGet, problemsOf } from '../hooks/api.js';
import { useAnalyticsT } from '../hooks/analytics-t.js';
import { cycleLinks } from '../cycle-routes.js';
import { useCycleT } from '../hooks/cycle-t.js';
import { useUiLanguage } from '../hooks/language.js';
import { may, useMe, useSend } from '../hooks/session.js';
import { linkTo } from '../routes.js';
import { DateText } from './DateText.js';
import { FieldRow } from './FieldRow.js';
import { sideName } from './sides.js';

export function DialogueCycleLinks({ dialogueKey }: { dialogueKey: string }) {
  const t = useCycleT();
  const analyticsT = useAnalyticsT();
  return (
    <p className="margin-y-1" data-testid="cycle-links">
      <Link to={cycleLinks.dashboard(dialogueKey)}>{t('dashboard')}</Link> ·{' '}
      <Link to={cycleLinks.outcomes(dialogueKey)}>{t('register')}</Link> ·{' '}
      <Link to={cycleLinks.planMeeting(dialogueKey)}>{t('planMeeting')}</Link> ·{' '}
      <Link to={cycleLinks.analytics(dialogueKey)}>{analyticsT('title')}</Link>
    </p>
  );
}

export function MeetingCycleLinks({ dialogueKey, number }: { dialogueKey: string; number: number }) {
  const t = useCycleT();
  return (
    <p className="margin-y-1" data-testid="cycle-links">
      <Link to={cycleLinks.agenda(dialogueKey, number)}>{t('agenda')}</Link> ·{' '}
      <Link to={cycleLinks.compare(dialogueKey, number)}>{t('compare')}</Link> ·{' '}
      <Link to={cycleLinks.recordAccount(dialogueKey, number)}>{t('recordLink')}</Link>
    </p>
  );
}

type Stance = AccountT['raised'][number]['stance'];
type IssueStatus = IssueT['status'];

interface TimelineT {
  firstRaised?: { meeting: number; side: string; date: string };
  timesRaised: number;
  raisings: { meeting: number; date: string; side: string; stance: Stance }[];
  statusChanges: { at: string; from: IssueStatus | null; to: IssueStatus; by: string }[];
  dormancyReview: boolean;
}

/** An issue's timeline: first raised, every raising with its stance, status changes. */
export function IssueTimeline({
  dialogueKey,
  issueKey,
  sides,
}: {
  dialogueKey: string;
  issueKey: string;
  sides?: DialogueT['sides'] | undefined;
}) {
  const t = useCycleT();
  const { t: common } = useTranslation();
  const lang = useUiLanguage();
  const q = useQuery({
    queryKey: ['dialogue', dialogueKey, 'issue', issueKey, 'timeline'],
    queryFn: ({ signal }) =>
      apiGet<TimelineT>(
        `/api/v1/dialogues/${encodeURIComponent(dialogueKey)}/issues/${encodeURIComponent(issueKey)}/timeline`,
        signal,
      ),
  });
  if (!q.data) return null;
  const tl = q.data;
  const status = (s: IssueStatus | null) => (s === null ? '—' : common(`status.${s}`));
  return (
    <section aria-labelledby="issue-timeline" data-testid="issue-timeline" className="margin-top-5">
      <h2 id="issue-timeline">{t('timeline')}</h2>
      <p>
        {t('timesRaised', { count: tl.timesRaised })}
        {tl.dormancyReview ? ` · ${t('dormancyReview')}` : ''}
      </p>
      <ol className="usa-list">
        {tl.raisings.map((r) => (
          <li key={`${r.meeting}/${r.side}`}>
            <Link to={linkTo.meeting(dialogueKey, r.meeting)}>{t('meetingN', { number: r.meeting })}</Link>
            {lang === 'zh' ? '（' : ' ('}
            <DateText date={r.date} />
            {lang === 'zh' ? '）' : ')'} · {sideName(sides, r.side, lang)} · {common(`stance.${r.stance}`)}
          </li>
        ))}
        {tl.statusChanges.map((c) => (
          <li key={c.at}>
            <DateText date={c.at.slice(0, 10)} /> · {status(c.from)} → {status(c.to)}
          </li>
        ))}
      </ol>
    </section>
  );
}

interface ResolutionT {
  issue: string;
  status: string;
  raisedBy: string;
  respondent: string;
  views: { side: string; resolved: boolean; reason: string; at: string }[];
  resolvedBy: string[];
  awaiting: string[];
}

/**
 * The resolution rule on an issue's page (PRODUCT.md rule 4): where each of
 * the two sides stands, who proposed it resolved and who is awaited, and, for
 * the staff of those two sides who may change issues, the buttons to propose,
 * agree or withdraw, each with its reason. For the delegations only: the
 * public sees the issue's status, not the sides' reasons.
 */
export function IssueResolution({
  dialogueKey,
  issueKey,
  sides,
}: {
  dialogueKey: string;
  issueKey: string;
  sides: DialogueT['sides'] | undefined;
}) {
  const t = useCycleT();
  const lang = useUiLanguage();
  const me = useMe().data;
  const send = useSend();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const staff = Boolean(me && me.user.role !== 'reporter');
  const path = `/api/v1/dialogues/${encodeURIComponent(dialogueKey)}/issues/${encodeURIComponent(issueKey)}`;
  const q = useQuery({
    queryKey: ['dialogue', dialogueKey, 'issue', issueKey, 'resolution'],
    queryFn: ({ signal }) => apiGet<ResolutionT>(`${path}/resolution`, signal),
    enabled: staff,
  });
  if (!staff || !q.data) return null;
  const r = q.data;
  const name = (side: string) => sideName(sides, side, lang);
  const mine = me!.user.side;
  const party = mine === r.raisedBy || mine === r.respondent;
  const other = mine === r.raisedBy ? r.respondent : r.raisedBy;
  const mayAct = party && may(me, 'issue.update');
  const iSay = r.resolvedBy.includes(mine);
  const theySay = r.resolvedBy.includes(other);

  async function record(resolved: boolean) {
    setError(undefined);
    if (!reason.trim()) {
      setReasonError(t('reasonNeeded'));
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      await send('POST', `${path}/resolve`, { body: { resolved, reason: reason.trim() } });
      setReason('');
      // The issue's status, timeline and history move with it.
      await queryClient.invalidateQueries({ queryKey: ['dialogue', dialogueKey, 'issue', issueKey] });
      await queryClient.invalidateQueries({ queryKey: ['history'] });
    } catch (e) {
      const problem = problemsOf(e).find((p) => /\/reason$/.test(p.pointer));
      setReasonError(problem?.message);
      setError(problem ? undefined : e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="issue-resolution" className="margin-top-5" data-testid="issue-resolution">
      <h2 id="issue-resolution">{t('resolution')}</h2>
      <p>{t('resolutionRule')}</p>
      <p className="text-bold" data-testid="resolution-state">
        {r.resolvedBy.length === 2
          ? t('resolvedByBoth')
          : r.resolvedBy.length === 1
            ? t('proposedBy', { side: name(r.resolvedBy[0]!), awaiting: name(r.awaiting[0] ?? '') })
            : t('notProposed')}
      </p>
      <ul className="usa-list">
        {[r.raisedBy, r.respondent].map((side) => {
          const view = r.views.find((v) => v.side === side);
          return (
            <li key={side}>
              {view
                ? t(view.resolved ? 'sideSaysResolved' : 'sideSaysNotResolved', {
                    side: name(side),
                    date: view.at.slice(0, 10),
                  })
                : t('sideSaysNothing', { side: name(side) })}
              {view ? ` “${view.reason}”` : ''}
            </li>
          );
        })}
      </ul>
      {mayAct ? (
        <div className="usa-form usa-form--large">
          {error ? (
            <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{error instanceof Error ? error.message : String(error)}</p>
              </div>
            </div>
          ) : null}
          <FieldRow id="resolution-reason" label={t('resolutionReason')} error={reasonError}>
            {(control) => (
              <textarea
                className="usa-textarea"
                value={reason}
                maxLength={5000}
                onChange={(e) => setReason(e.target.value)}
                {...control}
              />
            )}
          </FieldRow>
          <div className="margin-top-2">
            {iSay ? (
              <button
                className="usa-button usa-button--outline"
                type="button"
                disabled={busy}
                onClick={() => void record(false)}
              >
                {t('withdrawResolution')}
              </button>
            ) : theySay ? (
              <button className="usa-button" type="button" disabled={busy} onClick={() => void record(true)}>
                {t('agreeResolved', { side: name(other) })}
              </button>
            ) : (
              <button className="usa-button" type="button" disabled={busy} onClick={() => void record(true)}>
                {t('proposeResolved', { side: name(other) })}
              </button>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
