/**
 * Parley's benchmarks (`npm run bench`): bundle import throughput and the
 * latency of the issue lists, on PGlite in memory, PGlite in a data folder and,
 * when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, PostgreSQL in a fresh
 * schema that is dropped afterwards.
 *
 *   npm run bench                          full run (~10,000 issues, 10 s per endpoint)
 *   npm run bench -- --quick               small sizes and short runs, for smoke tests
 *   npm run bench -- --only import         or --only issues
 *   npm run bench -- --engine postgres     one engine (pglite-memory, pglite-folder, postgres)
 *   npm run bench -- --quiet-wait 0        do not wait for other work on the machine to stop
 *   npm run bench -- similar               similar reports and issues only (bench/similar.ts; --help)
 *   npm run bench -- search                search with 1,000,000 reports only (bench/search.ts; --help)
 *
 * Prints a table per benchmark and writes every figure to bench/results/latest.json.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { importBundle } from '../src/bundle/import.js';
import { validateBundle } from '../src/bundle/validate.js';
import { buildApp } from '../src/http/app.js';
import { isReachable, openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { createUserStore } from '../src/storage/user.repository.js';
import { argon2Hasher } from '../src/storage/passwords.js';
import { createStore } from '../src/storage/store.js';
import { PARLEY_VERSION } from '../src/version.js';
import { countRecords, generateBundle, type GenerateOptions, type GeneratedBundle } from './generate.js';
import { QUIET_PERCENT, startCpuMeter, waitForQuiet, type CpuShare } from './cpu.js';
import type { LoadRequest, LoadResult } from './load.js';
import {
  main as similarMain,
  runSimilarBench,
  FULL_SIMILAR,
  QUICK_SIMILAR,
  SIMILAR_ENGINES,
  type SimilarEngine,
} from './similar.js';
import { main as searchMain } from './search.js';

const ENGINES = ['pglite-memory', 'pglite-folder', 'postgres'] as const;
type EngineName = (typeof ENGINES)[number];
type Benchmark = 'import' | 'issues';

interface Profile {
  bundle: Required<
    Pick<GenerateOptions, 'issues' | 'meetings' | 'accountsPerMeeting' | 'raisingsPerAccount' | 'outcomesPerAccount'>
  >;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

const FULL: Profile = {
  bundle: { issues: 10_000, meetings: 20, accountsPerMeeting: 2, raisingsPerAccount: 200, outcomesPerAccount: 20 },
  durationSeconds: 10,
  warmupSeconds: 2,
  connections: 10,
};
const QUICK: Profile = {
  bundle: { issues: 1_000, meetings: 5, accountsPerMeeting: 2, raisingsPerAccount: 50, outcomesPerAccount: 5 },
  durationSeconds: 2,
  warmupSeconds: 1,
  connections: 10,
};
const PAGE = 50;
const SEED = 20240404;

const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url));

interface ImportFigures {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  counts: { created: number; updated: number; unchanged: number };
  /** How busy the machine was during the import, and how much of that was not this benchmark. */
  cpu?: CpuShare;
  reimport: {
    seconds: number;
    recordsPerSecond: number;
    counts: { created: number; updated: number; unchanged: number };
    cpu?: CpuShare;
  };
}

interface EndpointFigures extends LoadResult {
  name: string;
  path: string;
  stats: Stats;
  itemsOnPage: number;
  /** When the issues table was last analyzed, if ever: shows whether autovacuum ran mid-run. */
  analyzedAt?: string;
  server: ServerWatch;
  /** Share of the CPUs busy with other work just before this run (see waitForQuiet). */
  backgroundCpuPercent?: number;
  /** How busy the machine was during the run, and how much of that was not this benchmark. */
  cpu?: CpuShare;
}

/** What the server's own process did during a load run (warm-up included). */
interface ServerWatch {
  /** Garbage-collection pauses: the event loop serves nothing meanwhile. */
  gc: { count: number; totalMs: number; maxMs: number };
  /** Event-loop delay: PGlite runs each query synchronously on this thread, so it shows up here. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  cpuSeconds: number;
}

function watchServer(): { stop(): ServerWatch } {
  const gc = { count: 0, totalMs: 0, maxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    stop() {
      observer.disconnect();
      delay.disable();
      const used = process.cpuUsage(cpu);
      return {
        gc: { count: gc.count, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs * 100) / 100 },
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
      };
    },
  };
}

interface EngineFigures {
  engine: EngineName;
  location: string;
  serverVersion: string;
  import?: ImportFigures;
  endpoints?: EndpointFigures[];
  rssMiB: number;
  /**
   * Share of all CPUs busy with other work in the idle second before this engine ran (Linux only).
   * On a shared 2-core machine, anything but a few percent means the figures are low.
   */
  backgroundCpuPercent?: number;
}

