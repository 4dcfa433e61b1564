/**
 * The search benchmark (issue 7, acceptance 2): `GET /api/v1/search` latency
 * with 1,000,000 reports and 100,000 issues on PostgreSQL, and 100,000 reports
 * (10,000 issues) on PGlite, for the public and for a side's analyst, with a
 * one-word and a three-word query in English and in Chinese.
 *
 *   npm run bench -- search                        PGlite in memory; PostgreSQL too when BENCH_DATABASE_URL is set
 *   npm run bench -- search --engine postgres      one engine (pglite-memory, postgres); repeatable
 *   npm run bench -- search --keep                 PostgreSQL: keep the generated schema, and reuse it next time
 *   npm run bench -- search --quick                10,000 reports and 2,000 issues everywhere: a smoke test
 *   npm run bench -- search --reports N --issues N --runs N --quiet-wait SECONDS
 *
 * The records are generated (bench/search-data.ts) and written in bulk, straight
 * into the tables, with their search documents built by the same functions the
 * indexer uses (src/storage/search.documents.ts); a sample is then rebuilt by the
 * indexer itself and compared, so that the benchmark measures the index Parley
 * keeps. Each query is timed through the whole app (`app.inject`: routing,
 * validation, authentication, search, snippets, serialization), one request at a
 * time after a warm-up. Prints a table and writes bench/results/search.json.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { addUser, createApiToken } from '../src/domain/auth/auth.service.js';
import { buildApp } from '../src/http/app.js';
import type { Database } from '../src/storage/database.js';
import { isReachable, openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { argon2Hasher } from '../src/storage/passwords.js';
import {
  insertDocuments,
  issueDocument,
  reportDocument,
  type IssueSource,
  type SearchDocument,
} from '../src/storage/search.documents.js';
import { rebuildDocuments, SEARCH_INDEX_FORMAT } from '../src/storage/search.indexer.js';
import { prepareSearch } from '../src/storage/search.repository.js';
import { PUBLIC_VIEWER, sideViewer } from '../src/domain/access/viewer.js';
import { searchAccess, type SearchAccess } from '../src/domain/search/search.service.js';
import { createStore } from '../src/storage/store.js';
import { createUserStore } from '../src/storage/user.repository.js';
import { PARLEY_VERSION } from '../src/version.js';
import { QUIET_PERCENT, startCpuMeter, waitForQuiet, type CpuShare } from './cpu.js';
import {
  generateReports,
  generateSkeleton,
  impacts,
  issueSource,
  type SearchBenchOptions,
  type Skeleton,
} from './search-data.js';

const ENGINES = ['pglite-memory', 'postgres'] as const;
type EngineName = (typeof ENGINES)[number];

const SIZES: Record<EngineName, { reports: number; issues: number }> = {
  'pglite-memory': { reports: 100_000, issues: 10_000 },
  postgres: { reports: 1_000_000, issues: 100_000 },
};
const QUICK = { reports: 10_000, issues: 2_000 };
const SEED = 20240404;
const TARGET_P95_MS = 100;

/** One-word and three-word queries, in English and Chinese (跨境数据流动 is three words for jieba: 跨境 数据 流动). */
const QUERIES = [
  { name: 'en, 1 word', q: 'overcapacity' },
  { name: 'en, 3 words', q: 'cross-border data flows' },
  { name: 'zh, 1 word', q: '清关' },
  { name: 'zh, 3 words', q: '跨境数据流动' },
] as const;

