/**
 * The benchmarks of "similar reports and issues" (issue 4):
 *
 * - quality (acceptance 2): precision and recall at the default threshold, and
 *   the top-5 hit rate, on the labelled set (bench/similar-quality.ts); no
 *   database, a few seconds;
 * - scale (acceptance 3): with 100,000 reports and 10,000 issues on file, the
 *   latency of the similar items of a new report (bench/similar-scale.ts), on
 *   PGlite in memory, PGlite in a folder and, when BENCH_DATABASE_URL (or
 *   TEST_DATABASE_URL) is set, PostgreSQL in a schema of its own, dropped after.
 *
 *   npm run bench -- similar                     both, every engine (about 4 minutes per engine)
 *   npm run bench -- similar --quality           the labelled set only
 *   npm run bench -- similar --quick             10,000 reports, 1,000 issues, 50 searches
 *   npm run bench -- similar --engine postgres   one engine; repeatable
 *   npm run bench -- similar --reports N --issues N --searches N --quiet-wait SECONDS
 *
 * `npm run bench` runs it after the import and issue-list benchmarks. Prints
 * the tables and writes bench/results/similar.json.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { importBundle } from '../src/bundle/import.js';
import { SIMILAR_THRESHOLD } from '../src/domain/reports/similar.js';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { createStore } from '../src/storage/store.js';
import { PARLEY_VERSION } from '../src/version.js';
import { QUIET_PERCENT, startCpuMeter, waitForQuiet, type CpuShare } from './cpu.js';
import { generateBundle } from './generate.js';
import { loadSimilarDataset, measureSimilarity, qualityTable, type QualityFigures } from './similar-quality.js';
import { loadReports, measureSimilar, type SimilarFigures, type SimilarLoad } from './similar-scale.js';

export const SIMILAR_ENGINES = ['pglite-memory', 'pglite-folder', 'postgres'] as const;
export type SimilarEngine = (typeof SIMILAR_ENGINES)[number];

export interface SimilarOptions {
  engines: readonly SimilarEngine[];
  reports: number;
  issues: number;
  searches: number;
  warmup: number;
  /** Searches also scored exhaustively, to compare. */
  exhaustive: number;
  quietSeconds: number;
  qualityOnly: boolean;
}

export const FULL_SIMILAR = { reports: 100_000, issues: 10_000, searches: 200, warmup: 20, exhaustive: 20 };
export const QUICK_SIMILAR = { reports: 10_000, issues: 1_000, searches: 50, warmup: 10, exhaustive: 10 };

interface EngineRun {
  engine: SimilarEngine;
  serverVersion: string;
  load: SimilarLoad & { issueImportSeconds: number };
  search: SimilarFigures;
  cpu?: CpuShare;
  rssMiB: number;
}