// ---------------------------------------------------------------------------
// Engines

interface OpenedEngine {
  handle: DatabaseHandle;
  /** Closes the database and removes whatever the benchmark created (folder, schema). */
  dispose(): Promise<void>;
}

function postgresUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

/** A schema of its own on the server, as test/helpers/db.ts does, so a run never touches other data. */
async function openPostgres(base: string): Promise<OpenedEngine> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), max: 10 });
  return {
    handle,
    async dispose() {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await c.end();
      }
    },
  };
}

async function openEngine(name: EngineName): Promise<OpenedEngine> {
  if (name === 'postgres') {
    const url = postgresUrl();
    if (!url) throw new Error('BENCH_DATABASE_URL is not set');
    return openPostgres(url);
  }
  if (name === 'pglite-memory') {
    const handle = await openDatabase({ engine: 'pglite-memory' });
    return { handle, dispose: () => handle.close() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  try {
    const handle = await openDatabase({ engine: 'pglite', dataDir, command: 'parley bench' });
    return {
      handle,
      async dispose() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Benchmarks

const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
const log = (message: string) => process.stderr.write(`${message}\n`);

async function benchImport(
  engine: EngineName,
  handle: DatabaseHandle,
  bundle: GeneratedBundle,
  records: number,
): Promise<ImportFigures> {
  const store = createStore(handle.db);
  const countPostgres = engine === 'postgres';
  let meter = startCpuMeter({ countPostgres });
  let t = performance.now();
  const first = await importBundle(store, bundle);
  const firstSeconds = seconds(t);
  const firstCpu = meter.stop(0);
  const written = first.created + first.updated;
  log(`  import: ${written} records in ${firstSeconds.toFixed(2)} s`);

  meter = startCpuMeter({ countPostgres });
  t = performance.now();
  const second = await importBundle(store, bundle);
  const secondSeconds = seconds(t);
  const secondCpu = meter.stop(0);
  log(`  re-import: ${secondSeconds.toFixed(2)} s (${second.created} created, ${second.updated} updated)`);
  if (second.created !== 0 || second.updated !== 0) {
    log(`  WARNING: re-importing the same bundle changed ${second.created + second.updated} records`);
  }
  return {
    records,
    seconds: firstSeconds,
    recordsPerSecond: Math.round(written / firstSeconds),
    counts: { created: first.created, updated: first.updated, unchanged: first.unchanged },
    cpu: firstCpu,
    reimport: {
      seconds: secondSeconds,
      recordsPerSecond: Math.round(records / secondSeconds),
      counts: { created: second.created, updated: second.updated, unchanged: second.unchanged },
      cpu: secondCpu,
    },
  };
}

function runLoadInChild(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_SCRIPT, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
    child.send(request);
  });
}

/**
 * Planner statistics: right after a bulk import the tables have none (PGlite runs no autovacuum at
 * all; PostgreSQL's autovacuum gets to them up to a minute later), and the issue lists then take a
 * different plan. Both states are real, so both are measured.
 */
type Stats = 'as imported' | 'after ANALYZE';

async function lastAnalyzed(handle: DatabaseHandle): Promise<string | undefined> {
  const r = await sql<{ at: Date | string | null }>`
    select coalesce(last_analyze, last_autoanalyze) as at from pg_stat_user_tables
    where relname = 'issues' and schemaname = current_schema()`.execute(handle.db);
  const at = r.rows[0]?.at;
  return at ? new Date(at).toISOString() : undefined;
}

async function benchIssues(
  engine: EngineName,
  handle: DatabaseHandle,
  dialogueKey: string,
  profile: Profile,
  quietSeconds: number,
): Promise<EndpointFigures[]> {
  const app = await buildApp({
    store: createStore(handle.db),
    auth: { users: createUserStore(handle.db), passwords: argon2Hasher },
    engine: handle.engine,
    isReachable: () => isReachable(handle.db),
    installationName: `Parley bench (${engine})`,
    version: PARLEY_VERSION,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const endpoints = [
      { name: 'all issues', path: `/api/v1/issues?limit=${PAGE}` },
      { name: 'dialogue, open', path: `/api/v1/dialogues/${dialogueKey}/issues?status=open&limit=${PAGE}` },
    ];
    const out: EndpointFigures[] = [];
    for (const stats of ['as imported', 'after ANALYZE'] as const satisfies readonly Stats[]) {
      if (stats === 'after ANALYZE') await sql`analyze`.execute(handle.db);
      for (const e of endpoints) {
        // A page of errors or of nothing would be fast and meaningless: check that the page is full first.
        const res = await fetch(base + e.path);
        const body = (await res.json()) as { items?: unknown[] };
        const itemsOnPage = body.items?.length ?? 0;
        if (res.status !== 200) throw new Error(`GET ${e.path} answered ${res.status}: ${JSON.stringify(body)}`);
        if (itemsOnPage < PAGE) log(`  WARNING: GET ${e.path} returned ${itemsOnPage} items, fewer than ${PAGE}`);
        log(`  GET ${e.path} (${stats}): ${profile.connections} connections for ${profile.durationSeconds} s ...`);
        const backgroundCpuPercent = await waitForQuiet(quietSeconds, log);
        const watch = watchServer();
        const meter = startCpuMeter({ countPostgres: engine === 'postgres' });
        const result = await runLoadInChild({
          url: base + e.path,
          connections: profile.connections,
          durationSeconds: profile.durationSeconds,
          warmupSeconds: profile.warmupSeconds,
        });
        const server = watch.stop();
        const cpu = meter.stop(result.cpuSeconds);
        if (result.non2xx > 0 || result.errors > 0) {
          log(`  WARNING: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
        }
        const analyzedAt = await lastAnalyzed(handle);
        if (stats === 'as imported' && analyzedAt) {
          log(`  note: autovacuum analyzed the issues at ${analyzedAt}, during the "as imported" run`);
        }
        out.push({
          ...result,
          name: e.name,
          path: e.path,
          stats,
          itemsOnPage,
          analyzedAt,
          server,
          backgroundCpuPercent,
          cpu,
        });
      }
    }
    return out;
  } finally {
    await app.close();
  }
}

interface BundleFacts {
  dialogueKey: string;
  issues: number;
  meetings: number;
  records: number;
  raisings: number;
  outcomes: number;
  publicOpenIssues: number;
  bytes: number;
  generateSeconds: number;
  /** Validation is part of every import; timed alone, it shows how much of an import is not the database. */
  validateSeconds: number;
}

function describeBundle(options: GenerateOptions): BundleFacts {
  let t = performance.now();
  const bundle = generateBundle(options);
  const generateSeconds = seconds(t);
  t = performance.now();
  const valid = validateBundle(bundle);
  const validateSeconds = seconds(t);
  if (!valid.ok) throw new Error('the generated bundle is invalid; run test/bench-generate.test.ts');
  const accounts = bundle.meetings.flatMap((m) => m.accounts ?? []);
  return {
    dialogueKey: bundle.dialogue.key,
    issues: bundle.issues.length,
    meetings: bundle.meetings.length,
    records: countRecords(bundle),
    raisings: accounts.reduce((n, a) => n + (a.raised?.length ?? 0), 0),
    outcomes: accounts.reduce((n, a) => n + (a.outcomes?.length ?? 0), 0),
    publicOpenIssues: bundle.issues.filter((i) => i.visibility === 'public' && (i.status ?? 'open') === 'open').length,
    bytes: Buffer.byteLength(JSON.stringify(bundle)),
    generateSeconds,
    validateSeconds,
  };
}

async function serverVersion(handle: DatabaseHandle): Promise<string> {
  const r = await sql<{ server_version: string }>`show server_version`.execute(handle.db);
  // '15.20 (Debian 15.20-0+deb12u1)' → '15.20': the distribution suffix only widens the table.
  return r.rows[0]?.server_version.split(' ')[0] ?? 'unknown';
}

async function benchEngine(
  engine: EngineName,
  only: Benchmark | undefined,
  options: GenerateOptions,
  facts: BundleFacts,
  profile: Profile,
  quietSeconds: number,
): Promise<EngineFigures> {
  log(`\n[${engine}]`);
  const background = await waitForQuiet(quietSeconds, log);
  const opened = await openEngine(engine);
  try {
    const { handle } = opened;
    await migrate(handle.db);
    const figures: EngineFigures = {
      engine,
      location: handle.location,
      serverVersion: await serverVersion(handle),
      rssMiB: 0,
      backgroundCpuPercent: background,
    };
    {
      // Regenerated here (0.1 s, same seed, same bundle) rather than shared, so that the ~100 MB of
      // objects are garbage by the time the server is measured and do not slow its collector.
      const bundle = generateBundle(options);
      if (only === 'issues') {
        // The latency benchmark needs the data; its import is setup here, not a figure.
        await importBundle(createStore(handle.db), bundle);
      } else {
        figures.import = await benchImport(engine, handle, bundle, facts.records);
      }
    }
    if (only !== 'import') {
      figures.endpoints = await benchIssues(engine, handle, facts.dialogueKey, profile, quietSeconds);
    }
    figures.rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    return figures;
  } finally {
    await opened.dispose();
  }
}

// ---------------------------------------------------------------------------
// Report

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  // First column (names) left-aligned, figures right-aligned.
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  // `npm run bench -- similar ...`: the similar-reports benchmarks alone (bench/similar.ts).
  if (process.argv[2] === 'similar') return similarMain(process.argv.slice(3));
  // `npm run bench -- search ...`: the search benchmark alone (bench/search.ts).
  if (process.argv[2] === 'search') return searchMain(process.argv.slice(3));
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '120' },
      only: { type: 'string' },
      engine: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench -- [--quick] [--only import|issues] [--engine pglite-memory|pglite-folder|postgres ...]\n' +
        '       npm run bench -- similar [--help]   (similar reports and issues only)\n' +
        '       npm run bench -- search [--help]    (search with 1,000,000 reports only)\n' +
        '                       [--quiet-wait SECONDS (default 120; 0 = do not wait for other work to stop)]\n' +
        'PostgreSQL runs when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.',
    );
    return;
  }
  if (values.only !== undefined && values.only !== 'import' && values.only !== 'issues') {
    throw new Error(`--only expects import or issues, got ${values.only}`);
  }
  const only: Benchmark | undefined = values.only;
  for (const e of values.engine ?? []) {
    if (!(ENGINES as readonly string[]).includes(e))
      throw new Error(`--engine expects one of ${ENGINES.join(', ')}, got ${e}`);
  }
  const wanted = (values.engine ?? ENGINES) as readonly EngineName[];
  const engines = ENGINES.filter((e) => wanted.includes(e) && (e !== 'postgres' || postgresUrl()));
  if (wanted.includes('postgres') && !postgresUrl() && values.engine) {
    throw new Error('--engine postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  }
  const profile = values.quick ? QUICK : FULL;

  const options: GenerateOptions = { seed: SEED, ...profile.bundle };
  const facts = describeBundle(options);
  const { records, raisings, outcomes, bytes, validateSeconds } = facts;
  log(
    `bundle: ${fmt(facts.issues)} issues, ${facts.meetings} meetings, ${fmt(raisings)} raisings, ` +
      `${fmt(outcomes)} outcomes = ${fmt(records)} records, ${(bytes / 1e6).toFixed(1)} MB of JSON; ` +
      `generated in ${facts.generateSeconds.toFixed(2)} s, validated in ${validateSeconds.toFixed(2)} s`,
  );
  log(`engines: ${engines.join(', ')}${postgresUrl() ? '' : ' (set BENCH_DATABASE_URL for PostgreSQL)'}`);

  const results: EngineFigures[] = [];
  const quietSeconds = Number(values['quiet-wait']);
  if (!Number.isFinite(quietSeconds) || quietSeconds < 0) {
    throw new Error(`--quiet-wait expects seconds, got ${values['quiet-wait']}`);
  }
  for (const engine of engines) results.push(await benchEngine(engine, only, options, facts, profile, quietSeconds));

  const report = {
    generatedAt: new Date().toISOString(),
    profile: values.quick ? 'quick' : 'full',
    only: only ?? 'all',
    machine: machine(),
    bundle: { seed: SEED, ...profile.bundle, ...facts },
    load: {
      connections: profile.connections,
      durationSeconds: profile.durationSeconds,
      warmupSeconds: profile.warmupSeconds,
    },
    engines: results,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

  const m = report.machine;
  console.log(`\nParley ${PARLEY_VERSION} benchmarks (${report.profile}), ${report.generatedAt}`);
  console.log(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`);
  // Other work during a run takes CPU from the server: the run's figures are then too low.
  const busiest = Math.max(
    0,
    ...results.flatMap((r) => [
      r.import?.cpu?.otherPercent ?? 0,
      r.import?.reimport.cpu?.otherPercent ?? 0,
      ...(r.endpoints ?? []).map((e) => e.cpu?.otherPercent ?? 0),
    ]),
  );
  if (busiest > QUIET_PERCENT) {
    console.log(
      `WARNING: other work took up to ${busiest}% of the CPUs during a run (column "other CPU %"); ` +
        'those figures are low: run again on a quiet machine.',
    );
  }
  const other = (share: CpuShare | undefined) => (share ? String(share.otherPercent) : '-');
  console.log(
    `bundle: ${fmt(records)} records (${fmt(facts.issues)} issues, ${facts.meetings} meetings × ` +
      `${profile.bundle.accountsPerMeeting} accounts, ${fmt(raisings)} raisings, ${fmt(outcomes)} outcomes), ` +
      `${(bytes / 1e6).toFixed(1)} MB; validation alone ${validateSeconds.toFixed(2)} s`,
  );
  const withImport = results.filter((r) => r.import);
  if (withImport.length) {
    console.log('\nImport (one transaction; re-import of the same bundle must change nothing)\n');
    console.log(
      table(
        ['engine', 'import s', 'records/s', 're-import s', 'records/s', 'changed on re-import', 'other CPU %'],
        withImport.map((r) => {
          const i = r.import!;
          return [
            `${r.engine} (${r.serverVersion})`,
            i.seconds.toFixed(2),
            fmt(i.recordsPerSecond),
            i.reimport.seconds.toFixed(2),
            fmt(i.reimport.recordsPerSecond),
            i.reimport.counts.created + i.reimport.counts.updated,
            `${other(i.cpu)} / ${other(i.reimport.cpu)}`,
          ];
        }),
      ),
    );
  }
  const withEndpoints = results.filter((r) => r.endpoints);
  if (withEndpoints.length) {
    console.log(
      `\nGET latency (${profile.connections} connections, ${profile.durationSeconds} s after ${profile.warmupSeconds} s warm-up, ` +
        `limit=${PAGE}, public viewer)\n`,
    );
    console.log(
      table(
        [
          'engine',
          'endpoint',
          'statistics',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'req/s',
          'server CPU s',
          'GC ms',
          'non-2xx',
          'other CPU %',
        ],
        withEndpoints.flatMap((r) =>
          r.endpoints!.map((e) => [
            r.engine,
            e.name,
            e.stats,
            fmt(e.latencyMs.p50, 2),
            fmt(e.latencyMs.p95, 2),
            fmt(e.latencyMs.p99, 2),
            fmt(e.requestsPerSecond),
            e.server.cpuSeconds.toFixed(1),
            fmt(e.server.gc.totalMs),
            e.non2xx + e.errors,
            other(e.cpu),
          ]),
        ),
      ),
    );
  }
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`);

  if (only === undefined) {
    // Similar reports and issues (issue 4): the labelled set, and 100,000 reports on each engine.
    await runSimilarBench({
      ...(values.quick ? QUICK_SIMILAR : FULL_SIMILAR),
      engines: SIMILAR_ENGINES.filter((e) => (engines as readonly string[]).includes(e)) as SimilarEngine[],
      quietSeconds,
      qualityOnly: false,
    });
    // Search (issue 7): 100,000 reports on PGlite, 1,000,000 on PostgreSQL.
    const searchEngines = engines.filter((e) => e === 'pglite-memory' || e === 'postgres');
    if (searchEngines.length > 0) {
      await searchMain([
        ...(values.quick ? ['--quick'] : []),
        ...searchEngines.flatMap((e) => ['--engine', e]),
        '--quiet-wait',
        String(quietSeconds),
      ]);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
