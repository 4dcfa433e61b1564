/**
 * Readouts in SQL (migrations/0003_readouts.sql): the versions of each side's
 * readout of a meeting, read through the access filter, written with their
 * audit entry in one transaction. Published rows are frozen by a trigger.
 */
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';
import type { ReadoutDocument, ReadoutLanguage } from '../domain/readouts/readout.model.js';
import type {
  Fingerprint,
  ReadoutState,
  ReadoutStore,
  StoredReadout,
} from '../domain/readouts/readout.workflow.ports.js';
import type { Visibility } from '../domain/vocabulary.js';
import { visibleTo } from './access.js';
import { appendAudit } from './audit.repository.js';
import type { Database } from './database.js';
import { compact, iso } from './mappers.js';
import { refreshSearchOf } from './search.indexer.js';

type Timestamp = Date | string;

/** The `readouts` table, known here only (other features share database.ts). */
export interface ReadoutsTable {
  id: string;
  dialogue_id: string;
  meeting_id: string;
  side_key: string;
  lang: string;
  state: string;
  model: unknown;
  text: string | null;
  fingerprint: unknown;
  published_number: number | null;
  owner_side: string | null;
  visibility: string;
  version: number;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
  edited_by_label: string | null;
  edited_at: Timestamp | null;
  approved_by: string | null;
  approved_by_label: string | null;
  approved_at: Timestamp | null;
  published_by: string | null;
  published_by_label: string | null;
  published_at: Timestamp | null;
  updated_at: Timestamp;
}

type Db = Kysely<Database & { readouts: ReadoutsTable }>;
type Row = Selectable<ReadoutsTable> & { dialogue_key: string; meeting_number: number };

const step = (label: string | null, at: Timestamp | null) =>
  label !== null && at !== null ? { by: label, at: iso(at) } : undefined;

function toReadout(r: Row): StoredReadout {
  return compact({
    id: r.id,
    dialogue: r.dialogue_key,
    meeting: r.meeting_number,
    side: r.side_key,
    lang: r.lang as ReadoutLanguage,
    state: r.state as ReadoutState,
    model: r.model as ReadoutDocument,
    text: r.text ?? undefined,
    fingerprint: r.fingerprint as Fingerprint,
    publishedNumber: r.published_number ?? undefined,
    ownerSide: r.owner_side,
    visibility: r.visibility as Visibility,
    version: r.version,
    created: { by: r.created_by_label, at: iso(r.created_at) },
    edited: step(r.edited_by_label, r.edited_at),
    approved: step(r.approved_by_label, r.approved_at),
    published: step(r.published_by_label, r.published_at),
  });
}

/** What the audit trail keeps of a readout: its state and text, not the whole model. */
function forAudit(r: StoredReadout) {
  return {
    dialogue: r.dialogue,
    meeting: r.meeting,
    side: r.side,
    lang: r.lang,
    state: r.state,
    text: r.text ?? null,
    publishedNumber: r.publishedNumber ?? null,
    visibility: r.visibility,
    fingerprint: r.fingerprint,
  };
}

