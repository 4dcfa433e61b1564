/**
 * Writes to a dialogue's records from the API and the CLI. Every write runs in
 * one transaction: the caller's version is checked against the record's
 * (If-Match, so that two people never overwrite each other), the whole dialogue
 * is checked against its rules, and the change is written and audited through
 * the same path as bundle import.
 */
import { SYSTEM_VIEWER } from '../access/viewer.js';
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
import type { RecordRef, Store, TransactionStore } from '../ports.js';
import type {
  Account,
  AccountFields,
  BundleMeeting,
  Issue,
  IssueFields,
  Meeting,
  MeetingFields,
  Outcome,
  OutcomeFields,
} from '../records.js';
import { checkDialogueRecords } from './dialogue.rules.js';
import { hiddenCollisions, refuseHiddenCollisions, splitExisting } from './hidden.js';

function withoutMeta<T extends object>(value: T, drop: string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !drop.includes(k) && v !== undefined)) as T;
}

const META = ['id', 'version', 'ownerSide', 'visibility', 'createdAt', 'updatedAt', 'dialogue'];

export function issueFields(i: Issue): IssueFields {
  return { ...withoutMeta(i, META), visibility: i.visibility } as IssueFields;
}

export function meetingFields(m: Meeting): MeetingFields {
  return withoutMeta(m, [...META, 'accountSides']) as MeetingFields;
}

function outcomeFields(o: Outcome): OutcomeFields {
  return withoutMeta(o, [...META, 'meeting', 'account']) as OutcomeFields;
}

function accountFields(a: Account): AccountFields {
  return {
    ...(withoutMeta(a, [...META, 'meeting', 'outcomes']) as AccountFields),
    outcomes: a.outcomes.map(outcomeFields),
  };
}

/** Checks the caller's version against the record's; the record stays locked until the transaction ends. */
async function guard(
  tx: TransactionStore,
  ref: RecordRef,
  expected: number | undefined,
  current: () => Promise<unknown>,
) {
  const version = await tx.lockVersion(ref);
  if (version === undefined) throw new NotFoundError(ref.kind, describe(ref));
  if (expected === undefined) throw new PreconditionRequiredError();
  if (version !== expected) throw new VersionConflictError(ref.kind, version, await current());
}

function describe(ref: RecordRef): string {
  switch (ref.kind) {
    case 'issue':
    case 'outcome':
      return `${ref.dialogue}/${ref.key}`;
    case 'meeting':
      return `${ref.dialogue}/${ref.number}`;
    case 'account':
      return `${ref.dialogue}/${ref.meeting}/${ref.side ?? 'joint'}`;
  }
}

/**
 * Writes issues and meetings into a dialogue after checking the dialogue's
 * rules; audited as `actor`. The dialogue is taken as `principal` sees it: the
 * rules are checked against the records it may see (no message names another
 * side's internal record), and a change that would touch a record it may not
 * see is refused as a taken key (see hidden.ts).
 */
