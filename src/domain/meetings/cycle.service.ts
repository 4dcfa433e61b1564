/**
 * The working group's cycle, read side: an issue's timeline across meetings,
 * the marks on issues proposed for a coming meeting, and the comparison of
 * the two sides' accounts of a meeting. Everything is read through the
 * viewer, so a side sees only what it may.
 */
import type { Viewer } from '../access/viewer.js';
import type { AuditEntry } from '../audit/audit.js';
import { historyAsSeenBy } from '../audit/history.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Store } from '../ports.js';
import type { Issue } from '../records.js';
import type { Stance } from '../vocabulary.js';
import { decodeCursor } from '../pagination.js';
import { compareAccounts, type AccountComparison } from './compare.js';
import {
  agendaMark,
  buildTimeline,
  dueForDormancyReview,
  type AgendaMark,
  type RaisingFact,
  type StatusChange,
  type Timeline,
} from './timeline.js';

type Deps = Pick<Store, 'dialogues' | 'issues' | 'meetings' | 'history' | 'histories'>;

/** Every raising of every issue of a dialogue that the viewer may see, by issue key. */
async function raisingsByIssue(deps: Deps, viewer: Viewer, dialogueKey: string) {
  const out = new Map<string, RaisingFact[]>();
  const meetings = await deps.meetings.list(viewer, dialogueKey);
  for (const m of meetings) {
    for (const a of await deps.meetings.accounts(viewer, dialogueKey, m.number)) {
      for (const r of a.raised) {
        const list = out.get(r.issue) ?? [];
        list.push({ meeting: m.number, date: m.date, account: a.side, by: r.by, stance: r.stance });
        out.set(r.issue, list);
      }
    }
  }
  return { raisings: out, held: meetings.map((m) => m.number) };
}

/** The dialogue's side keys, for reading an issue's history as the viewer may (see `historyAsSeenBy`). */
async function sidesOf(deps: Deps, viewer: Viewer, dialogueKey: string): Promise<string[]> {
  const dialogue = await deps.dialogues.get(viewer, dialogueKey);
  if (!dialogue) throw new NotFoundError('dialogue', dialogueKey);
  return dialogue.sides.map((s) => s.key);
}

/**
 * An issue's status changes that the viewer may read, from its audit entries:
 * those of days when the issue was internal to the other side are left out,
 * as in its history.
 */
function statusChanges(viewer: Viewer, sides: readonly string[], entries: readonly AuditEntry[]): StatusChange[] {
  return historyAsSeenBy(viewer, entries, sides).flatMap((e) => {
    const change = e.changes?.find((c) => c.field === 'status');
    return change ? [{ at: e.at, from: change.before as string | null, to: change.after as string, by: e.actor }] : [];
  });
}

/** The status changes of many issues, read in one go, by issue id. */
async function statusChangesOf(
  deps: Deps,
  viewer: Viewer,
  sides: readonly string[],
  issues: readonly Issue[],
): Promise<Map<string, StatusChange[]>> {
  const histories = await deps.histories(
    'issue',
    issues.map((i) => i.id),
  );
  return new Map(issues.map((i) => [i.id, statusChanges(viewer, sides, histories.get(i.id) ?? [])]));
}

/**
 * The timelines of many issues at once, for counting across a dialogue (the
 * analytics): the meetings' accounts are read once, as the viewer sees them.
 */
export async function timelinesOf(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  issues: readonly Issue[],
): Promise<Map<string, Timeline>> {
  const { raisings } = await raisingsByIssue(deps, viewer, dialogueKey);
  const sides = await sidesOf(deps, viewer, dialogueKey);
  const changes = await statusChangesOf(deps, viewer, sides, issues);
  const out = new Map<string, Timeline>();
  for (const issue of issues) {
    out.set(issue.key, buildTimeline(raisings.get(issue.key) ?? [], changes.get(issue.id) ?? []));
  }
  return out;
}

export interface IssueTimeline extends Timeline {
  issue: string;
  status: Issue['status'];
  dormancyReview: boolean;
}

/** An issue's timeline (first raised, times raised, every raising, status changes). */
export async function issueTimeline(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  issueKey: string,
): Promise<IssueTimeline> {
  const issue = await deps.issues.get(viewer, dialogueKey, issueKey);
  if (!issue) throw new NotFoundError('issue', `${dialogueKey}/${issueKey}`);
  const { raisings, held } = await raisingsByIssue(deps, viewer, dialogueKey);
  const sides = await sidesOf(deps, viewer, dialogueKey);
  const timeline = buildTimeline(
    raisings.get(issueKey) ?? [],
    statusChanges(viewer, sides, await deps.history('issue', issue.id)),
  );
  return { issue: issueKey, status: issue.status, ...timeline, dormancyReview: dueForDormancyReview(timeline, held) };
}

export interface AgendaProposal {
  issue: string;
  title: Issue['title'];
  category: Issue['category'];
  status: Issue['status'];
  raisedBy: string;
  topics: string[];
  mark: AgendaMark;
  timesRaised: number;
  lastStance?: Stance;
}

/** Statuses of issues still on the table. */
const OPEN = new Set(['reported', 'open', 'resolved-in-part']);

/**
 * The open issues of `side` that could go on the agenda of meeting `number`,
 * each marked new, carried over or stalled from the meetings before it.
 */
export async function agendaProposals(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  number: number,
  side: string,
): Promise<AgendaProposal[]> {
  const dialogue = await deps.dialogues.get(viewer, dialogueKey);
  if (!dialogue) throw new NotFoundError('dialogue', dialogueKey);
  if (!dialogue.sides.some((s) => s.key === side)) {
    throw new ValidationError(`"${side}" is not a side of this dialogue.`, [
      { pointer: '/side', message: `expected one of ${dialogue.sides.map((s) => s.key).join(', ')}` },
    ]);
  }
  const { raisings } = await raisingsByIssue(deps, viewer, dialogueKey);
  const sides = dialogue.sides.map((s) => s.key);
  const out: AgendaProposal[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await deps.issues.list(viewer, { dialogue: dialogueKey, raisedBy: side }, { limit: 200, after });
    const open = page.items.filter((issue) => OPEN.has(issue.status));
    const changes = await statusChangesOf(deps, viewer, sides, open);
    for (const issue of open) {
      const timeline = buildTimeline(raisings.get(issue.key) ?? [], changes.get(issue.id) ?? []);
      out.push({
        issue: issue.key,
        title: issue.title,
        category: issue.category,
        status: issue.status,
        raisedBy: issue.raisedBy,
        topics: issue.topics,
        ...agendaMark(timeline, number),
      });
    }
    if (!page.nextCursor) break;
    after = decodeCursor(page.nextCursor);
  }
  return out;
}

/** The two sides' accounts of a meeting compared; needs two accounts by sides. */
export async function compareMeetingAccounts(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  number: number,
): Promise<AccountComparison> {
  const meeting = await deps.meetings.get(viewer, dialogueKey, number);
  if (!meeting) throw new NotFoundError('meeting', `${dialogueKey}/${number}`);
  const accounts = (await deps.meetings.accounts(viewer, dialogueKey, number)).filter((a) => a.side !== null);
  if (accounts.length < 2) {
    throw new NotFoundError(
      'pair of accounts',
      `${dialogueKey}/${number} (${accounts.length} side account${accounts.length === 1 ? '' : 's'} on record)`,
    );
  }
  return compareAccounts(accounts[0]!, accounts[1]!);
}
