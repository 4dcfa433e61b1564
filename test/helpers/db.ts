/**
 * A fresh, migrated database for one test file: an in-memory PGlite by
 * default, or, when TEST_DATABASE_URL is set, a schema of its own on that
 * PostgreSQL server (dropped afterwards), so that runs never interfere.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import { migrate } from '../../src/storage/migrate.js';
import { createStore } from '../../src/storage/store.js';
import type { Store } from '../../src/domain/ports.js';

export interface TestDatabase extends DatabaseHandle {
  store: Store;
  /** A connection string for this test's database (PostgreSQL only). */
  url?: string;
}

export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** The URL of a new schema on the test server, with search_path set to it. */
export async function createTestSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  // public stays on the path: extensions (pg_trgm) live there, outside the test's schema.
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export async function testDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE_URL) {
    const { url, drop } = await createTestSchema();
    const handle = await openDatabase({ engine: 'postgres', url, max: 4 });
    await migrate(handle.db);
    return {
      ...handle,
      url,
      store: createStore(handle.db),
      async close() {
        await handle.close();
        await drop();
      },
    };
  }
  const handle = await openDatabase({ engine: 'pglite-memory' });
  await migrate(handle.db);
  return { ...handle, store: createStore(handle.db) };
}