export async function write(
  tx: TransactionStore,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  change: { issues?: IssueFields[]; meetings?: BundleMeeting[] },
) {
  const viewer = viewerFor(principal);
  const d = await tx.dialogues.get(viewer, dialogueKey);
  if (!d) throw new NotFoundError('dialogue', dialogueKey);
  const dialogue = {
    key: d.key,
    names: d.names,
    level: d.level,
    cadence: d.cadence,
    mandate: d.mandate,
    established: d.established,
    sides: d.sides,
    people: d.people,
    principles: d.principles,
  };
  const records = { dialogue, issues: change.issues ?? [], meetings: change.meetings ?? [] };
  const { visible, hidden } = await splitExisting(tx, viewer, dialogueKey, await tx.bundles.existingKeys(dialogueKey));
  const problems = checkDialogueRecords(records, visible);
  if (problems.length > 0) {
    throw new ValidationError(
      `The change breaks a rule: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  // The dialogue itself is restated as on file: only the issues and meetings are the change.
  refuseHiddenCollisions(hiddenCollisions({ issues: records.issues, meetings: records.meetings }, hidden));
  await tx.bundles.write({ format: 'parley-dialogue/1', ...records }, actor);
}

/**
 * A write may touch only what its author may see: a dialogue (or meeting) the
 * caller may not see answers 404, as a read would, so that writes do not
 * reveal what reads hide.
 */
async function visibleDialogue(tx: TransactionStore, principal: Principal, dialogueKey: string) {
  if (!(await tx.dialogues.get(viewerFor(principal), dialogueKey))) throw new NotFoundError('dialogue', dialogueKey);
}

function ownSide(principal: Principal, side: string, what: string) {
  if (principal.user.side !== side) {
    throw new ForbiddenError(`Only the ${side} side's staff may ${what}; you are on the ${principal.user.side} side.`);
  }
}

/** Opens an issue raised by the caller's side. */
export async function createIssue(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  input: IssueFields,
): Promise<Issue> {
  ownSide(principal, input.raisedBy, 'open issues raised by that side');
  if (input.owner !== principal.user.side) {
    throw new ForbiddenError(
      'An issue you open is held by your own side; hand it over by sharing it, not by naming another owner.',
    );
  }
  return store.transaction(async (tx) => {
    await visibleDialogue(tx, principal, dialogueKey);
    if (await tx.issues.get(SYSTEM_VIEWER, dialogueKey, input.key)) {
      throw new ConflictError('key-taken', `The dialogue already has an issue "${input.key}".`, { pointer: '/key' });
    }
    await write(tx, principal, actor, dialogueKey, { issues: [input] });
    return (await tx.issues.get(SYSTEM_VIEWER, dialogueKey, input.key))!;
  });
}

/** Changes an issue of the caller's side; `patch` holds the fields to change. */
export async function updateIssue(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  issueKey: string,
  expectedVersion: number | undefined,
  patch: Partial<Omit<IssueFields, 'key' | 'raisedBy' | 'respondent'>>,
): Promise<Issue> {
  return store.transaction(async (tx) => {
    const viewer = { kind: 'side', side: principal.user.side } as const;
    const visible = await tx.issues.get(viewer, dialogueKey, issueKey);
    if (!visible) throw new NotFoundError('issue', `${dialogueKey}/${issueKey}`);
    ownSide(principal, visible.owner, 'change this issue');
    if (patch.owner !== undefined && patch.owner !== principal.user.side) {
      throw new ForbiddenError('An issue cannot be handed to another side: share it instead (visibility "shared").');
    }
    await guard(tx, { kind: 'issue', dialogue: dialogueKey, key: issueKey }, expectedVersion, () =>
      tx.issues.get(viewer, dialogueKey, issueKey),
    );
    const current = (await tx.issues.get(SYSTEM_VIEWER, dialogueKey, issueKey))!;
    await write(tx, principal, actor, dialogueKey, { issues: [{ ...issueFields(current), ...patch }] });
    return (await tx.issues.get(SYSTEM_VIEWER, dialogueKey, issueKey))!;
  });
}

/** Plans a meeting (a lead of either side). */
export async function createMeeting(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  input: MeetingFields,
): Promise<Meeting> {
  return store.transaction(async (tx) => {
    await visibleDialogue(tx, principal, dialogueKey);
    if (
      (await tx.meetings.list(SYSTEM_VIEWER, dialogueKey)).some((m) => m.key === input.key || m.number === input.number)
    ) {
      throw new ConflictError(
        'meeting-exists',
        `The dialogue already has a meeting "${input.key}" or number ${input.number}.`,
      );
    }
    await intoMeeting(() => write(tx, principal, actor, dialogueKey, { meetings: [{ ...input, accounts: [] }] }));
    return (await tx.meetings.get(viewerFor(principal), dialogueKey, input.number))!;
  });
}

/**
 * A one-meeting write checks the meeting as the first of a bundle's meetings:
 * its problems are pointed back into the meeting as the caller sent it
 * (/meetings/0/chairs/1 → /chairs/1), so that a form can show each at its field.
 */
async function intoMeeting(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const problems = error.problems.map((p) => ({ ...p, pointer: p.pointer.replace(/^\/meetings\/0(?=\/|$)/, '') }));
    throw new ValidationError(
      `The meeting breaks a rule: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

/** Changes a meeting's fields (not its accounts). */
export async function updateMeeting(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  number: number,
  expectedVersion: number | undefined,
  patch: Partial<Omit<MeetingFields, 'key' | 'number'>>,
): Promise<Meeting> {
  return store.transaction(async (tx) => {
    if (!(await tx.meetings.get(viewerFor(principal), dialogueKey, number))) {
      throw new NotFoundError('meeting', `${dialogueKey}/${number}`);
    }
    await guard(tx, { kind: 'meeting', dialogue: dialogueKey, number }, expectedVersion, () =>
      tx.meetings.get(viewerFor(principal), dialogueKey, number),
    );
    const current = (await tx.meetings.get(SYSTEM_VIEWER, dialogueKey, number))!;
    await intoMeeting(() =>
      write(tx, principal, actor, dialogueKey, {
        meetings: [{ ...meetingFields(current), ...patch, accounts: [] }],
      }),
    );
    // As the caller sees it: which accounts the meeting has is as tiered as the accounts.
    return (await tx.meetings.get(viewerFor(principal), dialogueKey, number))!;
  });
}

/**
 * Records (or revises) one side's account of a meeting. Creating needs no
 * version; revising needs the account's current one.
 */
export async function putAccount(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  number: number,
  side: string | null,
  expectedVersion: number | undefined,
  input: Omit<AccountFields, 'side'>,
): Promise<Account> {
  if (side !== null) ownSide(principal, side, "record that side's account");
  else if (principal.user.role !== 'lead') throw new ForbiddenError('Only a lead may record a joint statement.');
  return store.transaction(async (tx) => {
    // Read as the caller: a meeting it may not see is not found.
    const meeting = await tx.meetings.get(viewerFor(principal), dialogueKey, number);
    if (!meeting) throw new NotFoundError('meeting', `${dialogueKey}/${number}`);
    const ref: RecordRef = { kind: 'account', dialogue: dialogueKey, meeting: number, side };
    const find = async () =>
      // As the caller sees it: an account lists only the raisings and outcomes the caller may see.
      (await tx.meetings.accounts(viewerFor(principal), dialogueKey, number)).find((a) => a.side === side);
    if ((await tx.lockVersion(ref)) !== undefined) {
      // An account on file that the caller may not see is taken, as write() would say: before the version check,
      // whose answer (428, 412 and the current version) would tell that it exists.
      if (!(await find())) {
        refuseHiddenCollisions([
          { pointer: '/side', message: `the account of ${side ?? 'the joint statement'} is taken in this meeting` },
        ]);
      }
      await guard(tx, ref, expectedVersion, find);
    }
    await write(tx, principal, actor, dialogueKey, {
      meetings: [{ ...meetingFields(meeting), accounts: [{ ...input, side }] }],
    });
    return (await find())!;
  });
}

/** Follows up an outcome: its status, due date, title or owners. */
export async function updateOutcome(
  store: Store,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  outcomeKey: string,
  expectedVersion: number | undefined,
  patch: Partial<Omit<OutcomeFields, 'key'>>,
): Promise<Outcome> {
  return store.transaction((tx) =>
    updateOutcomeIn(tx, principal, actor, dialogueKey, outcomeKey, expectedVersion, patch),
  );
}

/**
 * `updateOutcome` inside a transaction the caller holds, so that a larger
 * write (a progress update with its change of status) lands whole or not at all.
 */
export async function updateOutcomeIn(
  tx: TransactionStore,
  principal: Principal,
  actor: Actor,
  dialogueKey: string,
  outcomeKey: string,
  expectedVersion: number | undefined,
  patch: Partial<Omit<OutcomeFields, 'key'>>,
): Promise<Outcome> {
  const viewer = { kind: 'side', side: principal.user.side } as const;
  const visible = (await tx.meetings.outcomes(viewer, dialogueKey, {})).find((o) => o.key === outcomeKey);
  if (!visible) throw new NotFoundError('outcome', `${dialogueKey}/${outcomeKey}`);
  if (
    visible.account !== null &&
    !visible.owners.includes(principal.user.side) &&
    visible.account !== principal.user.side
  ) {
    throw new ForbiddenError('Only the sides that own this outcome, or whose account reported it, may follow it up.');
  }
  await guard(tx, { kind: 'outcome', dialogue: dialogueKey, key: outcomeKey }, expectedVersion, async () =>
    (await tx.meetings.outcomes(viewer, dialogueKey, {})).find((o) => o.key === outcomeKey),
  );
  const meeting = (await tx.meetings.get(SYSTEM_VIEWER, dialogueKey, visible.meeting))!;
  const account = (await tx.meetings.accounts(SYSTEM_VIEWER, dialogueKey, visible.meeting)).find(
    (a) => a.side === visible.account,
  )!;
  const current = account.outcomes.find((o) => o.key === outcomeKey)!;
  const { outcomes: _all, ...rest } = accountFields(account);
  await write(tx, principal, actor, dialogueKey, {
    meetings: [
      {
        ...meetingFields(meeting),
        accounts: [{ ...rest, raised: [], outcomes: [{ ...outcomeFields(current), ...patch }] }],
      },
    ],
  });
  return (await tx.meetings.outcomes(SYSTEM_VIEWER, dialogueKey, {})).find((o) => o.key === outcomeKey)!;
}
