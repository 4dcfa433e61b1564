/**
 * One Kysely instance over either engine: an embedded PGlite database in a
 * data folder (the default), or a PostgreSQL server (DATABASE_URL). Both speak
 * the PostgreSQL protocol through node-postgres, so the same SQL runs on both.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { lockDataFolder } from './data-lock.js';

// Calendar dates stay ISO strings ('2024-04-04'): no time zone may shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for messages: a folder, "memory" or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

export type OpenOptions =
  | { engine: 'postgres'; url: string; max?: number }
  | { engine: 'pglite'; dataDir: string; command: string }
  | { engine: 'pglite-memory' };

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** Opens the database; for a PGlite folder, takes its process lock first. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', location: redact(options.url), close: () => db.destroy() };
  }
  let release: (() => void) | undefined;
  let pglite: PGlite;
  let location = 'memory';
  if (options.engine === 'pglite') {
    release = lockDataFolder(options.dataDir, options.command);
    location = options.dataDir;
    try {
      pglite = await PGlite.create(path.join(options.dataDir, 'pgdata'), { extensions: { pg_trgm } });
    } catch (err) {
      release();
      throw err;
    }
  } else {
    pglite = await PGlite.create({ extensions: { pg_trgm } });
  }
  // PGlite serves one connection: a larger pool overlaps transactions and fails.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    location,
    async close() {
      await db.destroy();
      await pglite.close();
      release?.();
    },
  };
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` while holding a database-wide advisory lock, so that several
 * processes starting at once against one PostgreSQL database take turns (for
 * example, to load the demo only once). PGlite serves one process only and one
 * connection, so there `fn` simply runs.
 */
export async function withStartupLock<T>(handle: DatabaseHandle, fn: () => Promise<T>): Promise<T> {
  if (handle.engine === 'pglite') return fn();
  return handle.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(4242002)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(4242002)`.execute(conn);
    }
  });
}

/**
 * A warning when a PostgreSQL database was created without a UTF-8 character
 * type: pg_trgm then ignores Chinese characters, and search in Chinese fails.
 */
export async function characterTypeWarning(handle: DatabaseHandle): Promise<string | undefined> {
  if (handle.engine !== 'postgres') return undefined;
  const r = await sql<{
    ctype: string;
  }>`select datctype as ctype from pg_database where datname = current_database()`.execute(handle.db);
  const ctype = r.rows[0]?.ctype ?? '';
  if (/utf-?8/i.test(ctype)) return undefined;
  return (
    `The database's character type is "${ctype}", not UTF-8: searching Chinese text will not work. ` +
    "Create Parley's database with: CREATE DATABASE parley TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
  );
}
