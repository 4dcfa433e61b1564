/**
 * The meeting cycle, write side (issue 5): planning the next meeting, building
 * a meeting's agenda (cut-off, the non-negotiable gate, each side's internal
 * briefing, agreement by both leads), each side's view of an issue's
 * resolution (PRODUCT.md rule 4), outcome progress updates, and the dialogue
 * dashboard. Every write runs in one transaction with its audit entry.
 *
 * Tiers: the joint agenda's items are seen by both delegations (staff of
 * either side), an item kept only in a side's briefing and every briefing
 * (notes, stance) only by the proposing side; the public and reporters see no
 * agenda at all.
 */
import { SYSTEM_VIEWER, sideViewer, type Viewer } from '../access/viewer.js';
import type { Actor } from '../audit/audit.js';
import { viewerFor, type Principal } from '../auth/roles.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
  VersionConflictError,
} from '../errors.js';
import { issueFields, updateOutcomeIn, write } from '../dialogues/dialogue.writes.js';
import type { Store, TransactionStore } from '../ports.js';
import type { Issue, Meeting, Outcome, Principle } from '../records.js';
import type { Text } from '../text.js';
import type { IssueStatus, OutcomeStatus } from '../vocabulary.js';
import type { AgendaItemRow, AgendaItemStatus, OutcomeUpdateRow, Rag } from './cycle.ports.js';
import { decodeCursor } from '../pagination.js';
import { agendaProposals, issueTimeline, type AgendaProposal } from './cycle.service.js';

/** Statuses of issues still on the table. */
const OPEN: ReadonlySet<IssueStatus> = new Set(['reported', 'open', 'resolved-in-part']);

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Staff of a side (not a reporter, who sees what the public sees): the only callers who see agendas. */
function staffSide(principal: Principal | undefined): string {
  const viewer = viewerFor(principal);
  if (viewer.kind !== 'side') throw new ForbiddenError("A meeting's agenda is for the delegations' staff.");
  return viewer.side;
}

async function visibleMeeting(
  store: Pick<Store, 'meetings' | 'dialogues'>,
  viewer: Viewer,
  dialogueKey: string,
  number: number,
): Promise<Meeting> {
  if (!(await store.dialogues.get(viewer, dialogueKey))) throw new NotFoundError('dialogue', dialogueKey);
  const meeting = await store.meetings.get(viewer, dialogueKey, number);
  if (!meeting) throw new NotFoundError('meeting', `${dialogueKey}/${number}`);
  return meeting;
}

// ---------------------------------------------------------------------------
// Planning

export interface NextMeetingSuggestion {
  number: number;
  key: string;
  host?: string;
  lastMeeting?: { number: number; date: string; host?: string };
}

/** The next number in the series and the host, alternating from the last meeting's. */
export async function suggestNextMeeting(
  store: Pick<Store, 'meetings' | 'dialogues'>,
  viewer: Viewer,
  dialogueKey: string,
): Promise<NextMeetingSuggestion> {
  const dialogue = await store.dialogues.get(viewer, dialogueKey);
  if (!dialogue) throw new NotFoundError('dialogue', dialogueKey);
  // Numbers are counted over every meeting on file, so that a suggestion never collides with a hidden one.
  const all = await store.meetings.list(SYSTEM_VIEWER, dialogueKey);
  const number = Math.max(0, ...all.map((m) => m.number)) + 1;
  const seen = (await store.meetings.list(viewer, dialogueKey)).sort((a, b) => a.number - b.number);
  const last = seen.at(-1);
  const sides = dialogue.sides.map((s) => s.key);
  let host: string | undefined;
  if (last?.host && sides.includes(last.host)) host = sides[(sides.indexOf(last.host) + 1) % sides.length];
  else host = sides[0];
  return {
    number,
    key: `meeting-${number}`,
    ...(host ? { host } : {}),
    ...(last
      ? { lastMeeting: { number: last.number, date: last.date, ...(last.host ? { host: last.host } : {}) } }
      : {}),
  };
}

// ---------------------------------------------------------------------------
// The agenda

export interface AgendaItemView {
  id: string;
  issue: string;
  title: Text;
  side: string;
  status: AgendaItemStatus;
  late: boolean;
  version: number;
  mark?: AgendaProposal['mark'];
  timesRaised?: number;
}