const RESULTS_FILE = fileURLToPath(new URL('./results/search.json', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function postgresUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

// ---------------------------------------------------------------------------
// Engines

interface Opened {
  handle: DatabaseHandle;
  /** True when the data of this size and seed is already there (a kept PostgreSQL schema). */
  loaded: boolean;
  dispose(): Promise<void>;
}

async function adminQuery(base: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

async function openEngine(engine: EngineName, o: SearchBenchOptions, keep: boolean): Promise<Opened> {
  if (engine === 'pglite-memory') {
    const handle = await openDatabase({ engine: 'pglite-memory' });
    return { handle, loaded: false, dispose: () => handle.close() };
  }
  const base = postgresUrl();
  if (!base) throw new Error('BENCH_DATABASE_URL is not set');
  const schema = keep
    ? `bench_search_${o.reports}_${o.issues}_${o.seed}`
    : `bench_search_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `create schema if not exists ${schema}`);
  const url = new URL(base);
  // public stays on the path: pg_trgm lives there.
  url.searchParams.set('options', `-c search_path=${schema},public`);
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), max: 4 });
  const marker = await sql<{ t: string | null }>`select to_regclass('search_bench_marker')::text as t`.execute(
    handle.db,
  );
  let loaded = false;
  if (marker.rows[0]?.t) {
    const m = await sql<{ options: string }>`select options from search_bench_marker`.execute(handle.db);
    loaded = m.rows[0]?.options === JSON.stringify(o);
  }
  return {
    handle,
    loaded,
    async dispose() {
      await handle.close();
      if (!keep) await adminQuery(base, `drop schema if exists ${schema} cascade`);
    },
  };
}

// ---------------------------------------------------------------------------
// Loading

/**
 * Rows as one JSON parameter, expanded by SQL into the table's own column types:
 * one statement per batch. Columns the rows do not name take their defaults.
 */
async function insertRows(db: Kysely<Database>, table: string, rows: readonly object[]) {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  const BATCH = 2000;
  for (let i = 0; i < rows.length; i += BATCH) {
    await sql`insert into ${sql.table(table)} (${columns}) select ${columns}
      from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb)`.execute(
      db,
    );
  }
}

interface LoadFigures {
  seconds: number;
  documents: number;
  /** Documents of a random sample rebuilt by the indexer itself that came out identical. */
  sampleAgreed: number;
  sampleSize: number;
  indexMiB: number;
  tableMiB: number;
}

async function load(db: Kysely<Database>, engine: EngineName, o: SearchBenchOptions): Promise<LoadFigures> {
  const started = performance.now();
  const sk: Skeleton = generateSkeleton(o);
  log(`  generating: ${fmt(o.issues)} issues, ${fmt(o.reports)} reports, ${o.meetings} meetings`);
  await sql`insert into dialogues (id, key, level, visibility) values (${sk.dialogueId}, 'us-cn-search-bench',
    'vice-ministerial', 'public')`.execute(db);
  await sql`insert into sides (dialogue_id, key, position, country, agency, owner_side, visibility) values
    (${sk.dialogueId}, 'us', 0, 'US', ${JSON.stringify({ en: 'International Trade Administration' })}::jsonb, 'us', 'public'),
    (${sk.dialogueId}, 'cn', 1, 'CN', ${JSON.stringify({ en: 'Ministry of Commerce', zh: '商务部' })}::jsonb, 'cn', 'public')`.execute(
    db,
  );
  await sql`insert into dialogue_names (dialogue_id, side_key, position, text, visibility) values
    (${sk.dialogueId}, null, 0, ${JSON.stringify({ en: 'Search Bench Working Group', zh: '检索基准工作组' })}::jsonb, 'public')`.execute(
    db,
  );

  // Bulk loads go faster with the search indexes built afterwards, in one pass each.
  const indexes = (
    await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
      where tablename = 'search_documents' and schemaname = current_schema() and indexname <> 'search_documents_pkey'`.execute(
      db,
    )
  ).rows;
  for (const ix of indexes) await sql`drop index ${sql.ref(ix.name)}`.execute(db);

  await insertRows(db, 'issues', sk.issues);
  await insertRows(db, 'meetings', sk.meetings);
  await insertRows(db, 'accounts', sk.accounts);
  await insertRows(db, 'account_raisings', sk.raisings);
  await insertRows(db, 'outcomes', sk.outcomes);
  log(`  base records written (${seconds(started).toFixed(1)} s)`);

  // Where each issue was raised, as its document counts it (the meetings its reports carry too).
  const meetingById = new Map(sk.meetings.map((m) => [m.id, m]));
  const accountById = new Map(sk.accounts.map((a) => [a.id, a]));
  const issueIndex = new Map(sk.issues.map((x, i) => [x.id, i]));
  const raisedAt: IssueSource['raisedAt'][] = sk.issues.map(() => []);
  for (const r of sk.raisings) {
    const a = accountById.get(r.account_id)!;
    const m = meetingById.get(a.meeting_id)!;
    raisedAt[issueIndex.get(r.issue_id)!]!.push({
      number: m.number,
      meeting: { visibility: m.visibility, ownerSide: null },
      account: { visibility: a.visibility, ownerSide: a.owner_side },
    });
  }
  const zero = impacts(sk.issues.length);
  const meetingsOfIssue = sk.issues.map((_, i) => issueDocument(issueSource(sk, i, raisedAt[i]!, zero)).meetings);

  const sum = impacts(sk.issues.length);
  let documents = 0;
  const CHUNK = 5000;
  let lastLog = performance.now();
  for (let from = 0; from < o.reports; from += CHUNK) {
    const { rows, sources } = generateReports(o, sk, meetingsOfIssue, sum, from, Math.min(o.reports, from + CHUNK));
    await insertRows(db, 'reports', rows);
    const docs: SearchDocument[] = sources.map(reportDocument);
    await insertDocuments(db, docs);
    documents += docs.length;
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`  ${fmt(from + rows.length)} reports and their documents written (${seconds(started).toFixed(0)} s)`);
    }
  }
  for (let from = 0; from < sk.issues.length; from += CHUNK) {
    const docs = sk.issues
      .slice(from, from + CHUNK)
      .map((_, k) => issueDocument(issueSource(sk, from + k, raisedAt[from + k]!, sum)));
    await insertDocuments(db, docs);
    documents += docs.length;
  }
  // Meetings, accounts and outcomes are few: the indexer builds theirs.
  documents += await rebuildDocuments(
    db,
    'meetings',
    sk.meetings.map((m) => m.id),
  );
  documents += await rebuildDocuments(
    db,
    'accounts',
    sk.accounts.map((a) => a.id),
  );
  documents += await rebuildDocuments(
    db,
    'outcomes',
    sk.outcomes.map((x) => x.id),
  );
  log(`  ${fmt(documents)} documents written (${seconds(started).toFixed(0)} s); building the search indexes`);

  if (engine === 'postgres') await sql`set maintenance_work_mem = '1GB'`.execute(db);
  for (const ix of indexes) await sql.raw(ix.def).execute(db);
  await sql`insert into search_index_state (id, format, documents) values (true, ${SEARCH_INDEX_FORMAT}, ${documents})
    on conflict (id) do update set format = excluded.format, documents = excluded.documents`.execute(db);
  // As autovacuum would before long: planner statistics, and the visibility hints of the fresh rows set
  // once here rather than by the first searches that read them.
  await sql`vacuum (analyze)`.execute(db);
  const loadSeconds = seconds(started);
  log(`  loaded in ${loadSeconds.toFixed(0)} s`);

  const sample = await checkSample(db, sk);
  const size = (
    await sql<{ table: string; indexes: string }>`select pg_table_size('search_documents') as table,
      pg_indexes_size('search_documents') as indexes`.execute(db)
  ).rows[0]!;
  return {
    seconds: Math.round(loadSeconds),
    documents,
    sampleAgreed: sample.agreed,
    sampleSize: sample.size,
    tableMiB: Math.round(Number(size.table) / 2 ** 20),
    indexMiB: Math.round(Number(size.indexes) / 2 ** 20),
  };
}

