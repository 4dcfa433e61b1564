/**
 * Forward-only numbered SQL migrations from migrations/. Each file runs in its
 * own transaction with its checksum recorded; a landed file that was edited
 * afterwards is refused rather than silently skipped.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { ensureSearchIndex } from './search.indexer.js';
import { ensureSimilarFeatures } from './similar.repository.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  checksum: string;
  sql: string;
}

export interface MigrationStatus {
  version: string;
  name: string;
  state: 'applied' | 'pending' | 'changed' | 'unknown';
  appliedAt?: string;
}

export class MigrationError extends Error {
  readonly code = 'migration-failed';
}

/** Reads NNNN_name.sql files in order. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        file,
        checksum: createHash('sha256').update(text).digest('hex'),
        sql: text,
      };
    });
}

async function ensureTable(db: Kysely<Database>) {
  await sql`create table if not exists schema_migrations (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
}

/** Lists every migration with its state, without changing anything. */
export async function migrationStatus(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<MigrationStatus[]> {
  await ensureTable(db);
  const applied = await db.selectFrom('schema_migrations').selectAll().execute();
  const byVersion = new Map(applied.map((a) => [a.version, a]));
  const files = readMigrations(dir);
  const out: MigrationStatus[] = files.map((f) => {
    const a = byVersion.get(f.version);
    if (!a) return { version: f.version, name: f.name, state: 'pending' };
    return {
      version: f.version,
      name: f.name,
      state: a.checksum === f.checksum ? 'applied' : 'changed',
      appliedAt: new Date(a.applied_at).toISOString(),
    };
  });
  for (const a of applied) {
    if (!files.some((f) => f.version === a.version)) {
      out.push({ version: a.version, name: a.name, state: 'unknown', appliedAt: new Date(a.applied_at).toISOString() });
    }
  }
  return out.sort((x, y) => x.version.localeCompare(y.version));
}

/**
 * Applies pending migrations. Several processes may start at once against one
 * PostgreSQL database: an advisory lock lets one migrate while the others wait.
 * Returns the versions applied.
 */
export async function migrate(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(4242001)`.execute(conn);
    try {
      await ensureTable(conn);
      const status = await migrationStatus(conn, dir);
      const changed = status.filter((s) => s.state === 'changed');
      if (changed.length > 0) {
        throw new MigrationError(
          `Migration ${changed.map((c) => `${c.version}_${c.name}`).join(', ')} was edited after it was applied; migrations are forward-only: add a new file instead.`,
        );
      }
      const done = new Set(status.filter((s) => s.state === 'applied').map((s) => s.version));
      const applied: string[] = [];
      for (const f of files) {
        if (done.has(f.version)) continue;
        try {
          await conn.transaction().execute(async (tx) => {
            await sql.raw(f.sql).execute(tx);
            await tx
              .insertInto('schema_migrations')
              .values({ version: f.version, name: f.name, checksum: f.checksum })
              .execute();
          });
        } catch (err) {
          throw new MigrationError(`Migration ${f.file} failed: ${(err as Error).message}`);
        }
        applied.push(f.version);
      }
      // The search index is derived data that SQL alone cannot build (jieba runs in Node): build it
      // when it is missing or of an older format, still under the lock, so that one process does it.
      const hasIndex = await sql<{ t: string | null }>`select to_regclass('search_index_state')::text as t`.execute(
        conn,
      );
      if (hasIndex.rows[0]?.t) await ensureSearchIndex(conn);
      // The same for the features of similar reports and issues (migrations/0009).
      const hasFeatures = await sql<{
        t: string | null;
      }>`select to_regclass('similar_features_state')::text as t`.execute(conn);
      if (hasFeatures.rows[0]?.t) await ensureSimilarFeatures(conn);
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(4242001)`.execute(conn);
    }
  });
}