export interface BriefingView {
  item: string;
  issue: string;
  /** False: kept in this side's briefing only (not on the joint agenda). */
  joint: boolean;
  /** The item's version, for If-Match. */
  version: number;
  notes?: string;
  stance?: string;
  /** Why the item is not on the joint agenda, when the gate refused it. */
  refusedBy?: { side: string; topic: string; text: Text };
}

export interface AgendaView {
  meeting: number;
  cutoff?: string;
  cutoffPassed: boolean;
  agreedBy: string[];
  /** `shared` once the leads of every side agreed the joint agenda; `draft` before. */
  state: 'draft' | 'shared';
  items: AgendaItemView[];
  /** My side's internal briefing: only the caller's side's items. */
  briefing: { side: string; items: BriefingView[] };
}

function nonNegotiable(principles: readonly Principle[], side: string, issue: Issue): Principle | undefined {
  return principles.find((p) => p.side !== side && p.kind === 'non-negotiable' && issue.topics.includes(p.topic));
}

async function marksFor(
  store: Store,
  viewer: Viewer,
  dialogueKey: string,
  number: number,
  sides: readonly string[],
): Promise<Map<string, AgendaProposal>> {
  const out = new Map<string, AgendaProposal>();
  for (const side of sides) {
    for (const p of await agendaProposals(store, viewer, dialogueKey, number, side)) out.set(p.issue, p);
  }
  return out;
}

/** The joint agenda of a meeting and the caller's side's internal briefing. */
export async function agendaOf(
  store: Store,
  principal: Principal | undefined,
  dialogueKey: string,
  number: number,
): Promise<AgendaView> {
  const side = staffSide(principal);
  const viewer = sideViewer(side);
  const meeting = await visibleMeeting(store, viewer, dialogueKey, number);
  const dialogue = (await store.dialogues.get(viewer, dialogueKey))!;
  const settings = await store.cycle.agenda(meeting.id);
  const rows = await store.cycle.items(meeting.id);
  const sides = dialogue.sides.map((s) => s.key);
  const marks = await marksFor(store, viewer, dialogueKey, number, sides);
  const items: AgendaItemView[] = [];
  const briefing: BriefingView[] = [];
  const issues = new Map<string, Issue>();
  for (const r of rows) {
    // An issue the caller may not see is not on its agenda: the item would tell that it exists.
    const issue = await store.issues.get(viewer, dialogueKey, r.issue);
    if (!issue) continue;
    issues.set(r.id, issue);
    if (r.joint) {
      const mark = marks.get(r.issue);
      items.push({
        id: r.id,
        issue: r.issue,
        title: issue.title,
        side: r.side,
        status: r.status,
        late: r.late,
        version: r.version,
        ...(mark ? { mark: mark.mark, timesRaised: mark.timesRaised } : {}),
      });
    }
  }
  const mine = rows.filter((r) => r.side === side && issues.has(r.id));
  const notes = new Map((await store.cycle.briefings(mine.map((r) => r.id))).map((b) => [b.itemId, b]));
  for (const r of mine) {
    const b = notes.get(r.id);
    const refusing = r.joint ? undefined : nonNegotiable(dialogue.principles, side, issues.get(r.id)!);
    briefing.push({
      item: r.id,
      issue: r.issue,
      joint: r.joint,
      version: r.version,
      ...(b?.notes ? { notes: b.notes } : {}),
      ...(b?.stance ? { stance: b.stance } : {}),
      ...(refusing ? { refusedBy: { side: refusing.side, topic: refusing.topic, text: refusing.text } } : {}),
    });
  }
  const agreedBy = settings?.agreedBy ?? [];
  return {
    meeting: number,
    ...(settings?.cutoff ? { cutoff: settings.cutoff } : {}),
    cutoffPassed: settings?.cutoff ? today() > settings.cutoff : false,
    agreedBy,
    state: sides.length > 0 && sides.every((s) => agreedBy.includes(s)) ? 'shared' : 'draft',
    items,
    briefing: { side, items: briefing },
  };
}

function leadOnly(principal: Principal, what: string) {
  if (principal.user.role !== 'lead') throw new ForbiddenError(`Only a lead may ${what}.`);
}

