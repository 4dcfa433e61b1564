/**
 * Similar-item suggestions at scale (issue 4, acceptance 3): with 100,000
 * reports and 10,000 issues on file, how long `similarTo` (what
 * `GET /api/v1/reports/{reference}/similar` runs) takes for a new report.
 *
 * The issues come in through the bundle importer (which writes their features
 * as every write does); the reports are bulk-inserted with their features
 * (bench/similar-generate.ts), as a data migration would, since 100,000 calls
 * of the report form would only measure the form. Then new reports are filed
 * through the store, as the form files them, and each one's similar items are
 * asked for and timed, one after the other, after a warm-up.
 *
 * A sample of the searches is also scored exhaustively (every visible record),
 * to show how much of the best ten the index search finds.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { sideViewer } from '../src/domain/access/viewer.js';
import type { Principal } from '../src/domain/auth/roles.js';
import { similarTo } from '../src/domain/reports/report.service.js';
import { fromKeys, similarity, SIMILAR_LIMIT, SIMILAR_THRESHOLD } from '../src/domain/reports/similar.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { visibleTo } from '../src/storage/access.js';
import type { Database } from '../src/storage/database.js';
import {
  featureRow,
  insertFeatureRows,
  markSimilarFeatures,
  reportFeatures,
  similarIndex,
} from '../src/storage/similar.repository.js';
import type { Store } from '../src/domain/ports.js';
import { generateReports } from './similar-generate.js';

export interface SimilarLoad {
  reports: number;
  issues: number;
  seconds: number;
  featureRows: number;
  /** Different features among all records: the templates' vocabulary is small, which makes every key common. */
  distinctKeys: number;
}

export interface SimilarFigures {
  /** Loading the stored features into the process's index (the first search after a start). */
  indexSeconds: number;
  queries: number;
  warmup: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  /** Items returned per search (at most SIMILAR_LIMIT), on average. */
  itemsPerSearch: number;
  /**
   * Compared with scoring every visible record: the share of the exhaustive search's ten best scores
   * that the index search matched rank for rank (its n-th item scores at least as well). Ties count as
   * found: many generated reports have the same features, and either of two equals is right.
   */
  agreement: { searches: number; share: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? Number.NaN;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Bulk-inserts `count` generated reports with their features; issues must be on file already. */
export async function loadReports(
  db: Kysely<Database>,
  count: number,
  seed: number | string,
  log: (m: string) => void,
): Promise<SimilarLoad> {
  const t = performance.now();
  const issueIds = (await sql<{ id: string }>`select id from issues order by id`.execute(db)).rows.map((r) => r.id);
  await fill(db, count, seed, issueIds, log);
  await markSimilarFeatures(db);
  await sql`analyze`.execute(db);
  const facts = await sql<{ rows: string; keys: string }>`select count(*) as rows,
    (select count(distinct k) from similar_features, unnest(keys) as k) as keys from similar_features`.execute(db);
  return {
    reports: count,
    issues: issueIds.length,
    seconds: (performance.now() - t) / 1000,
    featureRows: Number(facts.rows[0]!.rows),
    distinctKeys: Number(facts.rows[0]!.keys),
  };
}

async function fill(
  db: Kysely<Database>,
  count: number,
  seed: number | string,
  issueIds: string[],
  log: (m: string) => void,
): Promise<void> {
  const batch: { row: Record<string, unknown>; features: ReturnType<typeof reportFeatures> }[] = [];
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const inserted = await sql<{ id: string; reference: string; side_key: string }>`
      insert into reports (reference, side_key, language, organisation, contact, consent, economy, sector,
        products, category, description, status_token_hash, status, issue_id, rejection)
      select reference, side_key, language, organisation, contact, consent, economy, sector,
        products, category, description, status_token_hash, status, issue_id, rejection
      from jsonb_to_recordset(${JSON.stringify(batch.map((b) => b.row))}::jsonb) as x(
        reference text, side_key text, language text, organisation jsonb, contact jsonb, consent jsonb,
        economy text, sector text, products jsonb, category text, description text, status_token_hash text,
        status text, issue_id uuid, rejection jsonb)
      returning id, reference, side_key`.execute(db);
    const byReference = new Map(batch.map((b) => [b.row.reference as string, b.features]));
    await insertFeatureRows(
      db,
      inserted.rows.map((r) => featureRow('report', r.id, r.side_key, byReference.get(r.reference)!)),
    );
    done += batch.length;
    batch.length = 0;
    if (done % 20_000 === 0) log(`  ${done.toLocaleString('en-US')} reports`);
  };
  let n = 0;
  for (const { input, status } of generateReports(seed, count)) {
    n++;
    batch.push({
      row: {
        reference: `R-2000-${String(n).padStart(6, '0')}`,
        side_key: input.addressedTo,
        language: input.language,
        organisation: input.organisation,
        contact: input.contact,
        consent: input.consent,
        economy: input.economy,
        sector: input.sector ?? null,
        products: input.products ?? [],
        category: input.category ?? null,
        description: input.description,
        status_token_hash: randomBytes(16).toString('hex'),
        status,
        issue_id: status === 'merged' && issueIds.length > 0 ? issueIds[n % issueIds.length] : null,
        rejection: status === 'rejected' ? { reason: 'duplicate' } : null,
      },
      features: reportFeatures({
        description: input.description,
        sector: input.sector ?? null,
        products: input.products ?? [],
      }),
    });
    if (batch.length === 2000) await flush();
  }
  await flush();
}

const analyst = (side: string): Principal => ({
  user: {
    id: '00000000-0000-0000-0000-000000000000',
    email: `analyst@${side}.example.org`,
    side,
    role: 'analyst',
    disabled: false,
    version: 1,
    createdAt: new Date(0).toISOString(),
  },
  via: 'session',
  scope: 'read',
});

/** The best scores by scoring every record `side` may see (what the index search approximates). */
async function exhaustive(db: Kysely<Database>, side: string, reference: string): Promise<number[]> {
  const me = await sql<{ description: string; sector: string | null; products: unknown }>`
    select description, sector, products from reports where reference = ${reference}`.execute(db);
  const query = reportFeatures(me.rows[0]!);
  const viewer = sideViewer(side);
  const rows = await sql<{ name: string; keys: string[] }>`
    select coalesce(reports.reference, issues.key) as name, f.keys
    from similar_features f
    left join reports on f.kind = 'report' and reports.id = f.record_id
    left join issues on f.kind = 'issue' and issues.id = f.record_id
    left join dialogues on dialogues.id = issues.dialogue_id
    where (f.kind = 'report' and f.side_key = ${side} and reports.reference <> ${reference}
        and reports.status <> 'rejected')
      or (f.kind = 'issue' and ${visibleTo(viewer, 'issues', 'issues.dialogue_id')}
        and ${visibleTo(viewer, 'dialogues', 'dialogues.id')})`.execute(db);
  return rows.rows
    .map((r) => ({
      name: r.name,
      score: similarity(query, fromKeys(r.keys)).score,
    }))
    .filter((r) => r.score >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))
    .slice(0, SIMILAR_LIMIT)
    .map((r) => r.score);
}

