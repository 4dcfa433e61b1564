/** Small pieces of the meeting cycle (issue 5) placed on existing pages: links and the issue timeline. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { apiGet } from '../hooks/api.js';
import { cycleLinks } from '../cycle-routes.js';
import { useCycleT } from '../hooks/cycle-t.js';
import { linkTo } from '../routes.js';

export function DialogueCycleLinks({ dialogueKey }: { dialogueKey: string }) {
  const t = useCycleT();
  return (
    <p className="margin-y-1" data-testid="cycle-links">
      <Link to={cycleLinks.dashboard(dialogueKey)}>{t('dashboard')}</Link> ·{' '}
      <Link to={cycleLinks.outcomes(dialogueKey)}>{t('register')}</Link> ·{' '}
      <Link to={cycleLinks.planMeeting(dialogueKey)}>{t('planMeeting')}</Link>
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

interface TimelineT {
  firstRaised?: { meeting: number; side: string; date: string };
  timesRaised: number;
  raisings: { meeting: number; date: string; side: string; stance: string }[];
  statusChanges: { at: string; from: string | null; to: string; by: string }[];
  dormancyReview: boolean;
}

/** An issue's timeline: first raised, every raising with its stance, status changes. */
export function IssueTimeline({ dialogueKey, issueKey }: { dialogueKey: string; issueKey: string }) {
  const t = useCycleT();
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
  return (
    <section aria-labelledby="issue-timeline" data-testid="issue-timeline">
      <h2 id="issue-timeline">{t('timeline')}</h2>
      <p>
        {t('timesRaised', { count: tl.timesRaised })}
        {tl.dormancyReview ? ` · ${t('dormancyReview')}` : ''}
      </p>
      <ol className="usa-list">
        {tl.raisings.map((r) => (
          <li key={`${r.meeting}/${r.side}`}>
            <Link to={linkTo.meeting(dialogueKey, r.meeting)}>{t('meetingN', { number: r.meeting })}</Link> ({r.date}) ·{' '}
            {r.side} · {r.stance}
          </li>
        ))}
        {tl.statusChanges.map((c) => (
          <li key={c.at}>
            {c.at.slice(0, 10)} · {c.from ?? '—'} → {c.to}
          </li>
        ))}
      </ol>
    </section>
  );
}
