/**
 * The features behind "similar reports and issues" (migrations/0009): each
 * report's and issue's weighted features (domain/reports/similar.ts, with
 * jieba's words), written in the transaction that writes the record, and the
 * search for the candidates of a report.
 *
 * - Reports: features written when a report is received (what the reporter
 *   sent never changes afterwards).
 * - Issues: written by the bundle writer for every issue it creates or changes
 *   (bundle import, and every API and CLI write, which go through it).
 * - Search: each process keeps the stored features in an inverted index in
 *   memory (domain/reports/similar-index.ts), loaded on first use and, before
 *   every search, brought up to date with the rows written by transactions
 *   that had not ended at the previous look (`written`, a transaction id: the
 *   snapshot's xmin marks what has surely ended). Every record sharing a
 *   feature with the report is scored exactly; what the side may see is then
 *   checked in SQL, through the access layer, best first.
 * - Versions: `similar_features_state` names the features' version; when
 *   Parley's differs (the glossary, the weights or the rules changed), every
 *   row is rebuilt when it starts (`ensureSimilarFeatures`, run by migrate).
 */
import { sql, type Kysely } from 'kysely';
import { sideViewer } from '../domain/access/viewer.js';
import type { SimilarCandidate } from '../domain/reports/report.ports.js';
import { SimilarIndex, type IndexedRecord } from '../domain/reports/similar-index.js';
import { features, FEATURES_VERSION, fromKeys, norm, type Features } from '../domain/reports/similar.js';
import { visibleTo } from './access.js';
import type { Database } from './database.js';
import { chineseTokens } from './segment.js';

type Kind = 'issue' | 'report';

/** A record's features as stored. */
export interface FeatureRow {
  kind: Kind;
  recordId: string;
  sideKey: string | null;
  keys: string[];
  norm: number;
}

const texts = (value: unknown): string[] =>
  value && typeof value === 'object' ? Object.values(value as Record<string, unknown>).map(String) : [];
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** What a report is compared on: what the company wrote, its sector and its products. */
export function reportFeatures(r: { description: string; sector: string | null; products: unknown }): Features {
  return features(`${r.description}\n${r.sector ?? ''}`, list(r.products), chineseTokens);
}

/** What an issue is compared on: its title and summary in every language, its topics and products. */
export function issueFeatures(i: { title: unknown; summary: unknown; topics: unknown; products: unknown }): Features {
  return features(
    [...texts(i.title), ...texts(i.summary), ...list(i.topics)].join('\n'),
    list(i.products),
    chineseTokens,
  );
}

export function featureRow(kind: Kind, recordId: string, sideKey: string | null, f: Features): FeatureRow {
  return { kind, recordId, sideKey, keys: [...f.weights.keys()], norm: norm(f) };
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows (none of them on file). */
export async function insertFeatureRows(db: Kysely<Database>, rows: readonly FeatureRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    const json = part.map((r) => ({
      kind: r.kind,
      record_id: r.recordId,
      side_key: r.sideKey,
      keys: r.keys,
      norm: r.norm,
    }));
    await sql`insert into similar_features (kind, record_id, side_key, keys, norm)
      select kind, record_id, side_key, keys, norm
      from jsonb_to_recordset(${JSON.stringify(json)}::jsonb)
        as x(kind text, record_id uuid, side_key text, keys text[], norm real)`.execute(db);
  }
}

/** Replaces the stored features of these records by `rows`. */
export async function writeFeatureRows(db: Kysely<Database>, rows: readonly FeatureRow[]): Promise<void> {
  for (const kind of ['issue', 'report'] as const) {
    const ids = rows.filter((r) => r.kind === kind).map((r) => r.recordId);
    for (const part of chunks(ids)) {
      await sql`delete from similar_features where kind = ${kind} and record_id = any(${part}::uuid[])`.execute(db);
    }
  }
  await insertFeatureRows(db, rows);
}