/** Sets a meeting's submission cut-off date (a lead); null removes it. */
export async function setAgendaCutoff(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  number: number,
  cutoff: string | null,
): Promise<void> {
  const side = staffSide(principal);
  leadOnly(principal, "set the agenda's cut-off");
  await store.transaction(async (tx) => {
    const meeting = await visibleMeeting(tx, sideViewer(side), dialogueKey, number);
    if (cutoff !== null && cutoff > meeting.date) {
      throw new ValidationError('The cut-off must fall on or before the meeting.', [
        { pointer: '/cutoff', message: `${cutoff} is after the meeting's date ${meeting.date}` },
      ]);
    }
    const before = await tx.cycle.agenda(meeting.id);
    const after = await tx.cycle.saveAgenda(meeting.id, { cutoff });
    await tx.cycle.audit(actor, {
      action: before ? 'update' : 'create',
      recordKind: 'agenda',
      recordId: meeting.id,
      recordKey: `${dialogueKey}/${number}`,
      ownerSide: null,
      visibility: 'shared',
      before: before ? { cutoff: before.cutoff, agreedBy: before.agreedBy } : null,
      after: { cutoff: after.cutoff, agreedBy: after.agreedBy },
    });
  });
}

export interface ProposeInput {
  issue: string;
  briefing?: { notes?: string; stance?: string };
  /** A lead's override of the submission cut-off; recorded in the audit trail. */
  override?: boolean;
  /** Keep the item in my side's internal briefing only, off the joint agenda. */
  internalOnly?: boolean;
}

/**
 * Proposes one of the caller's side's open issues for a meeting. Refused:
 * another side's issue (403), a closed issue (409 issue-not-open), after the
 * cut-off without a lead's override (409 cut-off-passed), an issue on a topic
 * the other side declared non-negotiable (409 non-negotiable-topic, unless
 * kept in the briefing only).
 */
export async function proposeAgendaItem(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  number: number,
  input: ProposeInput,
): Promise<AgendaView> {
  const side = staffSide(principal);
  const viewer = sideViewer(side);
  await store.transaction(async (tx) => {
    const meeting = await visibleMeeting(tx, viewer, dialogueKey, number);
    const dialogue = (await tx.dialogues.get(viewer, dialogueKey))!;
    const issue = await tx.issues.get(viewer, dialogueKey, input.issue);
    if (!issue) throw new NotFoundError('issue', `${dialogueKey}/${input.issue}`);
    if (issue.raisedBy !== side) {
      throw new ForbiddenError(
        `A side proposes its own issues: "${issue.key}" was raised by ${issue.raisedBy}, you are on the ${side} side.`,
      );
    }
    if (!OPEN.has(issue.status)) {
      throw new ConflictError('issue-not-open', `The issue "${issue.key}" is ${issue.status}, not open.`, {
        issue: issue.key,
        status: issue.status,
      });
    }
    const rows = await tx.cycle.items(meeting.id);
    if (rows.some((r) => r.issue === issue.key)) {
      throw new ConflictError('agenda-item-exists', `The issue "${issue.key}" is already proposed for this meeting.`, {
        issue: issue.key,
      });
    }
    const settings = await tx.cycle.agenda(meeting.id);
    const late = settings?.cutoff ? today() > settings.cutoff : false;
    if (late) {
      if (!input.override) {
        throw new ConflictError(
          'cut-off-passed',
          `The submission cut-off (${settings!.cutoff}) has passed: a lead may add the item with an override.`,
          { cutoff: settings!.cutoff },
        );
      }
      leadOnly(principal, 'override the submission cut-off');
    }
    const principle = nonNegotiable(dialogue.principles, side, issue);
    if (principle && !input.internalOnly) {
      const quoted = principle.text.en ?? Object.values(principle.text)[0] ?? principle.topic;
      throw new ConflictError(
        'non-negotiable-topic',
        `The ${principle.side} side declared "${principle.topic}" non-negotiable: "${quoted}". ` +
          `The issue "${issue.key}" cannot go on the joint agenda; it can stay in your side's internal briefing.`,
        {
          issue: issue.key,
          principle: { side: principle.side, kind: principle.kind, topic: principle.topic, text: principle.text },
        },
      );
    }
    const joint = !input.internalOnly;
    const id = await tx.cycle.addItem({ meetingId: meeting.id, issueId: issue.id, side, joint, late });
    await tx.cycle.audit(actor, {
      action: late ? 'create-late-override' : 'create',
      recordKind: 'agenda-item',
      recordId: id,
      recordKey: `${dialogueKey}/${number}/${issue.key}`,
      dialogueId: dialogue.id,
      ownerSide: side,
      visibility: joint ? 'shared' : 'internal',
      after: { issue: issue.key, side, joint, late, ...(late ? { cutoff: settings!.cutoff, override: true } : {}) },
    });
    if (input.briefing && (input.briefing.notes || input.briefing.stance)) {
      await saveBriefing(tx, actor, id, side, input.briefing, `${dialogueKey}/${number}/${issue.key}`, dialogue.id);
    }
    // A change to the joint agenda after it was agreed asks for agreement again.
    if (joint && settings && settings.agreedBy.length > 0) {
      await tx.cycle.saveAgenda(meeting.id, { agreedBy: [] });
      await tx.cycle.audit(actor, {
        action: 'agreement-reset',
        recordKind: 'agenda',
        recordId: meeting.id,
        recordKey: `${dialogueKey}/${number}`,
        dialogueId: dialogue.id,
        visibility: 'shared',
        before: { agreedBy: settings.agreedBy },
        after: { agreedBy: [] },
      });
    }
  });
  return agendaOf(store, principal, dialogueKey, number);
}

