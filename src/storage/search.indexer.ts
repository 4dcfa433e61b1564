/**
 * Keeps the search index (search_documents) equal to the records it is built
 * from. Every repository that writes a searchable record notes what it wrote
 * in a `SearchChanges` and calls `refreshSearch` in the same transaction,
 * before it commits: the documents of those records, and of the records whose
 * document takes something from them, are rebuilt from what is now on file.
 *
 * What a document takes from another record (search.documents.ts):
 * - a meeting: its dialogue's neutral name;
 * - an account: the titles of the issues it raises;
 * - an issue: the numbers of the meetings whose accounts raise it, and the
 *   reports merged into it (its priority);
 * - a report: its issue's dialogue and meetings;
 * - every record: the tiers of what it hangs from (dialogue, meeting, account).
 *
 * `rebuildSearchIndex` builds it all again (`parley search reindex`, and at
 * start when search_index_state says the index is missing or of an older format).
 */
import { sql, type Kysely } from 'kysely';
import type { TierLink } from '../domain/access/tiers.js';
import type { ReadoutDocument } from '../domain/readouts/readout.model.js';
import type { Text } from '../domain/text.js';
import type { Visibility } from '../domain/vocabulary.js';
import type { Database } from './database.js';
import {
  accountDocument,
  insertDocuments,
  issueDocument,
  meetingDocument,
  outcomeDocument,
  readoutDocument,
  reportDocument,
  type SearchDocument,
} from './search.documents.js';

/** Bump when documents are built differently: Parley then rebuilds the index when it starts. */
export const SEARCH_INDEX_FORMAT = 2;

const KINDS = ['issues', 'reports', 'meetings', 'accounts', 'outcomes', 'readouts'] as const;
export type IndexedKind = (typeof KINDS)[number];
type Kind = IndexedKind;

/** Ids of records written in one transaction, by what they are. */
export interface SearchChanges {
  /** Dialogues whose tier changed: every document in them. */
  dialogues: Set<string>;
  /** Dialogues whose names changed: their meetings' documents. */
  dialogueNames: Set<string>;
  issues: Set<string>;
  reports: Set<string>;
  meetings: Set<string>;
  accounts: Set<string>;
  outcomes: Set<string>;
  readouts: Set<string>;
}

export function searchChanges(): SearchChanges {
  return {
    dialogues: new Set(),
    dialogueNames: new Set(),
    issues: new Set(),
    reports: new Set(),
    meetings: new Set(),
    accounts: new Set(),
    outcomes: new Set(),
    readouts: new Set(),
  };
}

type Row = Record<string, unknown>;

/** Notes a row the bundle writer inserted (`before` null) or updated. */
export function noteWrite(changes: SearchChanges, table: string, before: Row | null, after: Row): void {
  const id = after.id as string;
  switch (table) {
    case 'dialogues':
      if (before && (before.visibility !== after.visibility || before.owner_side !== after.owner_side)) {
        changes.dialogues.add(id);
      }
      break;
    case 'dialogue_names':
      changes.dialogueNames.add(after.dialogue_id as string);
      break;
    case 'issues':
      changes.issues.add(id);
      break;
    case 'meetings':
      changes.meetings.add(id);
      break;
    case 'accounts':
      changes.accounts.add(id);
      break;
    case 'account_raisings':
      // The account's text holds the issue's title; the issue's facets the account's meeting.
      changes.accounts.add(after.account_id as string);
      changes.issues.add(after.issue_id as string);
      break;
    case 'outcomes':
      changes.outcomes.add(id);
      break;
  }
}

export function hasChanges(changes: SearchChanges): boolean {
  return Object.values(changes).some((s: Set<string>) => s.size > 0);
}

const ids = (s: Iterable<string>) => [...s];

async function column(db: Kysely<Database>, query: ReturnType<typeof sql<{ id: string }>>): Promise<string[]> {
  return (await query.execute(db)).rows.map((r) => r.id);
}