interface IssueSource {
  id: string;
  title: unknown;
  summary: unknown;
  topics: unknown;
  products: unknown;
}
interface ReportSource {
  id: string;
  side_key: string;
  description: string;
  sector: string | null;
  products: unknown;
}

const issueRow = (i: IssueSource) => featureRow('issue', i.id, null, issueFeatures(i));
const reportRow = (r: ReportSource) => featureRow('report', r.id, r.side_key, reportFeatures(r));

/** Rebuilds the features of the records written (call in the writing transaction). */
export async function refreshSimilar(
  db: Kysely<Database>,
  changed: { issues?: Iterable<string>; reports?: Iterable<string> },
): Promise<void> {
  const rows: FeatureRow[] = [];
  for (const part of chunks([...new Set(changed.issues ?? [])])) {
    const found = await sql<IssueSource>`select id, title, summary, topics, products from issues
      where id = any(${part}::uuid[])`.execute(db);
    rows.push(...found.rows.map(issueRow));
  }
  for (const part of chunks([...new Set(changed.reports ?? [])])) {
    const found = await sql<ReportSource>`select id, side_key, description, sector, products from reports
      where id = any(${part}::uuid[])`.execute(db);
    rows.push(...found.rows.map(reportRow));
  }
  if (rows.length > 0) await writeFeatureRows(db, rows);
}

/** Records the version and number of rows on file. */
export async function markSimilarFeatures(db: Kysely<Database>): Promise<void> {
  await sql`insert into similar_features_state (id, version, records, built_at)
    values (true, ${FEATURES_VERSION}, (select count(*) from similar_features), now())
    on conflict (id) do update set version = excluded.version, records = excluded.records, built_at = now()`.execute(
    db,
  );
}

/** Computes every report's and issue's features again, page by page. Returns the number of rows. */
export async function rebuildSimilarFeatures(db: Kysely<Database>): Promise<number> {
  await sql`delete from similar_features`.execute(db);
  let count = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await sql<IssueSource>`select id, title, summary, topics, products from issues
      where id > ${after}::uuid order by id limit ${CHUNK}`.execute(db);
    if (page.rows.length === 0) break;
    await insertFeatureRows(db, page.rows.map(issueRow));
    count += page.rows.length;
    after = page.rows[page.rows.length - 1]!.id;
  }
  after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await sql<ReportSource>`select id, side_key, description, sector, products from reports
      where id > ${after}::uuid order by id limit ${CHUNK}`.execute(db);
    if (page.rows.length === 0) break;
    await insertFeatureRows(db, page.rows.map(reportRow));
    count += page.rows.length;
    after = page.rows[page.rows.length - 1]!.id;
  }
  await markSimilarFeatures(db);
  return count;
}

/**
 * Builds the features when none are on file or they are of another version (run by migrate, under its
 * lock, in one transaction). True when it rebuilt them.
 */
export async function ensureSimilarFeatures(db: Kysely<Database>): Promise<boolean> {
  const state = await sql<{ version: string }>`select version from similar_features_state`.execute(db);
  if (state.rows[0]?.version === FEATURES_VERSION) return false;
  await db.transaction().execute((tx) => rebuildSimilarFeatures(tx));
  return true;
}

/** A process's index of the stored features, and how far it has read. */
interface Held {
  index: SimilarIndex;
  /** Rows written by transactions from this id on may not have been read yet (null: nothing read). */
  horizon: string | null;
  /** The transaction that wrote each row held, to skip rows read again unchanged. */
  written: Map<string, string>;
  /** The refresh under way, so that concurrent searches share it. */
  refreshing?: Promise<void>;
}

const held = new WeakMap<Kysely<Database>, Held>();

