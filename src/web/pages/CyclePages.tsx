/**
 * The meeting cycle's pages (issue 5): the dialogue dashboard, planning a
 * meeting, the agenda builder (per side, with the internal briefing), the
 * comparison of the two accounts, and the outcomes register with progress
 * updates. Strings come from the `cycle` catalogue (i18n/cycle.*.json).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { OutcomeT, TextT } from '../../shared/api.js';
import { LocalText } from '../components/LocalText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { ApiError, apiGet, type ListOf } from '../hooks/api.js';
import { useMe, useSend } from '../hooks/session.js';
import { cycleLinks } from '../cycle-routes.js';
import { useCycleT } from '../hooks/cycle-t.js';
import { linkTo } from '../routes.js';

const D = (key: string) => `/api/v1/dialogues/${encodeURIComponent(key)}`;

function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{error instanceof Error ? error.message : String(error)}</p>
      </div>
    </div>
  );
}

function Counts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <p>—</p>;
  return (
    <ul className="usa-list">
      {entries.map(([k, n]) => (
        <li key={k}>
          {k}: {n}
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------
// Dashboard

interface DashboardT {
  dialogue: string;
  nextMeeting?: { number: number; date: string; cutoff?: string; host?: string; agendaState?: string };
  openIssues: { total: number; byCategory: Record<string, number>; byStatus: Record<string, number> };
  outcomes: { total: number; byStatus: Record<string, number> };
  overdueOutcomes: { key: string; title: TextT; due: string; status: string }[];
  stalledIssues: { issue: string; title: TextT; raisedBy: string; timesRaised: number }[];
  dormancyReview: { issue: string; title: TextT }[];
}

export function DashboardPage() {
  const { key = '' } = useParams();
  const t = useCycleT();
  const q = useQuery({
    queryKey: ['dialogue', key, 'dashboard'],
    queryFn: ({ signal }) => apiGet<DashboardT>(`${D(key)}/dashboard`, signal),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState headingLevel={1} error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <p>
        <Link to={linkTo.dialogue(key)}>{key}</Link> · <Link to={cycleLinks.outcomes(key)}>{t('register')}</Link> ·{' '}
        <Link to={cycleLinks.planMeeting(key)}>{t('planMeeting')}</Link>
      </p>
      <h2>{t('nextMeeting')}</h2>
      {d.nextMeeting ? (
        <p data-testid="next-meeting">
          <Link to={cycleLinks.agenda(key, d.nextMeeting.number)}>
            {t('meetingN', { number: d.nextMeeting.number })}
          </Link>{' '}
          · {d.nextMeeting.date}
          {d.nextMeeting.cutoff ? ` · ${t('cutoff')}: ${d.nextMeeting.cutoff}` : ''}
        </p>
      ) : (
        <p>{t('noNextMeeting')}</p>
      )}
      <h2>
        {t('openIssues')} ({d.openIssues.total})
      </h2>
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-6">
          <h3>{t('byCategory')}</h3>
          <Counts counts={d.openIssues.byCategory} />
        </div>
        <div className="tablet:grid-col-6">
          <h3>{t('byStatus')}</h3>
          <Counts counts={d.openIssues.byStatus} />
        </div>
      </div>
      <h2>{t('outcomesByStatus')}</h2>
      <Counts counts={d.outcomes.byStatus} />
      <h2>{t('overdueOutcomes')}</h2>
      {d.overdueOutcomes.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="usa-list">
          {d.overdueOutcomes.map((o) => (
            <li key={o.key}>
              <LocalText text={o.title} /> ({t('due')} {o.due})
            </li>
          ))}
        </ul>
      )}
      <h2>{t('stalledIssues')}</h2>
      {d.stalledIssues.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="usa-list">
          {d.stalledIssues.map((i) => (
            <li key={i.issue}>
              <Link to={linkTo.issue(key, i.issue)}>
                <LocalText text={i.title} />
              </Link>{' '}
              ({t('timesRaised', { count: i.timesRaised })})
            </li>
          ))}
        </ul>
      )}
      <h2>{t('dormancyReview')}</h2>
      {d.dormancyReview.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="usa-list">
          {d.dormancyReview.map((i) => (
            <li key={i.issue}>
              <Link to={linkTo.issue(key, i.issue)}>
                <LocalText text={i.title} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------
// Planning a meeting

export function PlanMeetingPage() {
  const { key = '' } = useParams();
  const t = useCycleT();
  const send = useSend();
  const next = useQuery({
    queryKey: ['dialogue', key, 'meetings', 'next'],
    queryFn: ({ signal }) => apiGet<{ number: number; key: string; host?: string }>(`${D(key)}/meetings/next`, signal),
  });
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<number | undefined>();
  if (next.isPending) return <Loading />;
  if (next.error) return <ErrorState headingLevel={1} error={next.error} onRetry={() => void next.refetch()} />;
  const s = next.data;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (name: string) => String(f.get(name) ?? '').trim();
    const number = Number(get('number'));
    const city = { ...(get('cityEn') ? { en: get('cityEn') } : {}), ...(get('cityZh') ? { zh: get('cityZh') } : {}) };
    const body = {
      key: get('key') || `meeting-${number}`,
      number,
      date: get('date'),
      format: get('format'),
      ...(get('host') ? { host: get('host') } : {}),
      ...(get('country') ? { place: { country: get('country'), ...(Object.keys(city).length ? { city } : {}) } } : {}),
    };
    setError(undefined);
    try {
      await send('POST', `${D(key)}/meetings`, { body });
      const cutoff = get('cutoff');
      if (cutoff) await send('PATCH', `${D(key)}/meetings/${number}/agenda`, { body: { cutoff } });
      setDone(number);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <>
      <h1>{t('planMeeting')}</h1>
      <p>{t('suggested', { number: s.number, host: s.host ?? '—' })}</p>
      {done !== undefined && (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {t('planned', { number: done })} <Link to={cycleLinks.agenda(key, done)}>{t('agenda')}</Link>
            </p>
          </div>
        </div>
      )}
      <ErrorMessage error={error} />
      <form className="usa-form" onSubmit={(e) => void submit(e)}>
        <label className="usa-label" htmlFor="plan-number">
          {t('number')}
        </label>
        <input className="usa-input" id="plan-number" name="number" type="number" defaultValue={s.number} required />
        <label className="usa-label" htmlFor="plan-key">
          {t('key')}
        </label>
        <input className="usa-input" id="plan-key" name="key" defaultValue={s.key} />
        <label className="usa-label" htmlFor="plan-date">
          {t('date')}
        </label>
        <input className="usa-input" id="plan-date" name="date" type="date" required />
        <label className="usa-label" htmlFor="plan-format">
          {t('format')}
        </label>
        <select className="usa-select" id="plan-format" name="format" defaultValue="in-person">
          {['in-person', 'video', 'hybrid', 'call'].map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="plan-country">
          {t('country')}
        </label>
        <input className="usa-input" id="plan-country" name="country" maxLength={2} />
        <label className="usa-label" htmlFor="plan-city-en">
          {t('cityEn')}
        </label>
        <input className="usa-input" id="plan-city-en" name="cityEn" />
        <label className="usa-label" htmlFor="plan-city-zh">
          {t('cityZh')}
        </label>
        <input className="usa-input" id="plan-city-zh" name="cityZh" />
        <label className="usa-label" htmlFor="plan-host">
          {t('host')}
        </label>
        <input className="usa-input" id="plan-host" name="host" defaultValue={s.host ?? ''} />
        <label className="usa-label" htmlFor="plan-cutoff">
          {t('cutoff')}
        </label>
        <input className="usa-input" id="plan-cutoff" name="cutoff" type="date" />
        <button className="usa-button margin-top-2" type="submit">
          {t('plan')}
        </button>
      </form>
    </>
  );
}

// ---------------------------------------------------------------------------
// The agenda builder

export interface AgendaT {
  meeting: number;
  cutoff?: string;
  cutoffPassed: boolean;
  agreedBy: string[];
  state: 'draft' | 'shared';
  items: {
    id: string;
    issue: string;
    title: TextT;
    side: string;
    status: string;
    late: boolean;
    version: number;
    mark?: string;
    timesRaised?: number;
  }[];
  briefing: {
    side: string;
    items: {
      item: string;
      issue: string;
      joint: boolean;
      version: number;
      notes?: string;
      stance?: string;
      refusedBy?: { side: string; topic: string; text: TextT };
    }[];
  };
}

interface ProposalT {
  issue: string;
  title: TextT;
  mark: string;
  timesRaised: number;
}

export function AgendaPage() {
  const { key = '', number: n = '' } = useParams();
  const number = Number(n);
  const t = useCycleT();
  const me = useMe().data;
  const send = useSend();
  const queryClient = useQueryClient();
  const side = me?.user.side;
  const agendaKey = ['dialogue', key, 'meeting', number, 'agenda'];
  const agenda = useQuery({
    queryKey: agendaKey,
    queryFn: ({ signal }) => apiGet<AgendaT>(`${D(key)}/meetings/${number}/agenda`, signal),
    enabled: Boolean(me),
  });
  const proposals = useQuery({
    queryKey: ['dialogue', key, 'meeting', number, 'proposals', side],
    queryFn: ({ signal }) =>
      apiGet<ListOf<ProposalT>>(
        `${D(key)}/meetings/${number}/agenda/proposals?side=${encodeURIComponent(side ?? '')}`,
        signal,
      ),
    enabled: Boolean(side),
  });
  const [error, setError] = useState<unknown>();
  const [refusal, setRefusal] = useState<{ message: string; issue: string } | undefined>();
  const [override, setOverride] = useState(false);
  if (me === null) return <p>{t('signInFirst')}</p>;
  if (!me || agenda.isPending) return <Loading />;
  if (agenda.error) return <ErrorState headingLevel={1} error={agenda.error} onRetry={() => void agenda.refetch()} />;
  const a = agenda.data;
  const isLead = me.user.role === 'lead';
  const onAgenda = new Set([...a.items.map((i) => i.issue), ...a.briefing.items.map((b) => b.issue)]);

  async function act(fn: () => Promise<unknown>) {
    setError(undefined);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: agendaKey });
    } catch (e) {
      setError(e);
    }
  }
  async function propose(issue: string, internalOnly = false) {
    setRefusal(undefined);
    await act(async () => {
      try {
        await send('POST', `${D(key)}/meetings/${number}/agenda/items`, {
          body: { issue, ...(override ? { override: true } : {}), ...(internalOnly ? { internalOnly: true } : {}) },
        });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'non-negotiable-topic') {
          setRefusal({ message: e.message, issue });
          return;
        }
        throw e;
      }
    });
  }

  return (
    <>
      <h1>{t('agendaOf', { number })}</h1>
      <p>
        <span className="usa-tag" data-testid="agenda-state">
          {t(`state_${a.state}`)}
        </span>{' '}
        {a.agreedBy.length > 0 && t('agreedBy', { sides: a.agreedBy.join(', ') })}
      </p>
      {a.cutoff && (
        <p>
          {t('cutoff')}: {a.cutoff}
        </p>
      )}
      {a.cutoffPassed && <p className="text-secondary-dark">{t('cutoffPassed')}</p>}
      <ErrorMessage error={error} />
      {refusal && (
        <div className="usa-alert usa-alert--warning margin-y-2" role="alert" data-testid="refusal">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">{t('refused')}</h2>
            <p className="usa-alert__text">{refusal.message}</p>
            <button
              className="usa-button usa-button--outline"
              type="button"
              onClick={() => void propose(refusal.issue, true)}
            >
              {t('keepInternal')}
            </button>
          </div>
        </div>
      )}
      <h2>{t('jointAgenda')}</h2>
      <table className="usa-table usa-table--borderless width-full">
        <thead>
          <tr>
            <th scope="col">{t('issue')}</th>
            <th scope="col">{t('side')}</th>
            <th scope="col">{t('mark')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {a.items.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={linkTo.issue(key, i.issue)}>
                  <LocalText text={i.title} />
                </Link>
              </td>
              <td>{i.side}</td>
              <td>
                {i.mark ? t(`mark_${i.mark}`) : ''}
                {i.late ? ` · ${t('late')}` : ''}
              </td>
              <td>{i.status}</td>
              <td>
                {i.side === side && i.status !== 'withdrawn' && (
                  <button
                    className="usa-button usa-button--unstyled"
                    type="button"
                    onClick={() =>
                      void act(() =>
                        send('PATCH', `${D(key)}/meetings/${number}/agenda/items/${i.id}`, {
                          body: { status: 'withdrawn' },
                          ifMatch: i.version,
                        }),
                      )
                    }
                  >
                    {t('withdraw')}
                  </button>
                )}
                {isLead && i.status === 'proposed' && (
                  <button
                    className="usa-button usa-button--unstyled margin-left-1"
                    type="button"
                    onClick={() =>
                      void act(() =>
                        send('PATCH', `${D(key)}/meetings/${number}/agenda/items/${i.id}`, {
                          body: { status: 'accepted' },
                          ifMatch: i.version,
                        }),
                      )
                    }
                  >
                    {t('accept')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isLead && side && !a.agreedBy.includes(side) && (
        <button
          className="usa-button"
          type="button"
          onClick={() => void act(() => send('POST', `${D(key)}/meetings/${number}/agenda/agree`))}
        >
          {t('agree')}
        </button>
      )}

      <h2>{t('proposals')}</h2>
      {isLead && a.cutoffPassed && (
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="agenda-override"
            type="checkbox"
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor="agenda-override">
            {t('override')}
          </label>
        </div>
      )}
      <ul className="usa-list usa-list--unstyled">
        {(proposals.data?.items ?? [])
          .filter((p) => !onAgenda.has(p.issue))
          .map((p) => (
            <li key={p.issue} className="margin-bottom-1">
              <LocalText text={p.title} /> <span className="usa-tag">{t(`mark_${p.mark}`)}</span>{' '}
              {t('timesRaised', { count: p.timesRaised })}{' '}
              {me.user.role !== 'public-affairs' && me.user.role !== 'admin' && (
                <button
                  className="usa-button usa-button--outline usa-button--small"
                  type="button"
                  data-issue={p.issue}
                  onClick={() => void propose(p.issue)}
                >
                  {t('propose')}
                </button>
              )}
            </li>
          ))}
      </ul>

      <h2>{t('briefing')}</h2>
      <p className="text-italic">{t('briefingNote')}</p>
      <ul className="usa-list usa-list--unstyled" data-testid="briefing">
        {a.briefing.items.map((b) => (
          <BriefingItem
            key={b.item}
            briefing={b}
            onSave={(notes) =>
              act(() =>
                send('PATCH', `${D(key)}/meetings/${number}/agenda/items/${b.item}`, {
                  body: { briefing: { notes } },
                  ifMatch: b.version,
                }),
              )
            }
          />
        ))}
      </ul>
    </>
  );
}

function BriefingItem({
  briefing,
  onSave,
}: {
  briefing: AgendaT['briefing']['items'][number];
  onSave: (notes: string) => Promise<void>;
}) {
  const t = useCycleT();
  const [notes, setNotes] = useState(briefing.notes ?? '');
  return (
    <li className="margin-bottom-2">
      <strong>{briefing.issue}</strong> {!briefing.joint && <span className="usa-tag">{t('briefingOnly')}</span>}
      {briefing.refusedBy && (
        <p className="margin-y-05">
          {t('refused')} “<LocalText text={briefing.refusedBy.text} />”
        </p>
      )}
      <label className="usa-label" htmlFor={`notes-${briefing.item}`}>
        {t('notes')}
      </label>
      <textarea
        className="usa-textarea"
        id={`notes-${briefing.item}`}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <button className="usa-button usa-button--outline margin-top-1" type="button" onClick={() => void onSave(notes)}>
        {t('saveNotes')}
      </button>
    </li>
  );
}

// ---------------------------------------------------------------------------
// Comparing the two accounts

interface ComparisonT {
  sides: [string | null, string | null];
  pairs: { left: string; right: string; confidence: number }[];
  onlyIn: { side: string | null; outcomes: string[]; issues: { issue: string; by: string; stance: string }[] }[];
  nextMeeting: { side: string | null; statement?: { when: TextT } }[];
}

export function ComparePage() {
  const { key = '', number: n = '' } = useParams();
  const number = Number(n);
  const t = useCycleT();
  const q = useQuery({
    queryKey: ['dialogue', key, 'meeting', number, 'compare'],
    queryFn: ({ signal }) => apiGet<ComparisonT>(`${D(key)}/meetings/${number}/accounts/compare`, signal),
  });
  const outcomes = useQuery({
    queryKey: ['dialogue', key, 'outcomes', 'all'],
    queryFn: ({ signal }) => apiGet<ListOf<OutcomeT>>(`${D(key)}/outcomes?meeting=${number}`, signal),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState headingLevel={1} error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const title = (k: string) => {
    const o = outcomes.data?.items.find((x) => x.key === k);
    return o ? <LocalText text={o.title} /> : k;
  };
  const sideLabel = (s: string | null) => (s === null ? t('onlyInJoint') : t('onlyIn', { side: s }));
  return (
    <>
      <h1>{t('compareOf', { number })}</h1>
      <p>
        <Link to={linkTo.meeting(key, number)}>{t('meetingN', { number })}</Link>
      </p>
      <h2>{t('pairs')}</h2>
      <table className="usa-table usa-table--borderless width-full" data-testid="pairs">
        <thead>
          <tr>
            <th scope="col">{c.sides[0]}</th>
            <th scope="col">{c.sides[1]}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {c.pairs.map((p) => (
            <tr key={`${p.left}/${p.right}`}>
              <td>{title(p.left)}</td>
              <td>{title(p.right)}</td>
              <td>{t('confidence', { value: Math.round(p.confidence * 100) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid-row grid-gap">
        {c.onlyIn.map((o) => (
          <div key={String(o.side)} className="tablet:grid-col-6">
            <h2>{sideLabel(o.side)}</h2>
            <h3>{t('outcomes')}</h3>
            <ul className="usa-list">
              {o.outcomes.map((k) => (
                <li key={k}>{title(k)}</li>
              ))}
            </ul>
            <h3>{t('issuesRaised')}</h3>
            <ul className="usa-list">
              {o.issues.map((i) => (
                <li key={`${i.issue}/${i.by}`}>
                  {i.issue} ({i.by}, {i.stance})
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <h2>{t('nextMeetingStatements')}</h2>
      <div className="grid-row grid-gap">
        {c.nextMeeting.map((s) => (
          <div key={String(s.side)} className="tablet:grid-col-6">
            <h3>{s.side ?? '—'}</h3>
            <p>{s.statement ? <LocalText text={s.statement.when} /> : t('noStatement')}</p>
          </div>
        ))}
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------
// The outcomes register

interface FollowedT extends OutcomeT {
  overdue: boolean;
  rag?: 'red' | 'amber' | 'green';
  updates: {
    id: string;
    side: string;
    date: string;
    rag: string;
    text?: TextT;
    evidence: string[];
    statusChange?: { from: string | null; to: string };
  }[];
  meetings: number[];
}

const OUTCOME_STATUSES = ['agreed', 'in-progress', 'delivered', 'stalled', 'dropped'];
const OUTCOME_KINDS = ['cooperation-area', 'commitment', 'action', 'exchange', 'event'];

export function OutcomesRegisterPage() {
  const { key = '' } = useParams();
  const t = useCycleT();
  const me = useMe().data;
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [overdue, setOverdue] = useState(false);
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(overdue ? { overdue: 'true' } : {}),
  }).toString();
  const q = useQuery({
    queryKey: ['dialogue', key, 'outcomes', 'register', query],
    queryFn: ({ signal }) => apiGet<ListOf<FollowedT>>(`${D(key)}/outcomes/register?${query}`, signal),
  });
  const mayWrite = me?.user.role === 'lead' || me?.user.role === 'analyst';
  return (
    <>
      <h1>{t('register')}</h1>
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-4">
          <label className="usa-label" htmlFor="reg-status">
            {t('status')}
          </label>
          <select className="usa-select" id="reg-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('all')}</option>
            {OUTCOME_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-4">
          <label className="usa-label" htmlFor="reg-kind">
            {t('kind')}
          </label>
          <select className="usa-select" id="reg-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('all')}</option>
            {OUTCOME_KINDS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-4 padding-top-5">
          <div className="usa-checkbox">
            <input
              className="usa-checkbox__input"
              id="reg-overdue"
              type="checkbox"
              checked={overdue}
              onChange={(e) => setOverdue(e.target.checked)}
            />
            <label className="usa-checkbox__label" htmlFor="reg-overdue">
              {t('overdueOnly')}
            </label>
          </div>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState headingLevel={2} error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {q.data.items.map((o) => (
            <OutcomeEntry key={o.key} dialogueKey={key} outcome={o} mayWrite={mayWrite} />
          ))}
        </ul>
      )}
    </>
  );
}

function OutcomeEntry({
  dialogueKey,
  outcome: o,
  mayWrite,
}: {
  dialogueKey: string;
  outcome: FollowedT;
  mayWrite: boolean;
}) {
  const t = useCycleT();
  const send = useSend();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const note = String(f.get('note') ?? '').trim();
    const evidence = String(f.get('evidence') ?? '').trim();
    const status = String(f.get('status') ?? '');
    setError(undefined);
    try {
      await send('POST', `${D(dialogueKey)}/outcomes/${encodeURIComponent(o.key)}/updates`, {
        body: {
          rag: String(f.get('rag')),
          ...(note ? { text: { en: note } } : {}),
          ...(evidence ? { evidence: [evidence] } : {}),
          ...(status && status !== o.status ? { status } : {}),
        },
      });
      await queryClient.invalidateQueries({ queryKey: ['dialogue', dialogueKey, 'outcomes'] });
    } catch (e) {
      setError(e);
    }
  }
  return (
    <li className="border-bottom-1px border-base-lighter padding-y-2" data-outcome={o.key}>
      <h2 className="font-heading-md margin-0">
        <LocalText text={o.title} />
      </h2>
      <p className="margin-y-05">
        {o.kind} · {o.status}
        {o.due ? ` · ${t('due')} ${o.due}` : ''}
        {o.overdue && <span className="usa-tag bg-secondary margin-left-1">{t('overdue')}</span>}
        {o.rag && <span className="usa-tag margin-left-1">{t(`rag_${o.rag}`)}</span>} · {t('meetings')}:{' '}
        {o.meetings.map((m) => (
          <Link key={m} to={linkTo.meeting(dialogueKey, m)}>
            {m}
          </Link>
        ))}
      </p>
      {o.updates.length > 0 && (
        <>
          <h3 className="font-heading-sm">{t('updates')}</h3>
          <ul className="usa-list">
            {o.updates.map((u) => (
              <li key={u.id}>
                {u.date} · {u.side} · {t(`rag_${u.rag}`)}
                {u.statusChange ? ` · ${u.statusChange.from ?? ''} → ${u.statusChange.to}` : ''}
                {u.text ? (
                  <>
                    {' '}
                    · <LocalText text={u.text} />
                  </>
                ) : null}
                {u.evidence.map((e) => (
                  <a key={e} className="margin-left-1" href={e} rel="noreferrer">
                    {e}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {mayWrite && (
        <details>
          <summary>{t('addUpdate')}</summary>
          <ErrorMessage error={error} />
          <form className="usa-form" onSubmit={(e) => void submit(e)}>
            <label className="usa-label" htmlFor={`rag-${o.key}`}>
              {t('rag')}
            </label>
            <select className="usa-select" id={`rag-${o.key}`} name="rag" defaultValue="green">
              {['red', 'amber', 'green'].map((r) => (
                <option key={r} value={r}>
                  {t(`rag_${r}`)}
                </option>
              ))}
            </select>
            <label className="usa-label" htmlFor={`status-${o.key}`}>
              {t('status')}
            </label>
            <select className="usa-select" id={`status-${o.key}`} name="status" defaultValue={o.status}>
              {OUTCOME_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <label className="usa-label" htmlFor={`note-${o.key}`}>
              {t('note')}
            </label>
            <input className="usa-input" id={`note-${o.key}`} name="note" />
            <label className="usa-label" htmlFor={`evidence-${o.key}`}>
              {t('evidence')}
            </label>
            <input className="usa-input" id={`evidence-${o.key}`} name="evidence" type="url" />
            <button className="usa-button margin-top-1" type="submit">
              {t('save')}
            </button>
          </form>
        </details>
      )}
    </li>
  );
}

// ---------------------------------------------------------------------------
// Recording my side's account of a meeting

interface AccountBodyT {
  side: string | null;
  version: number;
  raised: { by: string; issue: string; stance: string }[];
  outcomes: { key: string; kind: string; title: TextT; owners: string[]; due?: string; status: string }[];
  nextMeeting?: { when: TextT };
  notes?: TextT;
}

const STANCES = ['raised', 'concern', 'strong-concern', 'opposes', 'welcomes'];

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'outcome'
  );
}

export function RecordAccountPage() {
  const { key = '', number: n = '' } = useParams();
  const number = Number(n);
  const t = useCycleT();
  const me = useMe().data;
  const send = useSend();
  const side = me?.user.side;
  const accounts = useQuery({
    queryKey: ['dialogue', key, 'meeting', number, 'accounts'],
    queryFn: ({ signal }) => apiGet<ListOf<AccountBodyT>>(`${D(key)}/meetings/${number}/accounts`, signal),
    enabled: Boolean(side),
  });
  const proposals = useQuery({
    queryKey: ['dialogue', key, 'meeting', number, 'proposals', side],
    queryFn: ({ signal }) =>
      apiGet<ListOf<ProposalT>>(
        `${D(key)}/meetings/${number}/agenda/proposals?side=${encodeURIComponent(side ?? '')}`,
        signal,
      ),
    enabled: Boolean(side),
  });
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  if (me === null) return <p>{t('signInFirst')}</p>;
  if (!me || accounts.isPending || proposals.isPending) return <Loading />;
  if (accounts.error)
    return <ErrorState headingLevel={1} error={accounts.error} onRetry={() => void accounts.refetch()} />;
  const current = accounts.data.items.find((a) => a.side === side);
  const issues = proposals.data?.items ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (name: string) => String(f.get(name) ?? '').trim();
    const raised = issues
      .filter((i) => f.get(`raise-${i.issue}`) === 'on')
      .map((i) => ({ by: side!, issue: i.issue, stance: get(`stance-${i.issue}`) || 'raised' }));
    const kept = (current?.raised ?? []).filter((r) => !raised.some((x) => x.issue === r.issue && x.by === r.by));
    const newOutcomes = get('outcomes')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((title) => ({
        key: `${slug(title)}-${number}-${side}`,
        kind: 'action',
        title: { en: title },
        owners: [side!],
        status: 'agreed',
      }));
    const when = { ...(get('whenEn') ? { en: get('whenEn') } : {}), ...(get('whenZh') ? { zh: get('whenZh') } : {}) };
    const body = {
      raised: [...kept, ...raised],
      outcomes: [...(current?.outcomes ?? []), ...newOutcomes],
      ...(Object.keys(when).length > 0
        ? { nextMeeting: { when } }
        : current?.nextMeeting
          ? { nextMeeting: current.nextMeeting }
          : {}),
      ...(get('notes') ? { notes: { en: get('notes') } } : current?.notes ? { notes: current.notes } : {}),
    };
    setError(undefined);
    setSaved(false);
    try {
      await send('PUT', `${D(key)}/meetings/${number}/accounts/${encodeURIComponent(side!)}`, {
        body,
        ...(current ? { ifMatch: current.version } : {}),
      });
      setSaved(true);
      await accounts.refetch();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <h1>{t('recordAccount', { number })}</h1>
      <p>
        <Link to={linkTo.meeting(key, number)}>{t('meetingN', { number })}</Link>
      </p>
      {saved && (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t('saved')}</p>
          </div>
        </div>
      )}
      <ErrorMessage error={error} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t('issuesRaised')}</legend>
          {issues.map((i) => (
            <div key={i.issue} className="margin-bottom-1">
              <div className="usa-checkbox">
                <input
                  className="usa-checkbox__input"
                  id={`raise-${i.issue}`}
                  name={`raise-${i.issue}`}
                  type="checkbox"
                  defaultChecked={current?.raised.some((r) => r.issue === i.issue)}
                />
                <label className="usa-checkbox__label" htmlFor={`raise-${i.issue}`}>
                  <LocalText text={i.title} />
                </label>
              </div>
              <label className="usa-sr-only" htmlFor={`stance-${i.issue}`}>
                {t('stance')}
              </label>
              <select
                className="usa-select"
                id={`stance-${i.issue}`}
                name={`stance-${i.issue}`}
                defaultValue={current?.raised.find((r) => r.issue === i.issue)?.stance ?? 'raised'}
              >
                {STANCES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <label className="usa-label" htmlFor="account-outcomes">
          {t('newOutcomes')}
        </label>
        <textarea className="usa-textarea" id="account-outcomes" name="outcomes" />
        <label className="usa-label" htmlFor="account-when-en">
          {t('nextMeetingEn')}
        </label>
        <input
          className="usa-input"
          id="account-when-en"
          name="whenEn"
          defaultValue={current?.nextMeeting?.when.en ?? ''}
        />
        <label className="usa-label" htmlFor="account-when-zh">
          {t('nextMeetingZh')}
        </label>
        <input
          className="usa-input"
          id="account-when-zh"
          name="whenZh"
          defaultValue={current?.nextMeeting?.when.zh ?? ''}
        />
        <label className="usa-label" htmlFor="account-notes">
          {t('notes')}
        </label>
        <textarea className="usa-textarea" id="account-notes" name="notes" defaultValue={current?.notes?.en ?? ''} />
        <button className="usa-button margin-top-2" type="submit">
          {t('save')}
        </button>
      </form>
    </>
  );
}