async function saveBriefing(
  tx: TransactionStore,
  actor: Actor,
  itemId: string,
  side: string,
  briefing: { notes?: string; stance?: string },
  recordKey: string,
  dialogueId: string,
) {
  const before = (await tx.cycle.briefings([itemId]))[0];
  const notes = briefing.notes !== undefined ? briefing.notes : (before?.notes ?? null);
  const stance = briefing.stance !== undefined ? briefing.stance : (before?.stance ?? null);
  await tx.cycle.saveBriefing(itemId, side, notes || null, stance || null);
  await tx.cycle.audit(actor, {
    action: before ? 'update' : 'create',
    recordKind: 'agenda-briefing',
    recordId: itemId,
    recordKey,
    dialogueId,
    ownerSide: side,
    visibility: 'internal',
    before: before ? { notes: before.notes, stance: before.stance } : null,
    after: { notes, stance },
  });
}

/**
 * Changes an agenda item (If-Match its version): the proposing side may
 * withdraw it or change its briefing; a lead of either side may accept it.
 */
export async function updateAgendaItem(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  number: number,
  itemId: string,
  expectedVersion: number | undefined,
  patch: { status?: AgendaItemStatus; briefing?: { notes?: string; stance?: string } },
): Promise<AgendaView> {
  const side = staffSide(principal);
  const viewer = sideViewer(side);
  await store.transaction(async (tx) => {
    const meeting = await visibleMeeting(tx, viewer, dialogueKey, number);
    const dialogue = (await tx.dialogues.get(viewer, dialogueKey))!;
    const rows = await tx.cycle.items(meeting.id);
    const row: AgendaItemRow | undefined = rows.find((r) => r.id === itemId);
    // Another side's briefing-only item, or an item on an issue the caller may not see, is not found.
    const visible =
      row !== undefined &&
      (row.joint || row.side === side) &&
      (await tx.issues.get(viewer, dialogueKey, row.issue)) !== undefined;
    if (!row || !visible) throw new NotFoundError('agenda item', `${dialogueKey}/${number}/${itemId}`);
    if (patch.briefing !== undefined && row.side !== side) {
      throw new ForbiddenError(
        "A briefing belongs to the side that proposed the item: you cannot change the other side's.",
      );
    }
    if (patch.status === 'withdrawn' && row.side !== side) {
      throw new ForbiddenError('Only the proposing side may withdraw an item.');
    }
    if (patch.status === 'accepted') leadOnly(principal, 'accept an item onto the agenda');
    if (patch.status === 'accepted' && !row.joint) {
      throw new ConflictError('not-on-joint-agenda', 'This item is kept in the briefing only; it cannot be accepted.');
    }
    const version = await tx.cycle.lockItem(row.id);
    if (expectedVersion === undefined) throw new PreconditionRequiredError();
    if (version !== expectedVersion) throw new VersionConflictError('agenda item', version!, row);
    const key = `${dialogueKey}/${number}/${row.issue}`;
    if (patch.status !== undefined && patch.status !== row.status) {
      await tx.cycle.updateItem(row.id, { status: patch.status });
      await tx.cycle.audit(actor, {
        action: 'update',
        recordKind: 'agenda-item',
        recordId: row.id,
        recordKey: key,
        dialogueId: dialogue.id,
        ownerSide: row.side,
        visibility: row.joint ? 'shared' : 'internal',
        before: { status: row.status },
        after: { status: patch.status },
      });
    } else {
      await tx.cycle.updateItem(row.id, {});
    }
    if (patch.briefing) await saveBriefing(tx, actor, row.id, side, patch.briefing, key, dialogue.id);
  });
  return agendaOf(store, principal, dialogueKey, number);
}