async function readWritten(db: Kysely<Database>, h: Held): Promise<void> {
  // The horizon and the rows come from one snapshot: every transaction older than its xmin has ended, so
  // the rows read include all of theirs; younger ones are read again next time.
  const rows = await sql<{
    horizon: string;
    kind: Kind | null;
    record_id: string;
    side_key: string | null;
    keys: string[];
    norm: number;
    written: string;
  }>`select s.horizon, f.kind, f.record_id, f.side_key, f.keys, f.norm, f.written::text as written
    from (select pg_snapshot_xmin(pg_current_snapshot())::text as horizon) s
    left join similar_features f on ${h.horizon === null ? sql`true` : sql`f.written >= ${h.horizon}::xid8`}`.execute(
    db,
  );
  const records: IndexedRecord[] = [];
  for (const r of rows.rows) {
    if (r.kind === null) continue;
    const name = `${r.kind}:${r.record_id}`;
    if (h.written.get(name) === r.written) continue;
    h.written.set(name, r.written);
    records.push({ kind: r.kind, id: r.record_id, sideKey: r.side_key, keys: r.keys, norm: Number(r.norm) });
  }
  h.index.upsert(records);
  h.horizon = rows.rows[0]!.horizon;
}

/** The index of `db`'s features, up to date with every transaction committed before this call. */
export async function similarIndex(db: Kysely<Database>): Promise<SimilarIndex> {
  let h = held.get(db);
  if (!h) {
    h = { index: new SimilarIndex(), horizon: null, written: new Map() };
    held.set(db, h);
  }
  const mine = h;
  // A refresh that started before this call may have missed what committed since: wait, then look again.
  while (mine.refreshing) await mine.refreshing;
  mine.refreshing = readWritten(db, mine).finally(() => (mine.refreshing = undefined));
  await mine.refreshing;
  return mine.index;
}

interface Visible {
  kind: Kind;
  record_id: string;
  reference: string | null;
  dialogue: string | null;
  issue_key: string | null;
}

/**
 * The report's features and, best first, at most `limit` candidates: every issue and every other report
 * of `side` sharing a feature with it is scored exactly in the index; then, best first, those the side
 * may see are kept (reports addressed to it and not rejected; issues through the access layer).
 */
export async function similarCandidates(
  db: Kysely<Database>,
  side: string,
  reference: string,
  limit: number,
): Promise<{ query: Features; candidates: SimilarCandidate[] } | undefined> {
  const me = await sql<ReportSource>`select id, side_key, description, sector, products from reports
    where reference = ${reference} and side_key = ${side}`.execute(db);
  const report = me.rows[0];
  if (!report) return undefined;
  const query = reportFeatures(report);
  const index = await similarIndex(db);
  // Some of the best may be hidden from the side (another side's internal issue, a rejected report):
  // take more than needed, and check them in slices, best first, until `limit` are kept.
  const hits = index.search(query, { side, exclude: report.id }, limit * 4);
  const viewer = sideViewer(side);
  const candidates: SimilarCandidate[] = [];
  for (let from = 0; from < hits.length && candidates.length < limit; from += limit) {
    const slice = hits.slice(from, from + limit);
    const seen = await sql<Visible>`
      select b.kind, b.record_id, reports.reference, dialogues.key as dialogue, issues.key as issue_key
      from unnest(${slice.map((h) => h.kind)}::text[], ${slice.map((h) => h.id)}::uuid[]) as b(kind, record_id)
      left join reports on b.kind = 'report' and reports.id = b.record_id
      left join issues on b.kind = 'issue' and issues.id = b.record_id
      left join dialogues on dialogues.id = issues.dialogue_id
      where (b.kind = 'report' and reports.status <> 'rejected')
        or (b.kind = 'issue' and ${visibleTo(viewer, 'issues', 'issues.dialogue_id')}
          and ${visibleTo(viewer, 'dialogues', 'dialogues.id')})`.execute(db);
    const byId = new Map(seen.rows.map((r) => [`${r.kind}:${r.record_id}`, r]));
    for (const h of slice) {
      const r = byId.get(`${h.kind}:${h.id}`);
      if (!r || candidates.length === limit) continue;
      const { weights } = fromKeys(h.keys);
      candidates.push(
        r.kind === 'issue'
          ? { kind: 'issue', dialogue: r.dialogue!, key: r.issue_key!, weights }
          : { kind: 'report', reference: r.reference!, weights },
      );
    }
  }
  return { query, candidates };
}
