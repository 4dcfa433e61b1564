/** Assembles the repositories over one Kysely instance into the domain's Store. */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';
import type { RecordRef, Store, TransactionStore } from '../domain/ports.js';
import { visibleTo } from './access.js';
import { readAudit, recordHistories, recordHistory } from './audit.repository.js';
import type { Database } from './database.js';
import { createBundleStore } from './bundle.repository.js';
import { createDialogueRepository } from './dialogue.repository.js';
import { createIssueRepository } from './issue.repository.js';
import { createMeetingRepository } from './meeting.repository.js';
import { createSearchIndex } from './search.repository.js';
import { createReportStore } from './report.repository.js';
import { createQuestionStore } from './report-mail.repository.js';
import { createOutboxStore } from './outbox.repository.js';
import { createTaxonomyStore } from './taxonomy.repository.js';
import { createCycleRepository } from './cycle.repository.js';
import { createReadoutStore } from './readout.repository.js';
import { createAnalyticsStore } from './analytics.repository.js';
import { createSavedSearchStore } from './saved-search.repository.js';

async function lockVersion(db: Kysely<Database>, ref: RecordRef): Promise<number | undefined> {
  const dialogue = db.selectFrom('dialogues').select('id').where('key', '=', ref.dialogue);
  let row: { version: number } | undefined;
  switch (ref.kind) {
    case 'issue':
      row = await db
        .selectFrom('issues')
        .select('version')
        .where('dialogue_id', '=', dialogue)
        .where('key', '=', ref.key)
        .forUpdate()
        .executeTakeFirst();
      break;
    case 'outcome':
      row = await db
        .selectFrom('outcomes')
        .select('version')
        .where('dialogue_id', '=', dialogue)
        .where('key', '=', ref.key)
        .forUpdate()
        .executeTakeFirst();
      break;
    case 'meeting':
      row = await db
        .selectFrom('meetings')
        .select('version')
        .where('dialogue_id', '=', dialogue)
        .where('number', '=', ref.number)
        .forUpdate()
        .executeTakeFirst();
      break;
    case 'account':
      row = await db
        .selectFrom('accounts')
        .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
        .select('accounts.version')
        .where('meetings.dialogue_id', '=', dialogue)
        .where('meetings.number', '=', ref.meeting)
        .where(
          ref.side === null ? sql<boolean>`accounts.side_key is null` : sql<boolean>`accounts.side_key = ${ref.side}`,
        )
        .forUpdate()
        .executeTakeFirst();
      break;
  }
  return row?.version;
}

/** Tables whose rows carry a tier, by the record kind the audit trail names them with. */
const TIERED: Record<string, { table: string; dialogueId: string; join?: string }> = {
  dialogue: { table: 'dialogues', dialogueId: 'dialogues.id' },
  issue: { table: 'issues', dialogueId: 'issues.dialogue_id' },
  meeting: { table: 'meetings', dialogueId: 'meetings.dialogue_id' },
  outcome: { table: 'outcomes', dialogueId: 'outcomes.dialogue_id' },
  person: { table: 'people', dialogueId: 'people.dialogue_id' },
  side: { table: 'sides', dialogueId: 'sides.dialogue_id' },
  principle: { table: 'principles', dialogueId: 'principles.dialogue_id' },
};

export function createStore(db: Kysely<Database>): Store {
  const readers = (d: Kysely<Database>) => ({
    dialogues: createDialogueRepository(d),
    issues: createIssueRepository(d),
    meetings: createMeetingRepository(d),
  });
  return {
    ...readers(db),
    bundles: createBundleStore(db),
    readouts: createReadoutStore(db),
    analytics: createAnalyticsStore(db),
    search: createSearchIndex(db),
    cycle: createCycleRepository(db),
    transaction: (fn) =>
      db.transaction().execute((tx) => {
        const store: TransactionStore = {
          ...readers(tx),
          bundles: createBundleStore(tx),
          cycle: createCycleRepository(tx),
          lockVersion: (ref) => lockVersion(tx, ref),
        };
        return fn(store);
      }),
    taxonomy: createTaxonomyStore(db),
    reports: createReportStore(db),
    questions: createQuestionStore(db),
    outbox: createOutboxStore(db),
    savedSearches: createSavedSearchStore(db),
    history: (kind, id) => recordHistory(db, kind, id),
    histories: (kind, ids) => recordHistories(db, kind, ids),
    auditTrail: () => readAudit(db),
    // A record is seen only with everything it hangs from: its dialogue, and an
    // account's meeting, an outcome's account and meeting (as the readers show them).
    async dialogueSides(kind: string, id: string) {
      // An account hangs from its meeting; every other record names its dialogue.
      const t =
        kind === 'account'
          ? { table: 'accounts join meetings on meetings.id = accounts.meeting_id', dialogueId: 'meetings.dialogue_id' }
          : TIERED[kind];
      if (!t) return [];
      const idColumn = kind === 'account' ? 'accounts.id' : `${TIERED[kind]!.table}.id`;
      const rows = await sql<{ key: string }>`select s.key from sides s where s.dialogue_id in
        (select ${sql.ref(t.dialogueId)} from ${sql.raw(t.table)} where ${sql.ref(idColumn)} = ${id})`.execute(db);
      return rows.rows.map((r) => r.key);
    },
    async canSeeRecord(viewer: Viewer, kind: string, id: string) {
      const dialogueSeen = (column: string) =>
        sql<SqlBool>`exists (select 1 from dialogues pd where pd.id = ${sql.ref(column)} and ${visibleTo(viewer, 'pd', 'pd.id')})`;
      if (kind === 'account' || kind === 'outcome') {
        let q = db
          .selectFrom('accounts')
          .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
          .select('accounts.id')
          .where(visibleTo(viewer, 'accounts', 'meetings.dialogue_id'))
          .where(visibleTo(viewer, 'meetings', 'meetings.dialogue_id'))
          .where(dialogueSeen('meetings.dialogue_id'));
        q =
          kind === 'account'
            ? q.where('accounts.id', '=', id)
            : q.where((eb) =>
                eb.exists(
                  eb
                    .selectFrom('outcomes')
                    .select('outcomes.id')
                    .whereRef('outcomes.account_id', '=', 'accounts.id')
                    .where('outcomes.id', '=', id)
                    .where(visibleTo(viewer, 'outcomes', 'outcomes.dialogue_id')),
                ),
              );
        return (await q.executeTakeFirst()) !== undefined;
      }
      const t = TIERED[kind];
      if (!t) return viewer.kind === 'system';
      const parent = kind === 'dialogue' ? sql<SqlBool>`true` : dialogueSeen(t.dialogueId);
      const r = await sql<{
        id: string;
      }>`select id from ${sql.table(t.table)} where id = ${id} and ${visibleTo(viewer, t.table, t.dialogueId)} and ${parent}`.execute(
        db,
      );
      return r.rows.length > 0;
    },
  };
}