/** A lead agrees the joint agenda for their side; it is `shared` once every side has. */
export async function agreeAgenda(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  number: number,
): Promise<AgendaView> {
  const side = staffSide(principal);
  leadOnly(principal, 'agree the joint agenda');
  await store.transaction(async (tx) => {
    const meeting = await visibleMeeting(tx, sideViewer(side), dialogueKey, number);
    const dialogue = (await tx.dialogues.get(sideViewer(side), dialogueKey))!;
    const before = await tx.cycle.agenda(meeting.id);
    const agreed = before?.agreedBy ?? [];
    if (agreed.includes(side)) return;
    const after = await tx.cycle.saveAgenda(meeting.id, { agreedBy: [...agreed, side].sort() });
    await tx.cycle.audit(actor, {
      action: 'agree',
      recordKind: 'agenda',
      recordId: meeting.id,
      recordKey: `${dialogueKey}/${number}`,
      dialogueId: dialogue.id,
      visibility: 'shared',
      before: { agreedBy: agreed },
      after: { agreedBy: after.agreedBy },
    });
  });
  return agendaOf(store, principal, dialogueKey, number);
}

// ---------------------------------------------------------------------------
// Resolution (PRODUCT.md rule 4)

export interface ResolutionResult {
  issue: string;
  status: IssueStatus;
  /** The two sides whose word counts: the raising side and the respondent. */
  raisedBy: string;
  respondent: string;
  views: { side: string; resolved: boolean; reason: string; at: string }[];
  /** Of the two, the sides that record it resolved, and (when one does) the side awaited to agree. */
  resolvedBy: string[];
  awaiting: string[];
}

function resolutionResult(issue: Issue, status: IssueStatus, views: ResolutionResult['views']): ResolutionResult {
  const parties = [issue.raisedBy, issue.respondent];
  const resolvedBy = parties.filter((s) => views.some((v) => v.side === s && v.resolved));
  return {
    issue: issue.key,
    status,
    raisedBy: issue.raisedBy,
    respondent: issue.respondent,
    views: views.filter((v) => parties.includes(v.side)),
    resolvedBy,
    awaiting: resolvedBy.length > 0 ? parties.filter((s) => !resolvedBy.includes(s)) : [],
  };
}

/**
 * Records the caller's side's view of whether an issue is resolved. One of the
 * two sides (raising, respondent) → `resolved-in-part`; both → `resolved`;
 * neither any more → back to `open` (a reopening, recorded with its reason).
 */
export async function resolveIssue(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  issueKey: string,
  input: { resolved: boolean; reason: string },
): Promise<ResolutionResult> {
  const side = staffSide(principal);
  const viewer = sideViewer(side);
  return store.transaction(async (tx) => {
    const issue = await tx.issues.get(viewer, dialogueKey, issueKey);
    if (!issue) throw new NotFoundError('issue', `${dialogueKey}/${issueKey}`);
    if (side !== issue.raisedBy && side !== issue.respondent) {
      throw new ForbiddenError('Only the raising and the respondent side record whether an issue is resolved.');
    }
    const dialogue = (await tx.dialogues.get(viewer, dialogueKey))!;
    const before = await tx.cycle.resolutions(issue.id);
    await tx.cycle.saveResolution(issue.id, side, input.resolved, input.reason);
    const views = await tx.cycle.resolutions(issue.id);
    const count = [issue.raisedBy, issue.respondent].filter((s) => views.find((v) => v.side === s)?.resolved).length;
    let status: IssueStatus = issue.status;
    if (count === 2) status = 'resolved';
    else if (count === 1) status = 'resolved-in-part';
    else if (issue.status === 'resolved' || issue.status === 'resolved-in-part') status = 'open';
    const prior = before.find((v) => v.side === side);
    await tx.cycle.audit(actor, {
      action: input.resolved ? 'resolve' : prior?.resolved ? 'reopen' : 'not-resolved',
      recordKind: 'issue-resolution',
      recordId: issue.id,
      recordKey: `${dialogueKey}/${issueKey}/${side}`,
      dialogueId: dialogue.id,
      ownerSide: issue.ownerSide,
      visibility: issue.visibility,
      before: prior ? { resolved: prior.resolved, reason: prior.reason } : null,
      after: { side, resolved: input.resolved, reason: input.reason, status },
    });
    if (status !== issue.status) {
      const current = (await tx.issues.get(SYSTEM_VIEWER, dialogueKey, issueKey))!;
      await write(tx, principal, actor, dialogueKey, { issues: [{ ...issueFields(current), status }] });
    }
    return resolutionResult(issue, status, views);
  });
}

