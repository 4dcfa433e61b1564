/**
 * Writes by a side (API writes, bundle import) see a dialogue as that side
 * sees it. What is on file splits into what the writer may see, which the
 * dialogue's rules are checked against (so that no message names a hidden
 * record, and a reference to one is "unknown", as if it did not exist), and
 * what it may not see, which a write must never change: keys are unique in a
 * dialogue, so reusing a hidden record's key is refused as "taken" (409). The
 * writer learns that the key is in use, never what holds it.
 */
import { SYSTEM_VIEWER, type Viewer } from '../access/viewer.js';
import { ConflictError, NotFoundError, type Problem } from '../errors.js';
import { decodeCursor } from '../pagination.js';
import type { Readers } from '../ports.js';
import type { BundleMeeting, ExistingKeys, IssueFields, Person, Principle } from '../records.js';
import { pointer } from '../../shared/json-pointer.js';

/** What is on file for a dialogue that the writer may not see. */
export interface Hidden {
  issues: Set<string>;
  meetingKeys: Set<string>;
  meetingNumbers: Set<number>;
  /** "meeting key/side" ("meeting key/joint" for the joint statement), in meetings the writer may see */
  accounts: Set<string>;
  outcomes: Set<string>;
  people: Set<string>;
  /** "side/kind/topic" */
  principles: Set<string>;
}

const principleKey = (p: Pick<Principle, 'side' | 'kind' | 'topic'>) => `${p.side}/${p.kind}/${p.topic}`;

/**
 * Splits `all` (every key on file for the dialogue) into what `viewer` may see
 * and what it may not. A dialogue the viewer may not see is not found.
 */
export async function splitExisting(
  tx: Readers,
  viewer: Viewer,
  dialogueKey: string,
  all: ExistingKeys,
): Promise<{ visible: ExistingKeys; hidden: Hidden }> {
  const [mine, full] = await Promise.all([
    tx.dialogues.get(viewer, dialogueKey),
    tx.dialogues.get(SYSTEM_VIEWER, dialogueKey),
  ]);
  if (!mine || !full) throw new NotFoundError('dialogue', dialogueKey);
  const issues = new Set<string>();
  for (let after: number | undefined, more = true; more;) {
    const page = await tx.issues.list(viewer, { dialogue: dialogueKey }, { limit: 1000, after });
    for (const i of page.items) issues.add(i.key);
    more = page.nextCursor !== undefined;
    after = page.nextCursor === undefined ? undefined : decodeCursor(page.nextCursor);
  }
  const [meetings, allMeetings, outcomes] = await Promise.all([
    tx.meetings.list(viewer, dialogueKey),
    tx.meetings.list(SYSTEM_VIEWER, dialogueKey),
    tx.meetings.outcomes(viewer, dialogueKey, {}),
  ]);
  const seenMeetings = new Map(meetings.map((m) => [m.key, m]));
  const seenOutcomes = new Set(outcomes.map((o) => o.key));
  const seenPeople = new Set(mine.people.map((p) => p.key));
  const seenPrinciples = new Set(mine.principles.map(principleKey));
  const hiddenMeetings = allMeetings.filter((m) => !seenMeetings.has(m.key));
  const hidden: Hidden = {
    issues: new Set(all.issues.filter((k) => !issues.has(k))),
    meetingKeys: new Set(hiddenMeetings.map((m) => m.key)),
    meetingNumbers: new Set(hiddenMeetings.map((m) => m.number)),
    accounts: new Set(
      allMeetings.flatMap((m) => {
        const seen = seenMeetings.get(m.key);
        if (!seen) return [];
        return m.accountSides.filter((s) => !seen.accountSides.includes(s)).map((s) => `${m.key}/${s ?? 'joint'}`);
      }),
    ),
    outcomes: new Set([...all.outcomes.keys()].filter((k) => !seenOutcomes.has(k))),
    people: new Set(full.people.map((p) => p.key).filter((k) => !seenPeople.has(k))),
    principles: new Set(full.principles.map(principleKey).filter((k) => !seenPrinciples.has(k))),
  };
  const visible: ExistingKeys = {
    sides: all.sides,
    people: all.people.filter((k) => !hidden.people.has(k)),
    issues: all.issues.filter((k) => issues.has(k)),
    meetings: new Map([...all.meetings].filter(([k]) => seenMeetings.has(k))),
    outcomes: new Map([...all.outcomes].filter(([k]) => seenOutcomes.has(k))),
  };
  return { visible, hidden };
}

/** The records of a write that would change (or collide with) a hidden record, each with its JSON Pointer. */
export function hiddenCollisions(
  records: {
    dialogue?: { people: readonly Person[]; principles: readonly Principle[] };
    issues: readonly Pick<IssueFields, 'key'>[];
    meetings: readonly BundleMeeting[];
  },
  hidden: Hidden,
): Problem[] {
  const problems: Problem[] = [];
  const taken = (path: PropertyKey[], what: string) =>
    problems.push({ pointer: pointer(path), message: `${what} is taken in this dialogue; choose another` });
  records.dialogue?.people.forEach((p, i) => {
    if (hidden.people.has(p.key)) taken(['dialogue', 'people', i, 'key'], `the person key "${p.key}"`);
  });
  records.dialogue?.principles.forEach((p, i) => {
    if (hidden.principles.has(principleKey(p)))
      taken(['dialogue', 'principles', i], `the principle ${principleKey(p)}`);
  });
  records.issues.forEach((issue, i) => {
    if (hidden.issues.has(issue.key)) taken(['issues', i, 'key'], `the issue key "${issue.key}"`);
  });
  records.meetings.forEach((m, mi) => {
    if (hidden.meetingKeys.has(m.key)) taken(['meetings', mi, 'key'], `the meeting key "${m.key}"`);
    else if (hidden.meetingNumbers.has(m.number)) taken(['meetings', mi, 'number'], `the meeting number ${m.number}`);
    m.accounts.forEach((a, ai) => {
      if (hidden.accounts.has(`${m.key}/${a.side ?? 'joint'}`)) {
        taken(['meetings', mi, 'accounts', ai, 'side'], `the account of ${a.side ?? 'the joint statement'}`);
      }
      a.outcomes.forEach((o, oi) => {
        if (hidden.outcomes.has(o.key)) {
          taken(['meetings', mi, 'accounts', ai, 'outcomes', oi, 'key'], `the outcome key "${o.key}"`);
        }
      });
    });
  });
  return problems;
}

/** Throws the 409 for `problems` found by hiddenCollisions, if any. */
export function refuseHiddenCollisions(problems: Problem[]): void {
  if (problems.length === 0) return;
  throw new ConflictError(
    'key-taken',
    `Some keys are already taken in this dialogue: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
    { problems },
  );
}
