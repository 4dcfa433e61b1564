/**
 * The meeting cycle's pages (issue 5): the dialogue dashboard, planning a
 * meeting, the agenda builder (per side, with the internal briefing), the
 * comparison of the two accounts, and the outcomes register with progress
 * updates. Strings come from the `cycle` catalogue (i18n/cycle.*.json).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DialogueT, OutcomeT, TextT } from '../../shared/api.js';
import { FieldRow } from '../components/FieldRow.js';
import { LocalText } from '../components/LocalText.js';
import { ErrorState, Loading } from '../components/QueryState.js';
import { sideName } from '../components/sides.js';
import { ApiError, apiGet, problemsOf, type ListOf } from '../hooks/api.js';
import { useUiLanguage } from '../hooks/language.js';
import { useDialogue, useIssueIndex, useMeetings } from '../hooks/queries.js';
import { useMe, useSend } from '../hooks/session.js';
import { cycleLinks } from '../cycle-routes.js';
import { useCycleT } from '../hooks/cycle-t.js';
import { localizeString } from '../i18n/localize.js';
import { linkTo } from '../routes.js';
import {
  CATEGORIES,
  ISSUE_STATUSES,
  MEETING_FORMATS,
  OUTCOME_KINDS,
  OUTCOME_STATUSES,
  STANCES,
} from '../vocabulary.js';

const D = (key: string) => `/api/v1/dialogues/${encodeURIComponent(key)}`;

/** A slim USWDS alert: an error, read out at once, or a success, read out when the reader is free. */
function Alert({ kind, children }: { kind: 'error' | 'success'; children: ReactNode }) {
  return (
    <div
      className={`usa-alert usa-alert--${kind} usa-alert--slim${kind === 'error' ? ' margin-y-2' : ''}`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      <div className="usa-alert__body">
        <p className="usa-alert__text">{children}</p>
      </div>
    </div>
  );
}

function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert kind="error">{error instanceof Error ? error.message : String(error)}</Alert>;
}