/**
 * The two sides' views of an issue's resolution (who proposed it resolved,
 * who is awaited), for the delegations' staff who may see the issue: the
 * reasons are the delegations' word to each other, not the public's.
 */
export async function resolutionOf(
  store: Store,
  principal: Principal | undefined,
  dialogueKey: string,
  issueKey: string,
): Promise<ResolutionResult> {
  const viewer = sideViewer(staffSide(principal));
  const issue = await store.issues.get(viewer, dialogueKey, issueKey);
  if (!issue) throw new NotFoundError('issue', `${dialogueKey}/${issueKey}`);
  return resolutionResult(issue, issue.status, await store.cycle.resolutions(issue.id));
}

// ---------------------------------------------------------------------------
// Outcome follow-up

export interface OutcomeUpdateView {
  id: string;
  side: string;
  date: string;
  rag: Rag;
  text?: Text;
  evidence: string[];
  statusChange?: { from: string | null; to: string };
  /** The meeting at which it was recorded, when it was and the viewer may see that meeting. */
  meeting?: number;
}

export interface FollowedOutcome extends Outcome {
  overdue: boolean;
  rag?: Rag;
  updates: OutcomeUpdateView[];
  /**
   * The meetings where it came up: those whose accounts report it (matched by
   * key) and those at which a progress update on it was recorded, in order.
   */
  meetings: number[];
}

const CLOSED_OUTCOMES: ReadonlySet<OutcomeStatus> = new Set(['delivered', 'dropped']);

export function isOverdue(o: Pick<Outcome, 'due' | 'status'>, on = today()): boolean {
  return o.due !== undefined && o.due < on && !CLOSED_OUTCOMES.has(o.status);
}

function updateView(u: OutcomeUpdateRow, seenMeetings?: ReadonlySet<number>): OutcomeUpdateView {
  const meeting = u.meeting !== null && (seenMeetings === undefined || seenMeetings.has(u.meeting)) ? u.meeting : null;
  return {
    id: u.id,
    side: u.side,
    date: u.date,
    rag: u.rag,
    ...(u.text ? { text: u.text } : {}),
    evidence: u.evidence,
    ...(u.statusTo ? { statusChange: { from: u.statusFrom, to: u.statusTo } } : {}),
    ...(meeting !== null ? { meeting } : {}),
  };
}

/**
 * The meetings where each outcome came up, as the viewer may see them: every
 * meeting whose accounts report an outcome of that key, and every meeting at
 * which a progress update on it was recorded. A meeting the viewer may not
 * see is left out, so that the list does not tell that it exists.
 */
export function meetingsOfOutcomes(
  outcomes: readonly Pick<Outcome, 'id' | 'key' | 'meeting'>[],
  updates: readonly Pick<OutcomeUpdateRow, 'outcomeId' | 'meeting'>[],
  seenMeetings: ReadonlySet<number>,
): Map<string, number[]> {
  const byKey = new Map<string, Set<number>>();
  const keyOf = new Map<string, string>();
  for (const o of outcomes) {
    keyOf.set(o.id, o.key);
    const set = byKey.get(o.key) ?? new Set<number>();
    set.add(o.meeting);
    byKey.set(o.key, set);
  }
  for (const u of updates) {
    const key = keyOf.get(u.outcomeId);
    if (key === undefined || u.meeting === null || !seenMeetings.has(u.meeting)) continue;
    byKey.get(key)!.add(u.meeting);
  }
  return new Map([...byKey].map(([key, set]) => [key, [...set].sort((a, b) => a - b)]));
}