/** The records whose documents must be rebuilt after `changes`. */
async function affected(db: Kysely<Database>, changes: SearchChanges): Promise<Record<Kind, Set<string>>> {
  const out: Record<Kind, Set<string>> = {
    issues: new Set(changes.issues),
    reports: new Set(changes.reports),
    meetings: new Set(changes.meetings),
    accounts: new Set(changes.accounts),
    outcomes: new Set(changes.outcomes),
    readouts: new Set(changes.readouts),
  };
  const add = (into: Set<string>, found: string[]) => found.forEach((id) => into.add(id));
  const any = (s: Set<string>) => ids(s);

  if (changes.dialogues.size > 0) {
    const d = any(changes.dialogues);
    add(out.issues, await column(db, sql`select id from issues where dialogue_id = any(${d}::uuid[])`));
    add(out.meetings, await column(db, sql`select id from meetings where dialogue_id = any(${d}::uuid[])`));
  }
  if (changes.dialogueNames.size > 0) {
    const d = any(changes.dialogueNames);
    add(out.meetings, await column(db, sql`select id from meetings where dialogue_id = any(${d}::uuid[])`));
  }
  // The issues changed themselves: the accounts that show their titles.
  const issuesChanged = any(out.issues);
  if (out.meetings.size > 0) {
    const m = any(out.meetings);
    add(out.accounts, await column(db, sql`select id from accounts where meeting_id = any(${m}::uuid[])`));
    add(out.readouts, await column(db, sql`select id from readouts where meeting_id = any(${m}::uuid[])`));
  }
  if (out.accounts.size > 0) {
    const a = any(out.accounts);
    add(out.outcomes, await column(db, sql`select id from outcomes where account_id = any(${a}::uuid[])`));
    // Raised at a meeting whose account changed tier (or appeared): the issue's meeting facet.
    add(
      out.issues,
      await column(db, sql`select distinct issue_id as id from account_raisings where account_id = any(${a}::uuid[])`),
    );
  }
  if (issuesChanged.length > 0) {
    add(
      out.accounts,
      await column(
        db,
        sql`select distinct account_id as id from account_raisings where issue_id = any(${issuesChanged}::uuid[])`,
      ),
    );
  }
  if (out.issues.size > 0) {
    add(out.reports, await column(db, sql`select id from reports where issue_id = any(${any(out.issues)}::uuid[])`));
  }
  if (out.readouts.size > 0) {
    // A newer published version retires the older one from the index: rebuild the readout's versions together.
    add(
      out.readouts,
      await column(
        db,
        sql`select r2.id from readouts r1 join readouts r2 on r2.meeting_id = r1.meeting_id
          and r2.side_key = r1.side_key and r2.lang = r1.lang where r1.id = any(${any(out.readouts)}::uuid[])`,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------
// Loading the records a document is built from

const tier = (visibility: unknown, owner: unknown): TierLink => ({
  visibility: visibility as Visibility,
  ownerSide: (owner as string | null) ?? null,
});
const num = (v: unknown) => Number(v ?? 0);

async function issueDocuments(db: Kysely<Database>, idList: string[]): Promise<SearchDocument[]> {
  const r = await sql<Row>`select i.id, i.dialogue_id, i.key, i.title, i.summary, i.category, i.status, i.raised_by,
      i.owner_side, i.visibility, i.economies, i.sectors, i.products, i.created_at, i.updated_at,
      d.visibility as d_visibility, d.owner_side as d_owner,
      coalesce((select jsonb_agg(jsonb_build_array(m.number, m.visibility, m.owner_side, a.visibility, a.owner_side))
        from account_raisings ar join accounts a on a.id = ar.account_id join meetings m on m.id = a.meeting_id
        where ar.issue_id = i.id), '[]'::jsonb) as raised,
      (select jsonb_build_array(coalesce(sum((rp.impact ->> 'tradeValue')::numeric), 0),
          coalesce(sum((rp.impact ->> 'companiesAffected')::numeric), 0), count(*))
        from reports rp where rp.issue_id = i.id) as impact
    from issues i join dialogues d on d.id = i.dialogue_id
    where i.id = any(${idList}::uuid[])`.execute(db);
  return r.rows.map((x) => {
    const impact = x.impact as [number, number, number];
    return issueDocument({
      id: x.id as string,
      dialogueId: x.dialogue_id as string,
      key: x.key as string,
      title: x.title as Text,
      summary: (x.summary as Text | null) ?? null,
      category: x.category as string,
      status: x.status as string,
      raisedBy: x.raised_by as string,
      visibility: x.visibility as string,
      ownerSide: (x.owner_side as string | null) ?? null,
      economies: x.economies as string[],
      sectors: x.sectors as Text[],
      products: x.products as string[],
      createdAt: x.created_at as Date,
      updatedAt: x.updated_at as Date,
      dialogue: tier(x.d_visibility, x.d_owner),
      raisedAt: (x.raised as [number, string, string | null, string, string | null][]).map(([n, mv, mo, av, ao]) => ({
        number: n,
        meeting: tier(mv, mo),
        account: tier(av, ao),
      })),
      impact: { tradeValue: num(impact[0]), companiesAffected: num(impact[1]), reports: num(impact[2]) },
    });
  });
}

async function reportDocuments(db: Kysely<Database>, idList: string[]): Promise<SearchDocument[]> {
  // The issue's document is written first (see refresh), so its meetings are current here.
  const r = await sql<Row>`select r.id, r.reference, r.side_key, r.organisation, r.economy, r.region, r.sector,
      r.products, r.category, r.description, r.impact, r.steps_taken, r.status, r.created_at, i.dialogue_id,
      (select array(select substr(t, 9)::integer from unnest(sd.facets) t where t like 'meeting:%')
        from search_documents sd where sd.kind = 'issue' and sd.record_id = r.issue_id) as meetings
    from reports r left join issues i on i.id = r.issue_id
    where r.id = any(${idList}::uuid[])`.execute(db);
  return r.rows.map((x) =>
    reportDocument({
      id: x.id as string,
      reference: x.reference as string,
      side: x.side_key as string,
      organisation: x.organisation as { name: string },
      economy: x.economy as string,
      region: (x.region as string | null) ?? null,
      sector: (x.sector as string | null) ?? null,
      products: x.products as string[],
      category: (x.category as string | null) ?? null,
      description: x.description as string,
      impact: (x.impact as { tradeValue?: number; companiesAffected?: number } | null) ?? null,
      stepsTaken: (x.steps_taken as string | null) ?? null,
      status: x.status as string,
      createdAt: x.created_at as Date,
      dialogueId: (x.dialogue_id as string | null) ?? null,
      meetings: ((x.meetings as number[] | null) ?? []).map(Number),
    }),
  );
}

async function meetingDocuments(db: Kysely<Database>, idList: string[]): Promise<SearchDocument[]> {
  const r = await sql<Row>`select m.id, m.dialogue_id, m.number, m.place, m.host, m.starts_on, m.visibility,
      m.owner_side, d.visibility as d_visibility, d.owner_side as d_owner,
      coalesce((select jsonb_agg(jsonb_build_array(dn.text, dn.visibility, dn.owner_side))
        from dialogue_names dn where dn.dialogue_id = m.dialogue_id and dn.side_key is null), '[]'::jsonb) as names
    from meetings m join dialogues d on d.id = m.dialogue_id
    where m.id = any(${idList}::uuid[])`.execute(db);
  return r.rows.map((x) =>
    meetingDocument({
      id: x.id as string,
      dialogueId: x.dialogue_id as string,
      number: x.number as number,
      place: (x.place as Text | null) ?? null,
      host: (x.host as string | null) ?? null,
      startsOn: x.starts_on as string,
      visibility: x.visibility as string,
      ownerSide: (x.owner_side as string | null) ?? null,
      dialogue: tier(x.d_visibility, x.d_owner),
      names: (x.names as [Text, string, string | null][]).map(([text, v, o]) => ({ text, tier: tier(v, o) })),
    }),
  );
}

async function accountDocuments(db: Kysely<Database>, idList: string[]): Promise<SearchDocument[]> {
  const r = await sql<Row>`select a.id, a.side_key, a.published_on, a.source, a.notes, a.visibility, a.owner_side,
      (select sd.country from sides sd where sd.dialogue_id = m.dialogue_id and sd.key = a.side_key) as country,
      m.dialogue_id, m.number, m.starts_on, m.visibility as m_visibility, m.owner_side as m_owner,
      d.visibility as d_visibility, d.owner_side as d_owner,
      coalesce((select jsonb_agg(jsonb_build_array(i.title, i.visibility, i.owner_side) order by ar.position)
        from account_raisings ar join issues i on i.id = ar.issue_id where ar.account_id = a.id), '[]'::jsonb) as raised
    from accounts a join meetings m on m.id = a.meeting_id join dialogues d on d.id = m.dialogue_id
    where a.id = any(${idList}::uuid[])`.execute(db);
  return r.rows.map((x) =>
    accountDocument({
      id: x.id as string,
      dialogueId: x.dialogue_id as string,
      side: (x.side_key as string | null) ?? null,
      country: (x.country as string | null) ?? null,
      publishedOn: (x.published_on as string | null) ?? null,
      source: (x.source as { title?: string } | null) ?? null,
      notes: (x.notes as Text | null) ?? null,
      visibility: x.visibility as string,
      ownerSide: (x.owner_side as string | null) ?? null,
      number: x.number as number,
      startsOn: x.starts_on as string,
      meeting: tier(x.m_visibility, x.m_owner),
      dialogue: tier(x.d_visibility, x.d_owner),
      raised: (x.raised as [Text, string, string | null][]).map(([title, v, o]) => ({ title, tier: tier(v, o) })),
    }),
  );
}

async function outcomeDocuments(db: Kysely<Database>, idList: string[]): Promise<SearchDocument[]> {
  const r = await sql<Row>`select o.id, o.dialogue_id, o.key, o.kind, o.title, o.status, o.visibility, o.owner_side,
      a.side_key, a.visibility as a_visibility, a.owner_side as a_owner, m.number, m.starts_on,
      m.visibility as m_visibility, m.owner_side as m_owner, d.visibility as d_visibility, d.owner_side as d_owner,
      coalesce((select jsonb_agg(u.text order by u.created_at) from outcome_updates u
        where u.outcome_id = o.id and u.text is not null), '[]'::jsonb) as updates
    from outcomes o join accounts a on a.id = o.account_id join meetings m on m.id = a.meeting_id
      join dialogues d on d.id = o.dialogue_id
    where o.id = any(${idList}::uuid[])`.execute(db);
  return r.rows.map((x) =>
    outcomeDocument({
      id: x.id as string,
      dialogueId: x.dialogue_id as string,
      key: x.key as string,
      kind: x.kind as string,
      title: x.title as Text,
      status: x.status as string,
      visibility: x.visibility as string,
      ownerSide: (x.owner_side as string | null) ?? null,
      accountSide: (x.side_key as string | null) ?? null,
      number: x.number as number,
      startsOn: x.starts_on as string,
      account: tier(x.a_visibility, x.a_owner),
      meeting: tier(x.m_visibility, x.m_owner),
      dialogue: tier(x.d_visibility, x.d_owner),
      updates: x.updates as Text[],
    }),
  );
}

async function readoutDocuments(db: Kysely<Database>, idList: string[]): Promise<SearchDocument[]> {
  // The working copy (draft or approved) and the latest published version of each readout; older
  // published versions stay readable through the API but are no longer what search finds.
  const r = await sql<Row>`select r.id, r.dialogue_id, r.side_key, r.lang, r.state, r.model, r.text, r.visibility,
      r.owner_side, r.created_at, r.published_at, m.number, m.starts_on, m.visibility as m_visibility,
      m.owner_side as m_owner, d.visibility as d_visibility, d.owner_side as d_owner
    from readouts r join meetings m on m.id = r.meeting_id join dialogues d on d.id = r.dialogue_id
    where r.id = any(${idList}::uuid[])
      and (r.state <> 'published' or not exists (select 1 from readouts newer where newer.meeting_id = r.meeting_id
        and newer.side_key = r.side_key and newer.lang = r.lang and newer.published_number > r.published_number))`.execute(
    db,
  );
  return r.rows.map((x) =>
    readoutDocument({
      id: x.id as string,
      dialogueId: x.dialogue_id as string,
      side: x.side_key as string,
      lang: x.lang as string,
      state: x.state as string,
      model: x.model as ReadoutDocument,
      text: (x.text as string | null) ?? null,
      visibility: x.visibility as string,
      ownerSide: (x.owner_side as string | null) ?? null,
      createdAt: x.created_at as Date,
      publishedAt: (x.published_at as Date | null) ?? null,
      number: x.number as number,
      startsOn: x.starts_on as string,
      meeting: tier(x.m_visibility, x.m_owner),
      dialogue: tier(x.d_visibility, x.d_owner),
    }),
  );
}

const BUILDERS: Record<Kind, (db: Kysely<Database>, idList: string[]) => Promise<SearchDocument[]>> = {
  issues: issueDocuments,
  reports: reportDocuments,
  meetings: meetingDocuments,
  accounts: accountDocuments,
  outcomes: outcomeDocuments,
  readouts: readoutDocuments,
};

const KIND_OF: Record<Kind, SearchDocument['kind']> = {
  issues: 'issue',
  reports: 'report',
  meetings: 'meeting',
  accounts: 'account',
  outcomes: 'outcome',
  readouts: 'readout',
};

/** Records rebuilt per round: bounds memory and statement size for large rebuilds. */
const CHUNK = 2000;

/**
 * Replaces the documents of `idList` by what the records say now (none for a
 * record that no longer qualifies), without following what takes from them.
 */
export async function rebuildDocuments(db: Kysely<Database>, kind: Kind, idList: string[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < idList.length; i += CHUNK) {
    const chunk = idList.slice(i, i + CHUNK);
    await sql`delete from search_documents where kind = ${KIND_OF[kind]} and record_id = any(${chunk}::uuid[])`.execute(
      db,
    );
    const docs = await BUILDERS[kind](db, chunk);
    await insertDocuments(db, docs);
    written += docs.length;
  }
  return written;
}

/**
 * Rebuilds the documents of what `changes` names and of what takes from it.
 * Call it inside the transaction of the write.
 */
export async function refreshSearch(db: Kysely<Database>, changes: SearchChanges): Promise<void> {
  if (!hasChanges(changes)) return;
  const todo = await affected(db, changes);
  // Issues before reports: a report's document copies its issue's meetings.
  for (const kind of KINDS) {
    if (todo[kind].size > 0) await rebuildDocuments(db, kind, ids(todo[kind]));
  }
}

const TABLE: Record<Kind, string> = {
  issues: 'issues',
  reports: 'reports',
  meetings: 'meetings',
  accounts: 'accounts',
  outcomes: 'outcomes',
  readouts: 'readouts',
};

/**
 * Builds the whole index again from the records, in one transaction (readers
 * keep the old index until it commits), and records its format.
 */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  progress?: (kind: string, documents: number) => void,
): Promise<{ documents: number; byKind: Record<string, number> }> {
  const run = async (tx: Kysely<Database>) => {
    await sql`delete from search_documents`.execute(tx);
    const byKind: Record<string, number> = {};
    let documents = 0;
    for (const kind of KINDS) {
      const all = await column(tx, sql`select id from ${sql.table(TABLE[kind])} order by id`);
      const n = await rebuildDocuments(tx, kind, all);
      byKind[KIND_OF[kind]] = n;
      documents += n;
      progress?.(KIND_OF[kind], n);
    }
    await sql`insert into search_index_state (id, format, documents, built_at)
      values (true, ${SEARCH_INDEX_FORMAT}, ${documents}, now())
      on conflict (id) do update set format = excluded.format, documents = excluded.documents,
        built_at = excluded.built_at`.execute(tx);
    return { documents, byKind };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Rebuilds the index when it was never built, or built in an older format. True when it did. */
export async function ensureSearchIndex(db: Kysely<Database>): Promise<boolean> {
  const r = await sql<{ format: number }>`select format from search_index_state`.execute(db);
  if (r.rows[0]?.format === SEARCH_INDEX_FORMAT) return false;
  await rebuildSearchIndex(db);
  return true;
}

/** `refreshSearch` for a few records named by kind: what the report and readout repositories write. */
export async function refreshSearchOf(
  db: Kysely<Database>,
  records: Partial<Record<Kind, Iterable<string>>>,
): Promise<void> {
  const changes = searchChanges();
  for (const kind of KINDS) for (const id of records[kind] ?? []) changes[kind].add(id);
  await refreshSearch(db, changes);
}