export function createReadoutStore(kdb: Kysely<Database>): ReadoutStore {
  const db = kdb.withTables<{ readouts: ReadoutsTable }>() as Db;
  const inTx = <T>(fn: (tx: Db) => Promise<T>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));

  const base = (d: Db) =>
    d
      .selectFrom('readouts')
      .innerJoin('meetings', 'meetings.id', 'readouts.meeting_id')
      .innerJoin('dialogues', 'dialogues.id', 'readouts.dialogue_id')
      .selectAll('readouts')
      .select(['dialogues.key as dialogue_key', 'meetings.number as meeting_number']);

  const byId = async (d: Db, id: string) => {
    const r = await base(d).where('readouts.id', '=', id).executeTakeFirst();
    return r ? toReadout(r) : undefined;
  };

  const seen = (viewer: Viewer, dialogueKey: string, meetingNumber: number) =>
    base(db)
      .where('dialogues.key', '=', dialogueKey)
      .where('meetings.number', '=', meetingNumber)
      .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
      .where(visibleTo(viewer, 'meetings', 'meetings.dialogue_id'))
      .where(visibleTo(viewer, 'readouts', 'readouts.dialogue_id'));

  return {
    async list(viewer, dialogueKey, meetingNumber) {
      const rows = await seen(viewer, dialogueKey, meetingNumber)
        .orderBy('readouts.side_key')
        .orderBy('readouts.lang')
        .orderBy(sql`readouts.published_number desc nulls first`)
        .execute();
      return rows.map(toReadout);
    },

    async get(viewer, dialogueKey, meetingNumber, id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const r = await seen(viewer, dialogueKey, meetingNumber).where('readouts.id', '=', id).executeTakeFirst();
      return r ? toReadout(r) : undefined;
    },

    async working(dialogueKey, meetingNumber, side, lang) {
      const r = await base(db)
        .where('dialogues.key', '=', dialogueKey)
        .where('meetings.number', '=', meetingNumber)
        .where('readouts.side_key', '=', side)
        .where('readouts.lang', '=', lang)
        .where('readouts.state', '<>', 'published')
        .executeTakeFirst();
      return r ? toReadout(r) : undefined;
    },

    async fingerprint(dialogueKey, meetingNumber, ownerSide) {
      const out: Fingerprint = {};
      const add = (kind: string, rows: { id: string; version: number }[]) => {
        for (const r of rows) out[`${kind}:${r.id}`] = r.version;
      };
      // Only what the readout's side may know of: public and shared records, and its own internal ones
      // (public and shared only, for the joint statement), so that the mark says nothing of the other side's.
      const known = (table: string) =>
        ownerSide === null
          ? sql<SqlBool>`${sql.ref(`${table}.visibility`)} in ('public', 'shared')`
          : sql<SqlBool>`(${sql.ref(`${table}.visibility`)} in ('public', 'shared') or ${sql.ref(`${table}.owner_side`)} = ${ownerSide})`;
      const dialogue = await db
        .selectFrom('dialogues')
        .select(['id', 'version'])
        .where('key', '=', dialogueKey)
        .executeTakeFirst();
      if (!dialogue) return out;
      add('dialogue', [dialogue]);
      const did = dialogue.id;
      for (const [kind, table] of [
        ['side', 'sides'],
        ['dialogue-name', 'dialogue_names'],
        ['person', 'people'],
        ['principle', 'principles'],
      ] as const) {
        add(
          kind,
          await db
            .selectFrom(table)
            .select(['id', 'version'])
            .where('dialogue_id', '=', did)
            .where(known(table))
            .execute(),
        );
      }
      const meeting = await db
        .selectFrom('meetings')
        .select(['id', 'version'])
        .where('dialogue_id', '=', did)
        .where('number', '=', meetingNumber)
        .executeTakeFirst();
      if (!meeting) return out;
      add('meeting', [meeting]);
      const accounts = await db
        .selectFrom('accounts')
        .select(['id', 'version'])
        .where('meeting_id', '=', meeting.id)
        .where(known('accounts'))
        .execute();
      add('account', accounts);
      if (accounts.length === 0) return out;
      const accountIds = accounts.map((a) => a.id);
      const raisings = await db
        .selectFrom('account_raisings')
        .innerJoin('issues', 'issues.id', 'account_raisings.issue_id')
        .select(['account_raisings.id', 'account_raisings.version', 'account_raisings.issue_id'])
        .where('account_raisings.account_id', 'in', accountIds)
        .where(known('issues'))
        .execute();
      add('raising', raisings);
      add(
        'outcome',
        await db
          .selectFrom('outcomes')
          .select(['id', 'version'])
          .where('account_id', 'in', accountIds)
          .where(known('outcomes'))
          .execute(),
      );
      const issueIds = [...new Set(raisings.map((r) => r.issue_id))];
      if (issueIds.length > 0) {
        add('issue', await db.selectFrom('issues').select(['id', 'version']).where('id', 'in', issueIds).execute());
      }
      return out;
    },

    create: (r, actor) =>
      inTx(async (tx) => {
        const meeting = await tx
          .selectFrom('meetings')
          .innerJoin('dialogues', 'dialogues.id', 'meetings.dialogue_id')
          .select(['meetings.id as meeting_id', 'dialogues.id as dialogue_id'])
          .where('dialogues.key', '=', r.dialogue)
          .where('meetings.number', '=', r.meeting)
          .executeTakeFirstOrThrow();
        const { id } = await tx
          .insertInto('readouts')
          .values({
            dialogue_id: meeting.dialogue_id,
            meeting_id: meeting.meeting_id,
            side_key: r.side,
            lang: r.lang,
            state: 'draft',
            model: JSON.stringify(r.model),
            text: r.text ?? null,
            fingerprint: JSON.stringify(r.fingerprint),
            owner_side: r.ownerSide,
            visibility: r.visibility,
            created_by: actor.userId ?? null,
            created_by_label: actor.label,
            ...(r.text !== undefined ? { edited_by_label: actor.label, edited_at: new Date() } : {}),
          } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        const created = (await byId(tx, id))!;
        await appendAudit(tx as unknown as Kysely<Database>, actor, {
          action: 'readout.draft',
          recordKind: 'readout',
          recordId: id,
          recordKey: `${r.dialogue}/${r.meeting}/${r.side}/${r.lang}`,
          dialogueId: meeting.dialogue_id,
          ownerSide: r.ownerSide,
          visibility: r.visibility,
          after: forAudit(created),
        });
        await refreshSearchOf(tx as unknown as Kysely<Database>, { readouts: [id] });
        return created;
      }),

    change: (id, expectedVersion, change, actor) =>
      inTx(async (tx) => {
        const locked = await tx
          .selectFrom('readouts')
          .select(['version', 'dialogue_id', 'meeting_id', 'side_key', 'lang'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (expectedVersion !== undefined && locked.version !== expectedVersion) return undefined;
        const before = (await byId(tx, id))!;
        const now = new Date();
        let set: Partial<ReadoutsTable>;
        switch (change.kind) {
          case 'edit':
            // An edit voids an approval: the lead approves the text as it stands.
            set = {
              text: change.text,
              state: 'draft',
              edited_by_label: actor.label,
              edited_at: now,
              approved_by: null,
              approved_by_label: null,
              approved_at: null,
            };
            break;
          case 'approve':
            set = {
              state: 'approved',
              fingerprint: JSON.stringify(change.fingerprint),
              approved_by: actor.userId ?? null,
              approved_by_label: actor.label,
              approved_at: now,
            };
            break;
          case 'publish': {
            const last = await tx
              .selectFrom('readouts')
              .select(sql<number | null>`max(published_number)`.as('n'))
              .where('meeting_id', '=', locked.meeting_id)
              .where('side_key', '=', locked.side_key)
              .where('lang', '=', locked.lang)
              .executeTakeFirst();
            set = {
              state: 'published',
              visibility: 'public',
              published_number: Number(last?.n ?? 0) + 1,
              published_by: actor.userId ?? null,
              published_by_label: actor.label,
              published_at: now,
            };
            break;
          }
        }
        await tx
          .updateTable('readouts')
          .set({ ...set, version: sql`version + 1`, updated_at: now } as never)
          .where('id', '=', id)
          .execute();
        const after = (await byId(tx, id))!;
        await appendAudit(tx as unknown as Kysely<Database>, actor, {
          action: `readout.${change.kind}`,
          recordKind: 'readout',
          recordId: id,
          recordKey: `${after.dialogue}/${after.meeting}/${after.side}/${after.lang}`,
          dialogueId: locked.dialogue_id,
          ownerSide: after.ownerSide,
          visibility: after.visibility,
          before: forAudit(before),
          after: forAudit(after),
        });
        // A published version retires the one before it from the search index.
        await refreshSearchOf(tx as unknown as Kysely<Database>, { readouts: [id] });
        return after;
      }),
  };
}