/** The outcomes register: every outcome the viewer may see with its updates and overdue flag. */
export async function outcomeRegister(
  store: Store,
  viewer: Viewer,
  dialogueKey: string,
  filter: { status?: OutcomeStatus; kind?: Outcome['kind']; overdue?: boolean } = {},
): Promise<FollowedOutcome[]> {
  if (!(await store.dialogues.get(viewer, dialogueKey))) throw new NotFoundError('dialogue', dialogueKey);
  const outcomes = await store.meetings.outcomes(viewer, dialogueKey, {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  });
  const updates = await store.cycle.outcomeUpdates(outcomes.map((o) => o.id));
  const seen = new Set((await store.meetings.list(viewer, dialogueKey)).map((m) => m.number));
  const meetings = meetingsOfOutcomes(outcomes, updates, seen);
  const on = today();
  return outcomes
    .map((o) => {
      const mine = updates.filter((u) => u.outcomeId === o.id).map((u) => updateView(u, seen));
      return {
        ...o,
        overdue: isOverdue(o, on),
        ...(mine.length > 0 ? { rag: mine.at(-1)!.rag } : {}),
        updates: mine,
        meetings: meetings.get(o.key) ?? [o.meeting],
      };
    })
    .filter((o) => filter.overdue === undefined || o.overdue === filter.overdue);
}

export interface OutcomeUpdateInput {
  date?: string;
  rag: Rag;
  text?: Text;
  evidence?: string[];
  status?: OutcomeStatus;
  /** The number of the meeting at which the update was recorded (the sides reviewed the outcome there). */
  meeting?: number;
}

/**
 * Records a progress update on an outcome by the caller's side (a side that
 * owns the outcome or whose account reported it), with a RAG rating and,
 * optionally, a change of the outcome's status and the meeting at which it
 * was recorded. One transaction: the update, the status change and their
 * audit entries land together or not at all.
 */
export async function addOutcomeUpdate(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  outcomeKey: string,
  input: OutcomeUpdateInput,
): Promise<FollowedOutcome> {
  const side = staffSide(principal);
  const viewer = sideViewer(side);
  await store.transaction(async (tx) => {
    // Locked first: the status it changes from is the one on file until this transaction ends.
    const locked = await tx.lockVersion({ kind: 'outcome', dialogue: dialogueKey, key: outcomeKey });
    const visible = (await tx.meetings.outcomes(viewer, dialogueKey, {})).find((o) => o.key === outcomeKey);
    if (locked === undefined || !visible) throw new NotFoundError('outcome', `${dialogueKey}/${outcomeKey}`);
    if (visible.account !== null && !visible.owners.includes(side) && visible.account !== side) {
      throw new ForbiddenError('Only the sides that own this outcome, or whose account reported it, may follow it up.');
    }
    let meetingId: string | null = null;
    if (input.meeting !== undefined) {
      const meeting = await tx.meetings.get(viewer, dialogueKey, input.meeting);
      if (!meeting) {
        throw new ValidationError(`There is no meeting ${input.meeting} of this dialogue that you may see.`, [
          { pointer: '/meeting', message: `no meeting number ${input.meeting} in ${dialogueKey}` },
        ]);
      }
      if (meeting.number < visible.meeting) {
        throw new ValidationError('An outcome cannot be followed up at a meeting before the one that agreed it.', [
          {
            pointer: '/meeting',
            message: `meeting ${meeting.number} comes before meeting ${visible.meeting}, where the outcome was agreed`,
          },
        ]);
      }
      meetingId = meeting.id;
    }
    const from = visible.status;
    const changes = input.status !== undefined && input.status !== from;
    const row = await tx.cycle.addOutcomeUpdate({
      outcomeId: visible.id,
      side,
      date: input.date ?? today(),
      rag: input.rag,
      text: input.text ?? null,
      evidence: input.evidence ?? [],
      statusFrom: changes ? from : null,
      statusTo: changes ? input.status! : null,
      meetingId,
    });
    await tx.cycle.audit(actor, {
      action: 'create',
      recordKind: 'outcome-update',
      recordId: row.id,
      recordKey: `${dialogueKey}/${outcomeKey}`,
      ownerSide: visible.ownerSide,
      visibility: visible.visibility,
      after: updateView(row),
    });
    if (changes) {
      // The status change goes through the outcome's own write path (rules, audit) at the version just locked.
      await updateOutcomeIn(tx, principal, actor, dialogueKey, outcomeKey, visible.version, { status: input.status });
    }
  });
  return (await outcomeRegister(store, viewer, dialogueKey)).find((o) => o.key === outcomeKey)!;
}

