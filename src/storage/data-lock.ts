/**
 * PGlite has no lock between processes, and two processes writing one data
 * folder lose committed rows. Parley therefore holds a lock file in the folder
 * for as long as it has the database open; a second process is refused with a
 * message naming the holder.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'parley.lock';

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
}

export class DataFolderLockedError extends Error {
  readonly code = 'data-folder-locked';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}). ` +
        'Only one process may open an embedded database: stop that process first, or run Parley on PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataFolderLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number') {
      return {
        pid: parsed.pid,
        command: String(parsed.command ?? 'unknown'),
        startedAt: String(parsed.startedAt ?? '?'),
      };
    }
  } catch {
    // unreadable or half-written: treated as no holder below
  }
  return undefined;
}

/**
 * Takes the lock on a data folder, creating the folder if needed. Returns a
 * function that releases it. A lock left by a process that no longer runs is
 * taken over.
 */
export function lockDataFolder(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeFileSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readHolder(file);
        if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataFolderLockedError(dataDir, holder);
      }
      if (holder?.pid === process.pid) {
        throw new DataFolderLockedError(dataDir, holder);
      }
      // Stale lock from a process that has ended: remove it and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
