/** Reads of meetings, the sides' accounts of them, and their outcomes. */
import type { Kysely, Selectable } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';
import type { MeetingReader, OutcomeFilter } from '../domain/ports.js';
import type {
  Account,
  AccountSource,
  Meeting,
  NextMeeting,
  Outcome,
  Participant,
  Place,
  Raising,
} from '../domain/records.js';
import type { Text } from '../domain/text.js';
import type { MeetingFormat, OutcomeKind, OutcomeStatus, Stance } from '../domain/vocabulary.js';
import type { Database, MeetingsTable, OutcomesTable } from './database.js';
import { visibleTo } from './access.js';
import { compact, meta, opt } from './mappers.js';

function toMeeting(
  row: Selectable<MeetingsTable> & { dialogue_key: string },
  accountSides: (string | null)[],
): Meeting {
  return compact({
    ...meta(row),
    dialogue: row.dialogue_key,
    key: row.key,
    number: row.number,
    date: row.starts_on,
    endDate: opt<string>(row.ends_on),
    format: row.format as MeetingFormat,
    place: opt<Place>(row.place),
    host: opt<string>(row.host),
    chairs: row.chairs as string[],
    participants: row.participants as Participant[],
    accountSides,
  });
}

function toOutcome(
  row: Selectable<OutcomesTable> & { dialogue_key: string; meeting_number: number; account_side: string | null },
): Outcome {
  return compact({
    ...meta(row),
    dialogue: row.dialogue_key,
    meeting: row.meeting_number,
    account: row.account_side,
    key: row.key,
    kind: row.kind as OutcomeKind,
    title: row.title as Text,
    owners: row.owners as string[],
    due: opt<string>(row.due_on),
    status: row.status as OutcomeStatus,
  });
}

export function createMeetingRepository(db: Kysely<Database>): MeetingReader {
  const meetings = (viewer: Viewer, dialogueKey: string) =>
    db
      .selectFrom('meetings')
      .innerJoin('dialogues', 'dialogues.id', 'meetings.dialogue_id')
      .where('dialogues.key', '=', dialogueKey)
      .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
      .where(visibleTo(viewer, 'meetings', 'meetings.dialogue_id'))
      .selectAll('meetings')
      .select('dialogues.key as dialogue_key');

  const accountSides = async (viewer: Viewer, meetingIds: string[]) => {
    if (meetingIds.length === 0) return [];
    return db
      .selectFrom('accounts')
      .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
      .where('accounts.meeting_id', 'in', meetingIds)
      .where(visibleTo(viewer, 'accounts', 'meetings.dialogue_id'))
      .select(['accounts.meeting_id', 'accounts.side_key'])
      .orderBy('accounts.position')
      .execute();
  };

  const outcomes = (viewer: Viewer, dialogueKey: string) =>
    db
      .selectFrom('outcomes')
      .innerJoin('accounts', 'accounts.id', 'outcomes.account_id')
      .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
      .innerJoin('dialogues', 'dialogues.id', 'outcomes.dialogue_id')
      .where('dialogues.key', '=', dialogueKey)
      .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
      .where(visibleTo(viewer, 'meetings', 'meetings.dialogue_id'))
      .where(visibleTo(viewer, 'accounts', 'meetings.dialogue_id'))
      .where(visibleTo(viewer, 'outcomes', 'outcomes.dialogue_id'))
      .selectAll('outcomes')
      .select([
        'dialogues.key as dialogue_key',
        'meetings.number as meeting_number',
        'accounts.side_key as account_side',
      ]);

  return {
    async list(viewer, dialogueKey) {
      const rows = await meetings(viewer, dialogueKey).orderBy('meetings.number').execute();
      const sides = await accountSides(
        viewer,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        toMeeting(
          r,
          sides.filter((s) => s.meeting_id === r.id).map((s) => s.side_key),
        ),
      );
    },

    async get(viewer, dialogueKey, number) {
      const row = await meetings(viewer, dialogueKey).where('meetings.number', '=', number).executeTakeFirst();
      if (!row) return undefined;
      const sides = await accountSides(viewer, [row.id]);
      return toMeeting(
        row,
        sides.map((s) => s.side_key),
      );
    },

    async accounts(viewer, dialogueKey, number): Promise<Account[]> {
      const meeting = await meetings(viewer, dialogueKey).where('meetings.number', '=', number).executeTakeFirst();
      if (!meeting) return [];
      const rows = await db
        .selectFrom('accounts')
        .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
        .where('accounts.meeting_id', '=', meeting.id)
        .where(visibleTo(viewer, 'accounts', 'meetings.dialogue_id'))
        .selectAll('accounts')
        .orderBy('accounts.position')
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const [raisings, outs] = await Promise.all([
        db
          .selectFrom('account_raisings')
          .innerJoin('issues', 'issues.id', 'account_raisings.issue_id')
          .where('account_raisings.account_id', 'in', ids)
          // A raising of an issue the viewer may not see is not shown at all.
          .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
          .select(['account_raisings.account_id', 'account_raisings.by_side', 'account_raisings.stance', 'issues.key'])
          .orderBy('account_raisings.position')
          .execute(),
        outcomes(viewer, dialogueKey).where('outcomes.account_id', 'in', ids).orderBy('outcomes.position').execute(),
      ]);
      return rows.map((r) =>
        compact({
          ...meta(r),
          dialogue: dialogueKey,
          meeting: number,
          side: r.side_key,
          published: opt<string>(r.published_on),
          source: opt<AccountSource>(r.source),
          raised: raisings
            .filter((x) => x.account_id === r.id)
            .map((x): Raising => ({ by: x.by_side, issue: x.key, stance: x.stance as Stance })),
          outcomes: outs.filter((o) => o.account_id === r.id).map(toOutcome),
          nextMeeting: opt<NextMeeting>(r.next_meeting),
          notes: opt<Text>(r.notes),
        }),
      );
    },

    async outcomes(viewer, dialogueKey, filter: OutcomeFilter) {
      let q = outcomes(viewer, dialogueKey);
      if (filter.status !== undefined) q = q.where('outcomes.status', '=', filter.status);
      if (filter.kind !== undefined) q = q.where('outcomes.kind', '=', filter.kind);
      if (filter.meeting !== undefined) q = q.where('meetings.number', '=', filter.meeting);
      const rows = await q
        .orderBy('meetings.number')
        .orderBy('accounts.position')
        .orderBy('outcomes.position')
        .execute();
      return rows.map(toOutcome);
    },
  };
}
