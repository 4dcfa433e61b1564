/**
 * CPU accounting from /proc (Linux only; elsewhere every function answers
 * `undefined`). The team's machines have 2 cores shared with other jobs (tests,
 * builds, type checks): a benchmark that shares them measures the neighbours as
 * much as Parley. These helpers wait for a quiet moment before a run and tell
 * afterwards how much of the machine other work took during it.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc figures (USER_HZ): 100 on every mainstream Linux build. */
const USER_HZ = 100;

interface SystemSample {
  busy: number;
  total: number;
}

function systemSample(): SystemSample | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** CPU ticks (user + system) of every PostgreSQL process: the server's work for us, not a neighbour's. */
function postgresTicks(): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the fields after it are fixed.
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const rest = stat.slice(close + 2).split(' ');
      out.set(Number(entry), Number(rest[11]) + Number(rest[12])); // utime, stime (fields 14 and 15)
    } catch {
      // The process ended between readdir and read.
    }
  }
  return out;
}

export interface CpuShare {
  /** Share of all CPUs busy during the measurement. */
  systemBusyPercent: number;
  /** Share of all CPUs busy with work that was not this benchmark (nor PostgreSQL when it is measured). */
  otherPercent: number;
}

/**
 * Starts measuring. `stop(extraSeconds)` takes the CPU seconds of helpers this process cannot see
 * (the load generator reports its own) and returns the shares.
 */
export function startCpuMeter(options: { countPostgres: boolean }): {
  stop(extraSeconds: number): CpuShare | undefined;
} {
  const system = systemSample();
  const self = process.cpuUsage();
  const pg = options.countPostgres ? postgresTicks() : new Map<number, number>();
  return {
    stop(extraSeconds) {
      const end = systemSample();
      if (!system || !end || end.total <= system.total) return undefined;
      const used = process.cpuUsage(self);
      let pgTicks = 0;
      if (options.countPostgres) {
        // Backends started during the run count from zero; those that ended are lost (a few ticks).
        for (const [pid, ticks] of postgresTicks()) pgTicks += ticks - (pg.get(pid) ?? 0);
      }
      const capacity = (end.total - system.total) / USER_HZ;
      const busy = (end.busy - system.busy) / USER_HZ;
      const ours = (used.user + used.system) / 1e6 + extraSeconds + pgTicks / USER_HZ;
      return {
        systemBusyPercent: Math.round((100 * busy) / capacity),
        otherPercent: Math.max(0, Math.round((100 * (busy - ours)) / capacity)),
      };
    },
  };
}

/** Share of all CPUs busy over one second while this benchmark is idle. */
export async function backgroundCpu(): Promise<number | undefined> {
  const a = systemSample();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const b = systemSample();
  if (!a || !b || b.total <= a.total) return undefined;
  return Math.round((100 * (b.busy - a.busy)) / (b.total - a.total));
}

export const QUIET_PERCENT = 10;

/**
 * Waits, up to `maxSeconds`, for a second in which other work leaves the CPUs idle, and returns the
 * last reading (undefined where /proc is missing).
 */
export async function waitForQuiet(maxSeconds: number, log: (message: string) => void): Promise<number | undefined> {
  const deadline = performance.now() + maxSeconds * 1000;
  let busy = await backgroundCpu();
  let told = false;
  while (busy !== undefined && busy > QUIET_PERCENT && performance.now() < deadline) {
    if (!told) log(`  waiting up to ${maxSeconds} s for other work to stop (${busy}% of the CPUs busy) ...`);
    told = true;
    busy = await backgroundCpu();
  }
  return busy;
}