const RESULTS_FILE = fileURLToPath(new URL('./results/similar.json', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const postgresUrl = () => process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

/** Opens an engine in a place of its own (a schema, a folder) and says how to remove it. */
async function open(engine: SimilarEngine): Promise<{ handle: DatabaseHandle; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const base = postgresUrl();
    if (!base) throw new Error('BENCH_DATABASE_URL is not set');
    const schema = `bench_similar_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`).finally(() => admin.end());
    const url = new URL(base);
    // public stays on the path: pg_trgm lives there.
    url.searchParams.set('options', `-c search_path=${schema},public`);
    const handle = await openDatabase({ engine: 'postgres', url: url.toString(), max: 4 });
    return {
      handle,
      async dispose() {
        await handle.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`).finally(() => c.end());
      },
    };
  }
  if (engine === 'pglite-memory') {
    const handle = await openDatabase({ engine: 'pglite-memory' });
    return { handle, dispose: () => handle.close() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-similar-'));
  const handle = await openDatabase({ engine: 'pglite', dataDir, command: 'parley bench similar' });
  return {
    handle,
    async dispose() {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function runEngine(engine: SimilarEngine, o: SimilarOptions): Promise<EngineRun> {
  log(`\n[${engine}] similar reports and issues: ${fmt(o.issues)} issues, ${fmt(o.reports)} reports`);
  await waitForQuiet(o.quietSeconds, log);
  const { handle, dispose } = await open(engine);
  try {
    await migrate(handle.db);
    const store = createStore(handle.db);
    const shown = await sql<{ server_version: string }>`show server_version`.execute(handle.db);
    const serverVersion = shown.rows[0]?.server_version.split(' ')[0] ?? 'unknown';
    let t = performance.now();
    // The issues come in through the importer, which writes their features as every write does.
    await importBundle(
      store,
      generateBundle({ seed: 20240404, issues: o.issues, meetings: 2, raisingsPerAccount: 20, outcomesPerAccount: 2 }),
    );
    const issueImportSeconds = (performance.now() - t) / 1000;
    log(`  ${fmt(o.issues)} issues imported in ${issueImportSeconds.toFixed(1)} s; loading reports ...`);
    t = performance.now();
    const load = await loadReports(handle.db, o.reports, 'bench-similar-reports', log);
    log(`  ${fmt(o.reports)} reports loaded in ${load.seconds.toFixed(1)} s; searching ...`);
    await waitForQuiet(o.quietSeconds, log);
    const meter = startCpuMeter({ countPostgres: engine === 'postgres' });
    const search = await measureSimilar(
      handle.db,
      store,
      { queries: o.searches, warmup: o.warmup, seed: 'bench-similar-new', exhaustive: o.exhaustive },
      log,
    );
    const cpu = meter.stop(0);
    log(`  p50 ${search.latencyMs.p50} ms, p95 ${search.latencyMs.p95} ms`);
    return {
      engine,
      serverVersion,
      load: { ...load, issueImportSeconds },
      search,
      cpu,
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await dispose();
  }
}

function table(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Runs the quality figures and, unless `qualityOnly`, the scale benchmark on each engine; prints both. */
export async function runSimilarBench(o: SimilarOptions): Promise<{ quality: QualityFigures[]; engines: EngineRun[] }> {
  const quality = measureSimilarity(loadSimilarDataset());
  const engines: EngineRun[] = [];
  if (!o.qualityOnly) for (const engine of o.engines) engines.push(await runEngine(engine, o));

  console.log(`\nSimilar reports and issues (Parley ${PARLEY_VERSION}), ${new Date().toISOString()}`);
  console.log(
    `\nDuplicate finding on the labelled set (bench/data/similar-problems-*.json), threshold ${SIMILAR_THRESHOLD}; ` +
      'development = batches 1-2, blind = batch 3\n',
  );
  console.log(qualityTable(quality));
  if (engines.length > 0) {
    const busiest = Math.max(0, ...engines.map((e) => e.cpu?.otherPercent ?? 0));
    console.log(
      `\nSimilar items of a new report: ${fmt(o.reports)} reports and ${fmt(o.issues)} issues on file, ` +
        `${o.searches} searches one after another after ${o.warmup} thrown away (the first loads the index)\n`,
    );
    if (busiest > QUIET_PERCENT) {
      console.log(`WARNING: other work took up to ${busiest}% of the CPUs during a run: those figures are high.\n`);
    }
    console.log(
      table(
        [
          'engine',
          'load s',
          'index s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'items',
          'top-10 vs exhaustive',
          'other CPU %',
        ],
        engines.map((e) => [
          `${e.engine} (${e.serverVersion})`,
          fmt(e.load.seconds + e.load.issueImportSeconds, 0),
          fmt(e.search.indexSeconds, 1),
          fmt(e.search.latencyMs.p50, 2),
          fmt(e.search.latencyMs.p95, 2),
          fmt(e.search.latencyMs.p99, 2),
          fmt(e.search.latencyMs.max, 2),
          fmt(e.search.itemsPerSearch, 1),
          `${fmt(e.search.agreement.share, 3)} (${e.search.agreement.searches})`,
          e.cpu ? String(e.cpu.otherPercent) : '-',
        ]),
      ),
    );
  }
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), options: o, quality, engines }, null, 2)}\n`,
  );
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  return { quality, engines };
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      quality: { type: 'boolean', default: false },
      engine: { type: 'string', multiple: true },
      reports: { type: 'string' },
      issues: { type: 'string' },
      searches: { type: 'string' },
      'quiet-wait': { type: 'string', default: '120' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench -- similar [--quality] [--quick] [--engine pglite-memory|pglite-folder|postgres ...]\n' +
        '                               [--reports N] [--issues N] [--searches N] [--quiet-wait SECONDS]\n' +
        'PostgreSQL runs when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.',
    );
    return;
  }
  const count = (name: string, v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a whole number of 1 or more, got ${v}`);
    return n;
  };
  for (const e of values.engine ?? []) {
    if (!(SIMILAR_ENGINES as readonly string[]).includes(e)) {
      throw new Error(`--engine expects one of ${SIMILAR_ENGINES.join(', ')}, got ${e}`);
    }
  }
  if (values.engine?.includes('postgres') && !postgresUrl()) {
    throw new Error('--engine postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  }
  const wanted = (values.engine ?? SIMILAR_ENGINES) as readonly SimilarEngine[];
  const size = values.quick ? QUICK_SIMILAR : FULL_SIMILAR;
  const quietSeconds = Number(values['quiet-wait']);
  if (!Number.isFinite(quietSeconds) || quietSeconds < 0) {
    throw new Error(`--quiet-wait expects seconds, got ${values['quiet-wait']}`);
  }
  await runSimilarBench({
    engines: SIMILAR_ENGINES.filter((e) => wanted.includes(e) && (e !== 'postgres' || postgresUrl())),
    reports: count('reports', values.reports, size.reports),
    issues: count('issues', values.issues, size.issues),
    searches: count('searches', values.searches, size.searches),
    warmup: size.warmup,
    exhaustive: size.exhaustive,
    quietSeconds,
    qualityOnly: values.quality,
  });
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
}

if (isMain()) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  });
}