/** Rebuilds a random sample of issue and report documents with the indexer and counts those that did not change. */
async function checkSample(db: Kysely<Database>, sk: Skeleton): Promise<{ agreed: number; size: number }> {
  const rows = async (kind: string, ids: string[]) =>
    (
      await sql<{ record_id: string; doc: string }>`select record_id, (to_jsonb(d) - 'indexed_at')::text as doc
        from search_documents d where kind = ${kind} and record_id = any(${ids}::uuid[])`.execute(db)
    ).rows;
  let agreed = 0;
  let size = 0;
  for (const [kind, plural, table] of [
    ['issue', 'issues', 'issues'],
    ['report', 'reports', 'reports'],
  ] as const) {
    const ids = (
      await sql<{ id: string }>`select id from ${sql.table(table)} order by random() limit 300`.execute(db)
    ).rows.map((r) => r.id);
    const before = new Map((await rows(kind, ids)).map((r) => [r.record_id, r.doc]));
    await rebuildDocuments(db, plural, ids);
    for (const r of await rows(kind, ids)) if (before.get(r.record_id) === r.doc) agreed++;
    size += ids.length;
  }
  void sk;
  return { agreed, size };
}

// ---------------------------------------------------------------------------
// Measuring

interface QueryFigures {
  engine: EngineName;
  viewer: string;
  query: string;
  q: string;
  hits: number;
  runs: number;
  latencyMs: { p50: number; p95: number; max: number; mean: number };
  cpu?: CpuShare;
}

