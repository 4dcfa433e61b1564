/**
 * The load generator, run by bench/run.ts in a child process of its own: with
 * autocannon in the server's process, the client's work would share the event
 * loop with the server it measures and inflate every latency.
 *
 * Receives one LoadRequest over IPC, answers with one LoadResult, and exits.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

export interface LoadRequest {
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  url: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  /** CPU seconds this load generator used (warm-up included), so the server's share can be told apart. */
  cpuSeconds: number;
}

/** The part of autocannon 8's programmatic API used here (the package ships no types). */
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type AutocannonInstance = EventEmitter & PromiseLike<AutocannonResult>;
type Autocannon = (options: AutocannonOptions) => AutocannonInstance;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return round((user + system) / 1e6);
}

export async function runLoad(req: LoadRequest): Promise<LoadResult> {
  if (req.warmupSeconds > 0) {
    // Warm the JIT, the connection pool and the database's caches; these figures are thrown away.
    await autocannon({ url: req.url, connections: req.connections, duration: req.warmupSeconds });
  }
  // autocannon's own histogram has p90 and p97.5 but no p95, so keep every response time (a few
  // hundred thousand doubles at most) and take the percentiles from them.
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({ url: req.url, connections: req.connections, duration: req.durationSeconds });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  const sorted = latencies.subarray(0, count).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    url: req.url,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(count ? sum / count : Number.NaN),
      max: round(count ? sorted[count - 1]! : Number.NaN),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    cpuSeconds: cpuSeconds(),
  };
}

if (process.send) {
  process.once('message', (message: LoadRequest) => {
    runLoad(message).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (err: unknown) => process.send!({ ok: false, error: String(err) }, () => process.exit(1)),
    );
  });
}
