/**
 * Read services of the dialogue record. They return only what the viewer may
 * see (the repositories filter through the access layer) and turn "absent or
 * not yours to see" into one NotFoundError, so that existence never leaks.
 */
import type { Viewer } from '../access/viewer.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { decodeCursor } from '../pagination.js';
import type { DialogueSummary, IssueFilter, OutcomeFilter, Page, Store } from '../ports.js';
import type { Account, Dialogue, Issue, Meeting, Outcome } from '../records.js';
import type { Stance } from '../vocabulary.js';

export type Deps = Pick<Store, 'dialogues' | 'issues' | 'meetings'>;

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export function listDialogues(deps: Deps, viewer: Viewer): Promise<DialogueSummary[]> {
  return deps.dialogues.list(viewer);
}

/** A dialogue with its sides, people and principles. */
export async function getDialogue(deps: Deps, viewer: Viewer, key: string): Promise<Dialogue> {
  const d = await deps.dialogues.get(viewer, key);
  if (!d) throw new NotFoundError('dialogue', key);
  return d;
}

/** Issues matching the filter, oldest first, one page at a time. */
export async function listIssues(
  deps: Deps,
  viewer: Viewer,
  filter: IssueFilter,
  page: { limit?: number; cursor?: string },
): Promise<Page<Issue>> {
  let after: number | undefined;
  if (page.cursor !== undefined) {
    after = decodeCursor(page.cursor);
    if (after === undefined) {
      throw new ValidationError('The cursor is not one this server issued.', [
        { pointer: '/cursor', message: 'expected the nextCursor of a previous page' },
      ]);
    }
  }
  if (filter.dialogue !== undefined) await getDialogue(deps, viewer, filter.dialogue);
  return deps.issues.list(viewer, filter, { limit: Math.min(page.limit ?? DEFAULT_PAGE, MAX_PAGE), after });
}

export interface IssueRaising {
  meeting: number;
  date: string;
  /** Whose account records the raising (null = joint statement). */
  side: string | null;
  by: string;
  stance: Stance;
}

export interface IssueDetail extends Issue {
  raisings: IssueRaising[];
}

/** One issue with every raising of it that the viewer may see, meeting by meeting. */
export async function getIssue(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  issueKey: string,
): Promise<IssueDetail> {
  const issue = await deps.issues.get(viewer, dialogueKey, issueKey);
  if (!issue) throw new NotFoundError('issue', `${dialogueKey}/${issueKey}`);
  const raisings: IssueRaising[] = [];
  for (const m of await deps.meetings.list(viewer, dialogueKey)) {
    for (const a of await deps.meetings.accounts(viewer, dialogueKey, m.number)) {
      for (const r of a.raised) {
        if (r.issue === issueKey)
          raisings.push({ meeting: m.number, date: m.date, side: a.side, by: r.by, stance: r.stance });
      }
    }
  }
  return { ...issue, raisings };
}

export async function getIssueById(deps: Deps, viewer: Viewer, id: string): Promise<Issue> {
  const issue = await deps.issues.getById(viewer, id);
  if (!issue) throw new NotFoundError('issue', id);
  return issue;
}

export async function listMeetings(deps: Deps, viewer: Viewer, dialogueKey: string): Promise<Meeting[]> {
  await getDialogue(deps, viewer, dialogueKey);
  return deps.meetings.list(viewer, dialogueKey);
}

/** A meeting with every account of it the viewer may see. */
export async function getMeeting(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  number: number,
): Promise<Meeting & { accounts: Account[] }> {
  const m = await deps.meetings.get(viewer, dialogueKey, number);
  if (!m) throw new NotFoundError('meeting', `${dialogueKey}/${number}`);
  return { ...m, accounts: await deps.meetings.accounts(viewer, dialogueKey, number) };
}

export async function listOutcomes(
  deps: Deps,
  viewer: Viewer,
  dialogueKey: string,
  filter: OutcomeFilter,
): Promise<Outcome[]> {
  await getDialogue(deps, viewer, dialogueKey);
  return deps.meetings.outcomes(viewer, dialogueKey, filter);
}