/** What the saved-search alert job reads for one query (`SearchIndex.matches`). */
interface AlertFigures {
  engine: EngineName;
  what: string;
  q: string;
  matches: number;
  runs: number;
  latencyMs: { p50: number; p95: number; max: number };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** The plan of each query's statement, as PostgreSQL ran it (`--explain`). */
async function explain(handle: DatabaseHandle) {
  const accesses: [string, SearchAccess][] = [
    ['public', { viewer: PUBLIC_VIEWER }],
    ['us analyst', { viewer: sideViewer('us'), triageSide: 'us' }],
  ];
  for (const [name, access] of accesses) {
    for (const query of QUERIES) {
      const plan = await handle.db.transaction().execute(async (tx) => {
        const request = { q: query.q, filters: {}, sort: 'relevance', language: 'en', limit: 20, offset: 0 } as const;
        const statement = (await prepareSearch(tx, access, request))!;
        return sql<Record<string, string>>`explain (analyze, buffers) ${statement}`.execute(tx);
      });
      log(`\n--- ${name}, ${query.name}: ${query.q}`);
      for (const row of plan.rows) log(Object.values(row)[0]!);
    }
  }
}

async function measure(
  engine: EngineName,
  handle: DatabaseHandle,
  runs: number,
  quietSeconds: number,
): Promise<{ queries: QueryFigures[]; alerts: AlertFigures[] }> {
  const auth = { users: createUserStore(handle.db), passwords: argon2Hasher };
  const analyst = await addUser(auth, SYSTEM_ACTOR, {
    email: `analyst-${randomBytes(4).toString('hex')}@bench.example.gov`,
    side: 'us',
    role: 'analyst',
  });
  const { token } = await createApiToken(auth, SYSTEM_ACTOR, analyst.id, { name: 'search bench', scope: 'read' });
  const app = await buildApp({
    store: createStore(handle.db),
    auth,
    engine: handle.engine,
    isReachable: () => isReachable(handle.db),
    installationName: `Parley search bench (${engine})`,
    version: PARLEY_VERSION,
  });
  await app.ready();
  const viewers = [
    { name: 'public', headers: {} as Record<string, string> },
    { name: 'us analyst', headers: { authorization: `Bearer ${token}` } },
  ];
  const out: QueryFigures[] = [];
  const alerts: AlertFigures[] = [];
  try {
    for (const viewer of viewers) {
      for (const query of QUERIES) {
        const url = `/api/v1/search?${new URLSearchParams({ q: query.q })}`;
        const first = await app.inject({ method: 'GET', url, headers: viewer.headers });
        if (first.statusCode !== 200) throw new Error(`GET ${url} answered ${first.statusCode}: ${first.body}`);
        const hits = (first.json() as { total: number; items: unknown[] }).total;
        if ((first.json() as { items: unknown[] }).items.length === 0) log(`  WARNING: ${query.q} found nothing`);
        for (let i = 0; i < 4; i++) await app.inject({ method: 'GET', url, headers: viewer.headers });
        await waitForQuiet(quietSeconds, log);
        const meter = startCpuMeter({ countPostgres: engine === 'postgres' });
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const res = await app.inject({ method: 'GET', url, headers: viewer.headers });
          times.push(performance.now() - t);
          if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
        }
        const cpu = meter.stop(0);
        times.sort((a, b) => a - b);
        const r2 = (n: number) => Math.round(n * 100) / 100;
        const figures: QueryFigures = {
          engine,
          viewer: viewer.name,
          query: query.name,
          q: query.q,
          hits,
          runs,
          latencyMs: {
            p50: r2(percentile(times, 50)),
            p95: r2(percentile(times, 95)),
            max: r2(times[times.length - 1]!),
            mean: r2(times.reduce((a, b) => a + b, 0) / times.length),
          },
          cpu,
        };
        log(
          `  ${viewer.name}, ${query.name} (${query.q}): ${fmt(hits)} hits, p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms`,
        );
        out.push(figures);
      }
    }
    // The saved-search alerts, for the analyst's broad English queries: saving a search reads every match
    // (its watermark); a run reads the matches written since the search was last checked, here none.
    const store = createStore(handle.db);
    const access = searchAccess({ user: analyst, via: 'session', scope: 'read' });
    const loadedBy = new Date();
    for (const query of QUERIES.filter((x) => x.name.startsWith('en'))) {
      for (const [what, since] of [
        ['every match (saving a search)', undefined],
        ['alert check, nothing written since', loadedBy],
      ] as const) {
        const read = () =>
          store.search.matches(access, {
            q: query.q,
            filters: {},
            language: 'en',
            ...(since ? { indexedSince: since } : {}),
          });
        await read();
        await waitForQuiet(quietSeconds, log);
        const times: number[] = [];
        let matches = 0;
        for (let i = 0; i < Math.min(runs, 20); i++) {
          const t = performance.now();
          matches = (await read()).length;
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const r2 = (n: number) => Math.round(n * 100) / 100;
        alerts.push({
          engine,
          what,
          q: query.q,
          matches,
          runs: times.length,
          latencyMs: {
            p50: r2(percentile(times, 50)),
            p95: r2(percentile(times, 95)),
            max: r2(times[times.length - 1]!),
          },
        });
        log(`  alerts, ${what} (${query.q}): ${fmt(matches)} matches, p50 ${r2(percentile(times, 50))} ms`);
      }
    }
  } finally {
    await app.close();
  }
  return { queries: out, alerts };
}

// ---------------------------------------------------------------------------

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i <= 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', multiple: true },
      reports: { type: 'string' },
      issues: { type: 'string' },
      runs: { type: 'string', default: '40' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench -- search [--engine pglite-memory|postgres ...] [--quick] [--keep] [--explain]\n' +
        '                              [--reports N] [--issues N] [--runs N] [--quiet-wait SECONDS]\n' +
        'PostgreSQL runs when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set; create its database with\n' +
        "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'.",
    );
    return;
  }
  const count = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive whole number, got ${v}`);
    return n;
  };
  for (const e of values.engine ?? []) {
    if (!(ENGINES as readonly string[]).includes(e))
      throw new Error(`--engine expects one of ${ENGINES.join(', ')}, got ${e}`);
  }
  const wanted = (values.engine ?? ENGINES) as readonly EngineName[];
  if (wanted.includes('postgres') && values.engine && !postgresUrl()) {
    throw new Error('--engine postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  }
  const engines = ENGINES.filter((e) => wanted.includes(e) && (e !== 'postgres' || postgresUrl()));
  const runs = count('runs', values.runs)!;
  const quietSeconds = Number(values['quiet-wait']);

  const loads: Record<string, LoadFigures & { reports: number; issues: number; reused: boolean }> = {};
  const figures: QueryFigures[] = [];
  const alertFigures: AlertFigures[] = [];
  const versions: Record<string, string> = {};
  for (const engine of engines) {
    const size = values.quick ? QUICK : SIZES[engine];
    const o: SearchBenchOptions = {
      seed: SEED,
      reports: count('reports', values.reports) ?? size.reports,
      issues: count('issues', values.issues) ?? size.issues,
      meetings: 20,
      raisings: 200,
      outcomes: 10,
    };
    log(`\n[${engine}] ${fmt(o.reports)} reports, ${fmt(o.issues)} issues`);
    const opened = await openEngine(engine, o, values.keep);
    try {
      const { handle } = opened;
      versions[engine] =
        (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]?.v.split(
          ' ',
        )[0] ?? '?';
      if (opened.loaded) {
        log('  reusing the data kept from an earlier run (--keep)');
        await migrate(handle.db);
        const docs = await sql<{ n: string }>`select count(*) as n from search_documents`.execute(handle.db);
        loads[engine] = {
          seconds: 0,
          documents: Number(docs.rows[0]!.n),
          sampleAgreed: 0,
          sampleSize: 0,
          tableMiB: 0,
          indexMiB: 0,
          reports: o.reports,
          issues: o.issues,
          reused: true,
        };
      } else {
        await migrate(handle.db);
        const l = await load(handle.db, engine, o);
        loads[engine] = { ...l, reports: o.reports, issues: o.issues, reused: false };
        if (values.keep && engine === 'postgres') {
          await sql`create table search_bench_marker (options text not null)`.execute(handle.db);
          await sql`insert into search_bench_marker values (${JSON.stringify(o)})`.execute(handle.db);
        }
      }
      if (values.explain) await explain(handle);
      const measured = await measure(engine, handle, runs, quietSeconds);
      figures.push(...measured.queries);
      alertFigures.push(...measured.alerts);
    } finally {
      await opened.dispose();
    }
  }

  const report = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    targetP95Ms: TARGET_P95_MS,
    runsPerQuery: runs,
    loads,
    versions,
    queries: figures,
    alerts: alertFigures,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

  const m = report.machine;
  console.log(`\nParley ${PARLEY_VERSION} search benchmark, ${report.generatedAt}`);
  console.log(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`);
  console.log('\nData (written in bulk; search documents built as the indexer builds them)\n');
  console.log(
    table(
      ['engine', 'reports', 'issues', 'documents', 'load s', 'table MiB', 'indexes MiB', 'sample = indexer'],
      Object.entries(loads)
        .map(([engine, l]) => [
          `${engine} (${versions[engine]})`,
          '',
          '',
          fmt(l.documents),
          l.reused ? 'kept' : fmt(l.seconds),
          l.reused ? '-' : fmt(l.tableMiB),
          l.reused ? '-' : fmt(l.indexMiB),
          l.reused ? '-' : `${l.sampleAgreed}/${l.sampleSize}`,
        ])
        .map((r, i) => {
          const l = Object.values(loads)[i]!;
          r[1] = fmt(l.reports);
          r[2] = fmt(l.issues);
          return r;
        }),
    ),
  );
  console.log(
    `\nGET /api/v1/search latency (${runs} requests one at a time after a warm-up, app.inject; target p95 < ${TARGET_P95_MS} ms)\n`,
  );
  console.log(
    table(
      ['engine', 'viewer', 'query', 'hits', 'p50 ms', 'p95 ms', 'max ms', 'other CPU %'],
      figures.map((f) => [
        f.engine,
        f.viewer,
        `${f.query}: ${f.q}`,
        fmt(f.hits),
        fmt(f.latencyMs.p50, 1),
        fmt(f.latencyMs.p95, 1),
        fmt(f.latencyMs.max, 1),
        f.cpu ? String(f.cpu.otherPercent) : '-',
      ]),
    ),
  );
  console.log('\nSaved-search alerts: what the job reads (SearchIndex.matches), as the analyst\n');
  console.log(
    table(
      ['engine', 'reads', 'query', 'matches', 'p50 ms', 'p95 ms', 'max ms'],
      alertFigures.map((f) => [
        f.engine,
        f.what,
        f.q,
        fmt(f.matches),
        fmt(f.latencyMs.p50, 1),
        fmt(f.latencyMs.p95, 1),
        fmt(f.latencyMs.max, 1),
      ]),
    ),
  );
  const over = figures.filter((f) => f.latencyMs.p95 >= TARGET_P95_MS);
  if (over.length > 0) console.log(`\n${over.length} quer${over.length === 1 ? 'y is' : 'ies are'} over the target.`);
  const busy = Math.max(0, ...figures.map((f) => f.cpu?.otherPercent ?? 0));
  if (busy > QUIET_PERCENT) console.log(`WARNING: other work took up to ${busy}% of the CPUs: figures are low.`);
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/]search\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  });
}