// ---------------------------------------------------------------------------
// Dashboard

export interface Dashboard {
  dialogue: string;
  nextMeeting?: { number: number; date: string; cutoff?: string; host?: string; agendaState?: 'draft' | 'shared' };
  openIssues: { total: number; byCategory: Record<string, number>; byStatus: Record<string, number> };
  outcomes: { total: number; byStatus: Record<string, number> };
  overdueOutcomes: { key: string; title: Text; due: string; status: OutcomeStatus }[];
  stalledIssues: { issue: string; title: Text; raisedBy: string; timesRaised: number }[];
  dormancyReview: { issue: string; title: Text; lastRaised?: { meeting: number; date: string } }[];
}

function count(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1;
}

/** A dialogue at a glance, as the viewer may see it. */
export async function dashboard(store: Store, viewer: Viewer, dialogueKey: string): Promise<Dashboard> {
  const dialogue = await store.dialogues.get(viewer, dialogueKey);
  if (!dialogue) throw new NotFoundError('dialogue', dialogueKey);
  const meetings = (await store.meetings.list(viewer, dialogueKey)).sort((a, b) => a.number - b.number);
  const on = today();
  const next = meetings.find((m) => m.date >= on);
  let nextMeeting: Dashboard['nextMeeting'];
  if (next) {
    const settings = await store.cycle.agenda(next.id);
    const sides = dialogue.sides.map((s) => s.key);
    nextMeeting = {
      number: next.number,
      date: next.date,
      ...(settings?.cutoff ? { cutoff: settings.cutoff } : {}),
      ...(next.host ? { host: next.host } : {}),
      ...(viewer.kind !== 'public'
        ? { agendaState: sides.every((s) => settings?.agreedBy.includes(s)) ? ('shared' as const) : ('draft' as const) }
        : {}),
    };
  }
  const openIssues: Issue[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await store.issues.list(viewer, { dialogue: dialogueKey }, { limit: 200, after });
    openIssues.push(...page.items.filter((i) => OPEN.has(i.status)));
    if (!page.nextCursor) break;
    after = decodeCursor(page.nextCursor);
  }
  const byCategory: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const i of openIssues) {
    count(byCategory, i.category);
    count(byStatus, i.status);
  }
  const outcomes = await store.meetings.outcomes(viewer, dialogueKey, {});
  const outcomesByStatus: Record<string, number> = {};
  for (const o of outcomes) count(outcomesByStatus, o.status);
  const upcoming = next?.number ?? Math.max(0, ...meetings.map((m) => m.number)) + 1;
  const stalledIssues: Dashboard['stalledIssues'] = [];
  for (const side of dialogue.sides) {
    for (const p of await agendaProposals(store, viewer, dialogueKey, upcoming, side.key)) {
      if (p.mark === 'stalled') {
        stalledIssues.push({ issue: p.issue, title: p.title, raisedBy: p.raisedBy, timesRaised: p.timesRaised });
      }
    }
  }
  const dormancyReview: Dashboard['dormancyReview'] = [];
  for (const i of openIssues) {
    const t = await issueTimeline(store, viewer, dialogueKey, i.key);
    if (t.dormancyReview) {
      dormancyReview.push({ issue: i.key, title: i.title, ...(t.lastRaised ? { lastRaised: t.lastRaised } : {}) });
    }
  }
  return {
    dialogue: dialogueKey,
    ...(nextMeeting ? { nextMeeting } : {}),
    openIssues: { total: openIssues.length, byCategory, byStatus },
    outcomes: { total: outcomes.length, byStatus: outcomesByStatus },
    overdueOutcomes: outcomes
      .filter((o) => isOverdue(o, on))
      .map((o) => ({ key: o.key, title: o.title, due: o.due!, status: o.status })),
    stalledIssues,
    dormancyReview,
  };
}
