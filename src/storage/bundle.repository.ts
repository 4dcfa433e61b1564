/**
 * Writes a validated bundle record by record: a record whose key is on file is
 * updated only when a field differs (its version then goes up by one), a new
 * one is inserted, and nothing is ever deleted. Importing the same bundle twice
 * therefore changes nothing.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { accountLabel } from '../domain/dialogues/dialogue.rules.js';
import { ForbiddenError } from '../domain/errors.js';
import type { BundleStore, ImportCounts } from '../domain/ports.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { appendAudit } from './audit.repository.js';
import type { AccountFields, Bundle, ExistingKeys } from '../domain/records.js';
import type { Database } from './database.js';
import { announceFates } from './report-mail.repository.js';
import { noteWrite, refreshSearch, searchChanges } from './search.indexer.js';
import { refreshSimilar } from './similar.repository.js';

type Row = Record<string, unknown>;
/** Records created by one write after which the tables' statistics are refreshed. */
const ANALYZE_AFTER = 1000;
/** Who owns a record the bundle writes, and where it is in the bundle. */
interface Guard {
  owner: string | null;
  pointer: string;
  what: string;
}
type Values = Record<string, unknown>;

/** Stable JSON with sorted keys: jsonb does not keep the order keys were written in. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Row)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A value as a query parameter: objects and arrays go to jsonb as JSON text. */
function param(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

function condition(match: Values): RawBuilder<unknown> {
  return sql.join(
    Object.entries(match).map(([c, v]) => (v === null ? sql`${sql.ref(c)} is null` : sql`${sql.ref(c)} = ${v}`)),
    sql` and `,
  );
}

const KIND: Partial<Record<keyof Database, string>> = {
  dialogues: 'dialogue',
  dialogue_names: 'dialogue-name',
  sides: 'side',
  people: 'person',
  principles: 'principle',
  issues: 'issue',
  meetings: 'meeting',
  accounts: 'account',
  account_raisings: 'raising',
  outcomes: 'outcome',
};

/** A row as the audit trail records it: without the timestamps that every write changes. */
function auditable(row: Row): Row {
  const { created_at: _c, updated_at: _u, seq: _s, ...rest } = row;
  return rest;
}

export function createBundleStore(db: Kysely<Database>): BundleStore {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  let actor: Actor = SYSTEM_ACTOR;
  /** The side that writes (a side's import), or undefined for the installation itself. */
  let writer: string | undefined;
  /** What this write changed, for the search index (refreshed before the transaction commits). */
  let changes = searchChanges();
  /** Issues created or changed by this write: their similarity features are rebuilt before it commits. */
  let similarIssues = new Set<string>();
  /** Issues and meetings this write changed or raised at a meeting: the fates of reports merged into them may change. */
  let fates = { issueIds: new Set<string>(), meetingIds: new Set<string>() };

  async function audit(table: keyof Database, action: 'create' | 'update', before: Row | null, after: Row) {
    if (table === 'issues') fates.issueIds.add(after.id as string);
    if (table === 'account_raisings') fates.issueIds.add(after.issue_id as string);
    if (table === 'meetings' && action === 'update') fates.meetingIds.add(after.id as string);
    await appendAudit(db, actor, {
      action: `${KIND[table] ?? table}.${action}`,
      recordKind: KIND[table] ?? table,
      recordId: after.id as string,
      recordKey: typeof after.key === 'string' ? after.key : null,
      dialogueId: (after.dialogue_id as string | undefined) ?? (table === 'dialogues' ? (after.id as string) : null),
      ownerSide: (after.owner_side as string | null | undefined) ?? null,
      visibility: (after.visibility as string | undefined) ?? null,
      before: before ? auditable(before) : null,
      after: auditable(after),
    });
  }

  /**
   * A side writes only what it owns: a record of the other side that the
   * bundle would create or change is refused, naming where it is in the
   * bundle. Records with no owner (the dialogue, meetings, joint statements)
   * are the dialogue's and either side may write them.
   */
  function refuseForeign(owner: unknown, guard: Guard | undefined) {
    if (writer === undefined || !guard || owner === null || owner === undefined || owner === writer) return;
    throw new ForbiddenError(
      `${guard.pointer}: ${guard.what} belongs to ${String(owner)}; your side (${writer}) may import only its own records, and may leave the other side's as they are on file.`,
    );
  }

  /**
   * Inserts or updates one row matched by `match`. `fields` are compared and
   * updated; `onInsert` are set only when the row is created.
   */
  async function upsert(
    table: keyof Database,
    match: Values,
    fields: Values,
    onInsert: Values,
    guard?: Guard,
  ): Promise<string> {
    const found = await sql<Row>`select * from ${sql.table(table)} where ${condition(match)}`.execute(db);
    const row = found.rows[0];
    if (!row) {
      refuseForeign(guard?.owner, guard);
      const all = { ...match, ...fields, ...onInsert };
      const cols = Object.keys(all);
      const inserted = await sql<Row>`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
        values (${sql.join(cols.map((c) => sql`${param(all[c])}`))}) returning *`.execute(db);
      counts.created++;
      noteWrite(changes, table, null, inserted.rows[0]!);
      if (table === 'issues') similarIssues.add(inserted.rows[0]!.id as string);
      await audit(table, 'create', null, inserted.rows[0]!);
      return inserted.rows[0]!.id as string;
    }
    // An optional field absent from the bundle means "not known": what is on file stays.
    const changed = Object.keys(fields).filter(
      (c) => fields[c] !== undefined && canonical(row[c]) !== canonical(fields[c]),
    );
    if (changed.length === 0) {
      counts.unchanged++;
      return row.id as string;
    }
    refuseForeign(row.owner_side ?? guard?.owner, guard);
    if (guard && 'owner_side' in fields) refuseForeign(fields.owner_side, guard);
    const updated =
      await sql<Row>`update ${sql.table(table)} set ${sql.join(changed.map((c) => sql`${sql.ref(c)} = ${param(fields[c])}`))},
      version = version + 1, updated_at = now() where id = ${row.id as string} returning *`.execute(db);
    counts.updated++;
    noteWrite(changes, table, row, updated.rows[0]!);
    if (table === 'issues') similarIssues.add(row.id as string);
    await audit(table, 'update', row, updated.rows[0]!);
    return row.id as string;
  }

  /** The next free position under a parent, so merged records append in order. */
  async function positions(table: keyof Database, parentColumn: string, parentId: string) {
    const r = await sql<{
      max: number | null;
    }>`select max(position) as max from ${sql.table(table)} where ${sql.ref(parentColumn)} = ${parentId}`.execute(db);
    let next = (r.rows[0]?.max ?? -1) + 1;
    return () => next++;
  }

  return {
    async existingKeys(dialogueKey: string): Promise<ExistingKeys> {
      const d = await db.selectFrom('dialogues').where('key', '=', dialogueKey).select('id').executeTakeFirst();
      if (!d) return { sides: [], people: [], issues: [], meetings: new Map(), outcomes: new Map() };
      const [sides, people, issues, meetings, outcomes] = await Promise.all([
        db.selectFrom('sides').where('dialogue_id', '=', d.id).select('key').execute(),
        db.selectFrom('people').where('dialogue_id', '=', d.id).select('key').execute(),
        db.selectFrom('issues').where('dialogue_id', '=', d.id).select('key').execute(),
        db.selectFrom('meetings').where('dialogue_id', '=', d.id).select(['key', 'number']).execute(),
        db
          .selectFrom('outcomes')
          .innerJoin('accounts', 'accounts.id', 'outcomes.account_id')
          .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
          .where('outcomes.dialogue_id', '=', d.id)
          .select(['outcomes.key', 'meetings.key as meeting_key', 'accounts.side_key'])
          .execute(),
      ]);
      return {
        sides: sides.map((r) => r.key),
        people: people.map((r) => r.key),
        issues: issues.map((r) => r.key),
        meetings: new Map(meetings.map((r) => [r.key, r.number])),
        outcomes: new Map(outcomes.map((r) => [r.key, accountLabel(r.meeting_key, r.side_key)])),
      };
    },

    async write(bundle: Bundle, by: Actor = SYSTEM_ACTOR, side?: string): Promise<ImportCounts> {
      counts.created = counts.updated = counts.unchanged = 0;
      actor = by;
      writer = side;
      changes = searchChanges();
      similarIssues = new Set();
      fates = { issueIds: new Set(), meetingIds: new Set() };
      const d = bundle.dialogue;
      const dialogueId = await upsert(
        'dialogues',
        { key: d.key },
        { level: d.level, cadence: d.cadence, mandate: d.mandate, established: d.established },
        { visibility: 'public' },
      );
      const under = { dialogue_id: dialogueId };

      let next = await positions('dialogue_names', 'dialogue_id', dialogueId);
      for (const [i, n] of d.names.entries()) {
        await upsert(
          'dialogue_names',
          { ...under, side_key: n.side },
          { text: n.text },
          { position: next(), owner_side: n.side, visibility: 'public' },
          { owner: n.side, pointer: `/dialogue/names/${i}`, what: `the name of the dialogue used by ${n.side}` },
        );
      }
      next = await positions('sides', 'dialogue_id', dialogueId);
      for (const [i, s] of d.sides.entries()) {
        await upsert(
          'sides',
          { ...under, key: s.key },
          { country: s.country, agency: s.agency, press_contact: s.pressContact, about: s.about },
          { position: next(), owner_side: s.key, visibility: 'public' },
          { owner: s.key, pointer: `/dialogue/sides/${i}`, what: `the side ${s.key}` },
        );
      }
      next = await positions('people', 'dialogue_id', dialogueId);
      for (const [i, p] of d.people.entries()) {
        await upsert(
          'people',
          { ...under, key: p.key },
          { side_key: p.side, name: p.name, title: p.title, owner_side: p.side },
          { position: next(), visibility: 'public' },
          { owner: p.side, pointer: `/dialogue/people/${i}`, what: `the person "${p.key}"` },
        );
      }
      next = await positions('principles', 'dialogue_id', dialogueId);
      for (const [i, p] of d.principles.entries()) {
        await upsert(
          'principles',
          { ...under, side_key: p.side, kind: p.kind, topic: p.topic },
          { text: p.text },
          { position: next(), owner_side: p.side, visibility: 'public' },
          { owner: p.side, pointer: `/dialogue/principles/${i}`, what: `the principle of ${p.side} on ${p.topic}` },
        );
      }

      next = await positions('issues', 'dialogue_id', dialogueId);
      for (const [index, i] of bundle.issues.entries()) {
        await upsert(
          'issues',
          { ...under, key: i.key },
          {
            title: i.title,
            summary: i.summary,
            raised_by: i.raisedBy,
            respondent: i.respondent,
            category: i.category,
            topics: i.topics,
            sectors: i.sectors,
            products: i.products,
            economies: i.economies,
            regions: i.regions,
            status: i.status,
            visibility: i.visibility,
            owner_side: i.owner,
          },
          { position: next() },
          { owner: i.owner, pointer: `/issues/${index}`, what: `the issue "${i.key}"` },
        );
      }
      const issueIds = new Map(
        (await db.selectFrom('issues').where('dialogue_id', '=', dialogueId).select(['id', 'key']).execute()).map(
          (r) => [r.key, r.id],
        ),
      );

      for (const [mi, m] of bundle.meetings.entries()) {
        // The bundle has no tier for meetings and accounts: a published account
        // is public, an unpublished one shared with the other delegation. The
        // tier is set when the record is created and then left to Parley.
        const published = m.accounts.some((a) => a.published !== undefined);
        const meetingId = await upsert(
          'meetings',
          { ...under, key: m.key },
          {
            number: m.number,
            starts_on: m.date,
            ends_on: m.endDate,
            format: m.format,
            place: m.place,
            host: m.host,
            chairs: m.chairs,
            participants: m.participants,
          },
          { visibility: published ? 'public' : 'shared' },
        );
        const nextAccount = await positions('accounts', 'meeting_id', meetingId);
        for (const [ai, a] of m.accounts.entries()) {
          await writeAccount(dialogueId, meetingId, a, nextAccount, issueIds, `/meetings/${mi}/accounts/${ai}`);
        }
      }
      // An issue resolved or raised at a meeting changes the fate of the reports merged into it: tell their reporters.
      await announceFates(db, { issueIds: [...fates.issueIds], meetingIds: [...fates.meetingIds] });
      await refreshSearch(db, changes);
      await refreshSimilar(db, { issues: similarIssues });
      // The planner's statistics lag a large import: PGlite runs no autovacuum and
      // PostgreSQL's comes later; lists stay two to three times slower until then.
      if (counts.created >= ANALYZE_AFTER) {
        await sql`analyze dialogues, issues, meetings, accounts, account_raisings, outcomes, people, audit_log`.execute(
          db,
        );
      }
      return { ...counts };
    },
  };

  async function writeAccount(
    dialogueId: string,
    meetingId: string,
    a: AccountFields,
    nextPosition: () => number,
    issueIds: Map<string, string>,
    at: string,
  ) {
    // Everything in an account is its side's: the raisings and outcomes it reports.
    const guard = (pointer: string, what: string): Guard => ({ owner: a.side, pointer, what });
    const visibility = a.published !== undefined ? 'public' : 'shared';
    const accountId = await upsert(
      'accounts',
      { meeting_id: meetingId, side_key: a.side },
      { published_on: a.published, source: a.source, next_meeting: a.nextMeeting, notes: a.notes },
      { position: nextPosition(), owner_side: a.side, visibility },
      guard(at, `the account of ${a.side ?? 'the joint statement'}`),
    );
    const nextRaising = await positions('account_raisings', 'account_id', accountId);
    for (const [ri, r] of a.raised.entries()) {
      await upsert(
        'account_raisings',
        { account_id: accountId, by_side: r.by, issue_id: issueIds.get(r.issue)! },
        { stance: r.stance },
        { position: nextRaising() },
        guard(`${at}/raised/${ri}`, `the raising of "${r.issue}" in the account of ${a.side ?? 'the joint statement'}`),
      );
    }
    const nextOutcome = await positions('outcomes', 'account_id', accountId);
    for (const [oi, o] of a.outcomes.entries()) {
      await upsert(
        'outcomes',
        { dialogue_id: dialogueId, key: o.key },
        { kind: o.kind, title: o.title, owners: o.owners, due_on: o.due, status: o.status },
        { account_id: accountId, position: nextOutcome(), owner_side: a.side, visibility },
        guard(`${at}/outcomes/${oi}`, `the outcome "${o.key}"`),
      );
    }
  }
}