/** Files `queries + warmup` new reports and times the similar-item search of each. */
export async function measureSimilar(
  db: Kysely<Database>,
  store: Store,
  options: { queries: number; warmup: number; seed: number | string; exhaustive: number },
  log: (m: string) => void,
): Promise<SimilarFigures> {
  const t0 = performance.now();
  const index = await similarIndex(db);
  const indexSeconds = (performance.now() - t0) / 1000;
  log(`  index of ${index.size.toLocaleString('en-US')} records loaded in ${indexSeconds.toFixed(1)} s`);
  const times: number[] = [];
  let items = 0;
  let agreed = 0;
  let expected = 0;
  let compared = 0;
  let i = 0;
  for (const { input } of generateReports(options.seed, options.queries + options.warmup)) {
    const side = input.addressedTo;
    const { reference } = await store.reports.create(SYSTEM_ACTOR, side, input, randomBytes(32).toString('hex'));
    const t = performance.now();
    const found = await similarTo(store, analyst(side), reference);
    const ms = performance.now() - t;
    if (i >= options.warmup) {
      times.push(ms);
      items += found.length;
      if (compared < options.exhaustive) {
        const best = await exhaustive(db, side, reference);
        agreed += best.filter((score, rank) => (found[rank]?.score ?? -1) >= score).length;
        expected += best.length;
        compared++;
      }
    }
    i++;
    if (i % 50 === 0) log(`  ${i} searches`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    indexSeconds,
    queries: times.length,
    warmup: options.warmup,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(times.reduce((s, x) => s + x, 0) / times.length),
      max: round(sorted[sorted.length - 1] ?? Number.NaN),
    },
    itemsPerSearch: Math.round((items / times.length) * 10) / 10,
    agreement: { searches: compared, share: expected === 0 ? 1 : Math.round((agreed / expected) * 1000) / 1000 },
  };
}