/** The options of a select of a closed list, each value named in the interface's language. */
function LabelledOptions<V extends string>({ values, label }: { values: readonly V[]; label: (value: V) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

/** A checkbox that filters or changes what the page does, with its label. */
function Toggle({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="usa-checkbox">
      <input
        className="usa-checkbox__input"
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="usa-checkbox__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

/** A problem's JSON Pointer as its steps, without the /body that the server puts before a field of the body. */
function pointerSteps(pointer: string): string[] {
  return pointer
    .replace(/^\/body(?=\/)/, '')
    .split('/')
    .slice(1);
}

/** The first message the server gave for each of a form's fields, by the field that `fieldOf` finds in a pointer. */
function fieldProblems<F extends string>(
  error: unknown,
  fieldOf: (pointer: string) => F | undefined,
): Partial<Record<F, string>> {
  const found: Partial<Record<F, string>> = {};
  for (const p of problemsOf(error)) {
    const field = fieldOf(p.pointer);
    if (field && !found[field]) found[field] = p.message;
  }
  return found;
}

/** A list, or "none" when it is empty. */
function ListOrNone<T>({ items, children }: { items: T[]; children: (item: T) => ReactNode }) {
  const t = useCycleT();
  if (items.length === 0) return <p>{t('none')}</p>;
  return <ul className="usa-list">{items.map(children)}</ul>;
}

/**
 * The closed lists' values named in the interface's language. The API types
 * them as strings (counts keyed by value, an update's status change), hence the casts.
 */
function useVocabularyNames() {
  const { t: common } = useTranslation();
  return {
    category: (v: string) => common(`category.${v as (typeof CATEGORIES)[number]}`),
    issueStatus: (v: string) => common(`status.${v as (typeof ISSUE_STATUSES)[number]}`),
    outcomeStatus: (v: string) => common(`outcomeStatus.${v as (typeof OUTCOME_STATUSES)[number]}`),
  };
}

/** Counts by value, each value named in the interface's language (`name`). */
function Counts({ counts, name }: { counts: Record<string, number>; name: (value: string) => string }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <p>—</p>;
  return (
    <ul className="usa-list">
      {entries.map(([k, n]) => (
        <li key={k}>
          {name(k)}: {n}
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
  const dialogue = useDialogue(key);
  const names = useVocabularyNames();
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
        <Link to={linkTo.dialogue(key)}>{dialogue.data ? <LocalText text={dialogue.data.names[0]?.text} /> : key}</Link>{' '}
        · <Link to={cycleLinks.outcomes(key)}>{t('register')}</Link> ·{' '}
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
          <Counts counts={d.openIssues.byCategory} name={names.category} />
        </div>
        <div className="tablet:grid-col-6">
          <h3>{t('byStatus')}</h3>
          <Counts counts={d.openIssues.byStatus} name={names.issueStatus} />
        </div>
      </div>
      <h2>{t('outcomesByStatus')}</h2>
      <Counts counts={d.outcomes.byStatus} name={names.outcomeStatus} />
      <h2>{t('overdueOutcomes')}</h2>
      <ListOrNone items={d.overdueOutcomes}>
        {(o) => (
          <li key={o.key}>
            <LocalText text={o.title} /> ({t('due')} {o.due})
          </li>
        )}
      </ListOrNone>
      <h2>{t('stalledIssues')}</h2>
      <ListOrNone items={d.stalledIssues}>
        {(i) => (
          <li key={i.issue}>
            <Link to={linkTo.issue(key, i.issue)}>
              <LocalText text={i.title} />
            </Link>{' '}
            ({t('timesRaised', { count: i.timesRaised })})
          </li>
        )}
      </ListOrNone>
      <h2>{t('dormancyReview')}</h2>
      <ListOrNone items={d.dormancyReview}>
        {(i) => (
          <li key={i.issue}>
            <Link to={linkTo.issue(key, i.issue)}>
              <LocalText text={i.title} />
            </Link>
          </li>
        )}
      </ListOrNone>
    </>
  );
}

// ---------------------------------------------------------------------------
// Planning a meeting

/** The fields of the plan form that a server problem can name; chairs and delegations per side. */
type PlanField =
  | 'number'
  | 'key'
  | 'date'
  | 'format'
  | 'country'
  | 'cityEn'
  | 'cityZh'
  | 'host'
  | 'cutoff'
  | `chair-${string}`
  | `delegationEn-${string}`
  | `delegationZh-${string}`;

const lines = (text: string) => text.split('\n').map((l) => l.trim());

/**
 * The chair typed into a side's box: a person's key as the list offers it, or
 * a person's name as typed (in either language), which is turned into the key.
 */
function chairKey(typed: string, people: DialogueT['people']): string {
  const plain = typed.trim();
  const lower = plain.toLowerCase();
  const byName = people.find((p) => Object.values(p.name).some((n) => n?.trim().toLowerCase() === lower));
  return people.some((p) => p.key === plain) ? plain : (byName?.key ?? plain);
}

/**
 * The form's field that a problem's JSON Pointer names. The server points into
 * the body (/body/place/city/en) or, for the dialogue's rules, into the meeting
 * (/chairs/1); chairs and participants are lists, traced back to their side.
 */
function planFieldOf(
  pointer: string,
  chairs: string[],
  participants: { side: string; en: boolean }[],
): PlanField | undefined {
  const [field, a, b, c] = pointerSteps(pointer);
  switch (field) {
    case 'number':
    case 'key':
    case 'date':
    case 'format':
    case 'host':
    case 'cutoff':
      return field;
    case 'place':
      if (a === 'city') return b === 'zh' ? 'cityZh' : 'cityEn';
      return 'country';
    case 'chairs': {
      const side = a === undefined ? undefined : chairs[Number(a)];
      return side === undefined ? undefined : `chair-${side}`;
    }
    case 'participants': {
      const p = a === undefined ? undefined : participants[Number(a)];
      if (!p) return undefined;
      return b === 'text' && c === 'zh' ? `delegationZh-${p.side}` : `delegationEn-${p.side}`;
    }
    default:
      return undefined;
  }
}

export function PlanMeetingPage() {
  const { key = '' } = useParams();
  const t = useCycleT();
  const { t: common } = useTranslation();
  const lang = useUiLanguage();
  const send = useSend();
  const next = useQuery({
    queryKey: ['dialogue', key, 'meetings', 'next'],
    queryFn: ({ signal }) => apiGet<{ number: number; key: string; host?: string }>(`${D(key)}/meetings/next`, signal),
  });
  const dialogue = useDialogue(key);
  const [error, setError] = useState<unknown>();
  const [problems, setProblems] = useState<Partial<Record<PlanField, string>>>({});
  const [done, setDone] = useState<number | undefined>();
  if (next.isPending || dialogue.isPending) return <Loading />;
  if (next.error) return <ErrorState headingLevel={1} error={next.error} onRetry={() => void next.refetch()} />;
  if (dialogue.error) {
    return <ErrorState headingLevel={1} error={dialogue.error} onRetry={() => void dialogue.refetch()} />;
  }
  const s = next.data;
  const d = dialogue.data;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (name: string) => String(f.get(name) ?? '').trim();
    const number = Number(get('number'));
    const city = { ...(get('cityEn') ? { en: get('cityEn') } : {}), ...(get('cityZh') ? { zh: get('cityZh') } : {}) };
    // Chairs and delegations in the dialogue's order of sides; what each list entry came from, for the errors.
    const chairSides: string[] = [];
    const chairs: string[] = [];
    const participantsFrom: { side: string; en: boolean }[] = [];
    const participants: { side: string; text: TextT }[] = [];
    for (const side of d.sides) {
      const chair = get(`chair-${side.key}`);
      if (chair) {
        chairSides.push(side.key);
        chairs.push(chairKey(chair, d.people));
      }
      const en = lines(get(`delegationEn-${side.key}`));
      const zh = lines(get(`delegationZh-${side.key}`));
      for (let i = 0; i < Math.max(en.length, zh.length); i++) {
        const text = { ...(en[i] ? { en: en[i] } : {}), ...(zh[i] ? { zh: zh[i] } : {}) };
        if (Object.keys(text).length === 0) continue;
        participantsFrom.push({ side: side.key, en: Boolean(en[i]) });
        participants.push({ side: side.key, text });
      }
    }
    const body = {
      key: get('key') || `meeting-${number}`,
      number,
      date: get('date'),
      format: get('format'),
      ...(get('host') ? { host: get('host') } : {}),
      ...(get('country') ? { place: { country: get('country'), ...(Object.keys(city).length ? { city } : {}) } } : {}),
      ...(chairs.length > 0 ? { chairs } : {}),
      ...(participants.length > 0 ? { participants } : {}),
    };
    setError(undefined);
    setProblems({});
    const cutoff = get('cutoff');
    // Checked here too, so that a meeting is never planned without the cut-off that was asked for.
    if (cutoff && body.date && cutoff > body.date) {
      setProblems({ cutoff: t('cutoffAfterDate') });
      return;
    }
    try {
      await send('POST', `${D(key)}/meetings`, { body });
      if (cutoff) await send('PATCH', `${D(key)}/meetings/${number}/agenda`, { body: { cutoff } });
      setDone(number);
    } catch (e) {
      setProblems(fieldProblems(e, (pointer) => planFieldOf(pointer, chairSides, participantsFrom)));
      setError(e);
    }
  }
  const sideLabel = (side: string) => sideName(d.sides, side, lang);
  return (
    <>
      <h1>{t('planMeeting')}</h1>
      <p>{t('suggested', { number: s.number, host: s.host ? sideLabel(s.host) : '—' })}</p>
      {done !== undefined && (
        <Alert kind="success">
          {t('planned', { number: done })} <Link to={cycleLinks.agenda(key, done)}>{t('agenda')}</Link>
        </Alert>
      )}
      <ErrorMessage error={error} />
      <form className="usa-form" onSubmit={(e) => void submit(e)}>
        <FieldRow
          id="plan-number"
          label={t('number')}
          error={problems.number}
          input={{ name: 'number', type: 'number', defaultValue: s.number, required: true }}
        />
        <FieldRow id="plan-key" label={t('key')} error={problems.key} input={{ name: 'key', defaultValue: s.key }} />
        <FieldRow
          id="plan-date"
          label={t('date')}
          error={problems.date}
          input={{ name: 'date', type: 'date', required: true }}
        />
        <FieldRow id="plan-format" label={t('format')} error={problems.format}>
          {(control) => (
            <select className="usa-select" name="format" defaultValue="in-person" {...control}>
              <LabelledOptions values={MEETING_FORMATS} label={(v) => common(`format.${v}`)} />
            </select>
          )}
        </FieldRow>
        <FieldRow
          id="plan-country"
          label={t('country')}
          error={problems.country}
          input={{ name: 'country', maxLength: 2 }}
        />
        <FieldRow id="plan-city-en" label={t('cityEn')} error={problems.cityEn} input={{ name: 'cityEn' }} />
        <FieldRow id="plan-city-zh" label={t('cityZh')} error={problems.cityZh} input={{ name: 'cityZh' }} />
        <FieldRow id="plan-host" label={t('host')} error={problems.host}>
          {(control) => (
            <select className="usa-select" name="host" defaultValue={s.host ?? ''} {...control}>
              <option value="">—</option>
              {d.sides.map((side) => (
                <option key={side.key} value={side.key}>
                  {sideLabel(side.key)}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
        <FieldRow
          id="plan-cutoff"
          label={t('cutoff')}
          error={problems.cutoff}
          input={{ name: 'cutoff', type: 'date' }}
        />
        {d.sides.map((side) => (
          <SideFields
            key={side.key}
            side={side.key}
            sideLabel={sideLabel(side.key)}
            people={d.people.filter((p) => p.side === side.key)}
            problems={problems}
          />
        ))}
        <button className="usa-button margin-top-2" type="submit">
          {t('plan')}
        </button>
      </form>
    </>
  );
}

/** One side's part of the plan form: its chair (one of its people, or a name) and its delegation in each language. */
function SideFields({
  side,
  sideLabel,
  people,
  problems,
}: {
  side: string;
  sideLabel: string;
  /** The side's people, offered for the chair. */
  people: DialogueT['people'];
  problems: Partial<Record<PlanField, string>>;
}) {
  const t = useCycleT();
  const lang = useUiLanguage();
  return (
    <fieldset className="usa-fieldset margin-top-3" data-side={side}>
      <legend className="usa-legend usa-legend--large">{t('delegationOf', { side: sideLabel })}</legend>
      <FieldRow
        id={`plan-chair-${side}`}
        label={t('chairOf', { side: sideLabel })}
        hint={t('chairHint')}
        error={problems[`chair-${side}`]}
        input={{ name: `chair-${side}`, list: `plan-chair-${side}-people`, autoComplete: 'off' }}
      />
      <datalist id={`plan-chair-${side}-people`}>
        {people.map((p) => (
          <option key={p.key} value={p.key}>
            {localizeString(p.name, lang)} · {localizeString(p.title, lang)}
          </option>
        ))}
      </datalist>
      {(['En', 'Zh'] as const).map((language) => (
        <FieldRow
          key={language}
          id={`plan-delegation-${language.toLowerCase()}-${side}`}
          label={t(`delegation${language}`)}
          error={problems[`delegation${language}-${side}`]}
        >
          {(control) => (
            <textarea className="usa-textarea" name={`delegation${language}-${side}`} rows={2} {...control} />
          )}
        </FieldRow>
      ))}
    </fieldset>
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

/** The issues a side may put on a meeting's agenda (and so raise at it); none asked for before the side is known. */
function useProposals(key: string, number: number, side: string | undefined) {
  return useQuery({
    queryKey: ['dialogue', key, 'meeting', number, 'proposals', side],
    queryFn: ({ signal }) =>
      apiGet<ListOf<ProposalT>>(
        `${D(key)}/meetings/${number}/agenda/proposals?side=${encodeURIComponent(side ?? '')}`,
        signal,
      ),
    enabled: Boolean(side),
  });
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
  const proposals = useProposals(key, number, side);
  const dialogue = useDialogue(key);
  const issues = useIssueIndex(key);
  const lang = useUiLanguage();
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
  /** A change to one of the agenda's items, at the version shown. */
  const patchItem = (item: { id: string; version: number }, body: unknown) =>
    act(() => send('PATCH', `${D(key)}/meetings/${number}/agenda/items/${item.id}`, { body, ifMatch: item.version }));
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
        {a.agreedBy.length > 0 &&
          t('agreedBy', {
            sides: a.agreedBy.map((k) => sideName(dialogue.data?.sides, k, lang)).join(lang === 'zh' ? '、' : ', '),
          })}
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
      {a.items.length === 0 ? (
        <p>{t('agendaEmpty')}</p>
      ) : (
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
                <td>{sideName(dialogue.data?.sides, i.side, lang)}</td>
                <td>
                  {i.mark ? t(`mark_${i.mark}`) : ''}
                  {i.late ? ` · ${t('late')}` : ''}
                </td>
                <td>{t(`itemStatus_${i.status as 'proposed' | 'accepted' | 'withdrawn'}`)}</td>
                <td>
                  {i.side === side && i.status !== 'withdrawn' && (
                    <button
                      className="usa-button usa-button--unstyled"
                      type="button"
                      onClick={() => void patchItem(i, { status: 'withdrawn' })}
                    >
                      {t('withdraw')}
                    </button>
                  )}
                  {isLead && i.status === 'proposed' && (
                    <button
                      className="usa-button usa-button--unstyled margin-left-1"
                      type="button"
                      onClick={() => void patchItem(i, { status: 'accepted' })}
                    >
                      {t('accept')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
        <Toggle id="agenda-override" label={t('override')} checked={override} onChange={setOverride} />
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
            title={issues.data?.get(b.issue)?.title}
            onSave={(notes) => patchItem({ id: b.item, version: b.version }, { briefing: { notes } })}
          />
        ))}
      </ul>
    </>
  );
}

function BriefingItem({
  briefing,
  title,
  onSave,
}: {
  briefing: AgendaT['briefing']['items'][number];
  /** The issue's title; its key until the issues are loaded (or when the reader may not see it). */
  title: TextT | undefined;
  onSave: (notes: string) => Promise<void>;
}) {
  const t = useCycleT();
  const [notes, setNotes] = useState(briefing.notes ?? '');
  return (
    <li className="margin-bottom-2">
      <strong>{title ? <LocalText text={title} /> : briefing.issue}</strong>{' '}
      {!briefing.joint && <span className="usa-tag">{t('briefingOnly')}</span>}
      {briefing.refusedBy && (
        <p className="margin-y-05">
          {t('refused')} “<LocalText text={briefing.refusedBy.text} />”
        </p>
      )}
      <FieldRow id={`notes-${briefing.item}`} label={t('notes')}>
        {(control) => (
          <textarea className="usa-textarea" value={notes} onChange={(e) => setNotes(e.target.value)} {...control} />
        )}
      </FieldRow>
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
  const { t: common } = useTranslation();
  const lang = useUiLanguage();
  const dialogue = useDialogue(key);
  const issues = useIssueIndex(key);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState headingLevel={1} error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  /** A side by its country's name; null is the joint statement. */
  const sideOf = (s: string | null) =>
    s === null ? common('meeting.jointSide') : sideName(dialogue.data?.sides, s, lang);
  const issueTitle = (k: string) => {
    const issue = issues.data?.get(k);
    return issue ? <LocalText text={issue.title} /> : k;
  };
  const title = (k: string) => {
    const o = outcomes.data?.items.find((x) => x.key === k);
    return o ? <LocalText text={o.title} /> : k;
  };
  const sideLabel = (s: string | null) => (s === null ? t('onlyInJoint') : t('onlyIn', { side: sideOf(s) }));
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
            <th scope="col">{sideOf(c.sides[0])}</th>
            <th scope="col">{sideOf(c.sides[1])}</th>
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
                  <Link to={linkTo.issue(key, i.issue)}>{issueTitle(i.issue)}</Link> ({sideOf(i.by)},{' '}
                  {common(`stance.${i.stance as (typeof STANCES)[number]}`)})
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
            <h3>{sideOf(s.side)}</h3>
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
    meeting?: number;
  }[];
  meetings: number[];
}

export function OutcomesRegisterPage() {
  const { key = '' } = useParams();
  const t = useCycleT();
  const { t: common } = useTranslation();
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
  const meetingList = useMeetings(key);
  const dialogue = useDialogue(key);
  const mayWrite = me?.user.role === 'lead' || me?.user.role === 'analyst';
  const meetingNumbers = (meetingList.data?.items ?? []).map((m) => m.number).sort((a, b) => a - b);
  return (
    <>
      <h1>{t('register')}</h1>
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-4">
          <RegisterFilter
            id="reg-status"
            label={t('status')}
            values={OUTCOME_STATUSES}
            name={(v) => common(`outcomeStatus.${v}`)}
            value={status}
            onChange={setStatus}
          />
        </div>
        <div className="tablet:grid-col-4">
          <RegisterFilter
            id="reg-kind"
            label={t('kind')}
            values={OUTCOME_KINDS}
            name={(v) => common(`outcomeKind.${v}`)}
            value={kind}
            onChange={setKind}
          />
        </div>
        <div className="tablet:grid-col-4 padding-top-5">
          <Toggle id="reg-overdue" label={t('overdueOnly')} checked={overdue} onChange={setOverdue} />
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState headingLevel={2} error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {q.data.items.map((o) => (
            <OutcomeEntry
              key={o.key}
              dialogueKey={key}
              sides={dialogue.data?.sides ?? []}
              outcome={o}
              mayWrite={mayWrite}
              meetings={meetingNumbers}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** A select of the register's filters: one of the values, or all (the empty value). */
function RegisterFilter<V extends string>({
  id,
  label,
  values,
  name,
  value,
  onChange,
}: {
  id: string;
  label: string;
  values: readonly V[];
  /** A value's name in the interface's language. */
  name: (value: V) => string;
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useCycleT();
  return (
    <FieldRow id={id} label={label}>
      {(control) => (
        <select className="usa-select" value={value} onChange={(e) => onChange(e.target.value)} {...control}>
          <option value="">{t('all')}</option>
          <LabelledOptions values={values} label={name} />
        </select>
      )}
    </FieldRow>
  );
}

/** The fields of the update form that a server problem can name. */
type UpdateField = 'rag' | 'status' | 'note' | 'evidence' | 'meeting' | 'date';

function updateFieldOf(pointer: string): UpdateField | undefined {
  const [field] = pointerSteps(pointer);
  if (field === 'text') return 'note';
  return field === 'rag' || field === 'status' || field === 'evidence' || field === 'meeting' || field === 'date'
    ? field
    : undefined;
}

function OutcomeEntry({
  dialogueKey,
  sides,
  outcome: o,
  mayWrite,
  meetings,
}: {
  dialogueKey: string;
  /** The dialogue's sides, to name the side of each update. */
  sides: DialogueT['sides'];
  outcome: FollowedT;
  mayWrite: boolean;
  /** The numbers of the dialogue's meetings, for the meeting an update is recorded at. */
  meetings: number[];
}) {
  const t = useCycleT();
  const { t: common } = useTranslation();
  const lang = useUiLanguage();
  const names = useVocabularyNames();
  const send = useSend();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  const [problems, setProblems] = useState<Partial<Record<UpdateField, string>>>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const note = String(f.get('note') ?? '').trim();
    const evidence = String(f.get('evidence') ?? '').trim();
    const status = String(f.get('status') ?? '');
    const meeting = String(f.get('meeting') ?? '');
    setError(undefined);
    setProblems({});
    try {
      await send('POST', `${D(dialogueKey)}/outcomes/${encodeURIComponent(o.key)}/updates`, {
        body: {
          rag: String(f.get('rag')),
          ...(note ? { text: { en: note } } : {}),
          ...(evidence ? { evidence: [evidence] } : {}),
          ...(status && status !== o.status ? { status } : {}),
          ...(meeting ? { meeting: Number(meeting) } : {}),
        },
      });
      await queryClient.invalidateQueries({ queryKey: ['dialogue', dialogueKey, 'outcomes'] });
    } catch (e) {
      setProblems(fieldProblems(e, updateFieldOf));
      setError(e);
    }
  }
  return (
    <li className="border-bottom-1px border-base-lighter padding-y-2" data-outcome={o.key}>
      <h2 className="font-heading-md margin-0">
        <LocalText text={o.title} />
      </h2>
      <p className="margin-y-05">
        {common(`outcomeKind.${o.kind}`)} · {common(`outcomeStatus.${o.status}`)}
        {o.due ? ` · ${t('due')} ${o.due}` : ''}
        {o.overdue && <span className="usa-tag bg-secondary margin-left-1">{t('overdue')}</span>}
        {o.rag && <span className="usa-tag margin-left-1">{t(`rag_${o.rag}`)}</span>} ·{' '}
        <span data-testid="outcome-meetings">
          {t('meetings')}:{' '}
          {o.meetings.map((m, n) => (
            <span key={m}>
              {n > 0 ? ', ' : ''}
              <Link to={linkTo.meeting(dialogueKey, m)}>{m}</Link>
            </span>
          ))}
        </span>
      </p>
      {o.updates.length > 0 && (
        <>
          <h3 className="font-heading-sm">{t('updates')}</h3>
          <ul className="usa-list">
            {o.updates.map((u) => (
              <li key={u.id}>
                {u.date} · {sideName(sides, u.side, lang)} · {t(`rag_${u.rag}`)}
                {u.statusChange
                  ? ` · ${u.statusChange.from ? names.outcomeStatus(u.statusChange.from) : ''} → ${names.outcomeStatus(u.statusChange.to)}`
                  : ''}
                {u.meeting !== undefined ? ` · ${t('atMeeting', { number: u.meeting })}` : ''}
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
            <FieldRow id={`rag-${o.key}`} label={t('rag')} error={problems.rag}>
              {(control) => (
                <select className="usa-select" name="rag" defaultValue="green" {...control}>
                  {['red', 'amber', 'green'].map((r) => (
                    <option key={r} value={r}>
                      {t(`rag_${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </FieldRow>
            <FieldRow id={`status-${o.key}`} label={t('status')} error={problems.status}>
              {(control) => (
                <select className="usa-select" name="status" defaultValue={o.status} {...control}>
                  <LabelledOptions values={OUTCOME_STATUSES} label={(v) => common(`outcomeStatus.${v}`)} />
                </select>
              )}
            </FieldRow>
            <FieldRow id={`update-meeting-${o.key}`} label={t('recordedAt')} error={problems.meeting}>
              {(control) => (
                <select className="usa-select" name="meeting" defaultValue="" {...control}>
                  <option value="">{t('notAtMeeting')}</option>
                  {meetings
                    .filter((m) => m >= o.meeting)
                    .map((m) => (
                      <option key={m} value={m}>
                        {t('meetingN', { number: m })}
                      </option>
                    ))}
                </select>
              )}
            </FieldRow>
            <FieldRow id={`note-${o.key}`} label={t('note')} error={problems.note} input={{ name: 'note' }} />
            <FieldRow
              id={`evidence-${o.key}`}
              label={t('evidence')}
              error={problems.evidence}
              input={{ name: 'evidence', type: 'url' }}
            />
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

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'outcome'
  );
}

type AccountField = 'outcomes' | 'whenEn' | 'whenZh' | 'notes';

/**
 * The form's field that a problem names: /body/nextMeeting/when/zh, or a rule's
 * /meetings/0/accounts/0/outcomes/3/key; outcomes before `kept` were already on file.
 */
function accountFieldOf(pointer: string, kept: number): AccountField | undefined {
  const outcome = /\/outcomes\/(\d+)/.exec(pointer);
  if (outcome) return Number(outcome[1]) >= kept ? 'outcomes' : undefined;
  if (/\/nextMeeting\/when\/zh$/.test(pointer)) return 'whenZh';
  if (/\/nextMeeting(\/|$)/.test(pointer)) return 'whenEn';
  if (/\/notes(\/|$)/.test(pointer)) return 'notes';
  return undefined;
}

export function RecordAccountPage() {
  const { key = '', number: n = '' } = useParams();
  const number = Number(n);
  const t = useCycleT();
  const { t: common } = useTranslation();
  const me = useMe().data;
  const send = useSend();
  const side = me?.user.side;
  const accounts = useQuery({
    queryKey: ['dialogue', key, 'meeting', number, 'accounts'],
    queryFn: ({ signal }) => apiGet<ListOf<AccountBodyT>>(`${D(key)}/meetings/${number}/accounts`, signal),
    enabled: Boolean(side),
  });
  const proposals = useProposals(key, number, side);
  const [error, setError] = useState<unknown>();
  const [problems, setProblems] = useState<Partial<Record<AccountField, string>>>({});
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
    setProblems({});
    setSaved(false);
    try {
      await send('PUT', `${D(key)}/meetings/${number}/accounts/${encodeURIComponent(side!)}`, {
        body,
        ...(current ? { ifMatch: current.version } : {}),
      });
      setSaved(true);
      await accounts.refetch();
    } catch (e) {
      setProblems(fieldProblems(e, (pointer) => accountFieldOf(pointer, current?.outcomes.length ?? 0)));
      setError(e);
    }
  }

  return (
    <>
      <h1>{t('recordAccount', { number })}</h1>
      <p>
        <Link to={linkTo.meeting(key, number)}>{t('meetingN', { number })}</Link>
      </p>
      {saved && <Alert kind="success">{t('saved')}</Alert>}
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
              <FieldRow id={`stance-${i.issue}`} label={t('stance')} labelClassName="usa-sr-only">
                {(control) => (
                  <select
                    className="usa-select"
                    name={`stance-${i.issue}`}
                    defaultValue={current?.raised.find((r) => r.issue === i.issue)?.stance ?? 'raised'}
                    {...control}
                  >
                    <LabelledOptions values={STANCES} label={(v) => common(`stance.${v}`)} />
                  </select>
                )}
              </FieldRow>
            </div>
          ))}
        </fieldset>
        <FieldRow id="account-outcomes" label={t('newOutcomes')} error={problems.outcomes}>
          {(control) => <textarea className="usa-textarea" name="outcomes" {...control} />}
        </FieldRow>
        <FieldRow
          id="account-when-en"
          label={t('nextMeetingEn')}
          error={problems.whenEn}
          input={{ name: 'whenEn', defaultValue: current?.nextMeeting?.when.en ?? '' }}
        />
        <FieldRow
          id="account-when-zh"
          label={t('nextMeetingZh')}
          error={problems.whenZh}
          input={{ name: 'whenZh', defaultValue: current?.nextMeeting?.when.zh ?? '' }}
        />
        <FieldRow id="account-notes" label={t('notes')} error={problems.notes}>
          {(control) => (
            <textarea className="usa-textarea" name="notes" defaultValue={current?.notes?.en ?? ''} {...control} />
          )}
        </FieldRow>
        <button className="usa-button margin-top-2" type="submit">
          {t('save')}
        </button>
      </form>
    </>
  );
}
