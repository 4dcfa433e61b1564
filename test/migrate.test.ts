import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { MIGRATIONS_DIR, MigrationError, migrate, migrationStatus, readMigrations } from '../src/storage/migrate.js';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { createTestSchema } from './helpers/db.js';

let handle: DatabaseHandle;
let drop: (() => Promise<void>) | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-migrations-'));

before(async () => {
  if (process.env.TEST_DATABASE_URL) {
    const schema = await createTestSchema();
    drop = schema.drop;
    handle = await openDatabase({ engine: 'postgres', url: schema.url });
  } else {
    handle = await openDatabase({ engine: 'pglite-memory' });
  }
});
after(async () => {
  await handle.close();
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the project migrations are numbered, in order, without gaps', () => {
  const files = readMigrations(MIGRATIONS_DIR);
  assert.ok(files.length >= 1);
  files.forEach((f, i) => assert.equal(f.version, String(i + 1).padStart(4, '0'), f.file));
});

it('applies pending migrations once, in order, and reports their state', async () => {
  fs.writeFileSync(path.join(dir, '0001_first.sql'), 'create table first_table (id int primary key);');
  fs.writeFileSync(
    path.join(dir, '0002_second.sql'),
    'alter table first_table add column name text;\ncreate index on first_table (name);',
  );
  fs.writeFileSync(path.join(dir, 'README.txt'), 'not a migration');
  assert.deepEqual(
    (await migrationStatus(handle.db, dir)).map((s) => [s.version, s.state]),
    [
      ['0001', 'pending'],
      ['0002', 'pending'],
    ],
  );
  assert.deepEqual(await migrate(handle.db, dir), ['0001', '0002']);
  assert.deepEqual(await migrate(handle.db, dir), []);
  const status = await migrationStatus(handle.db, dir);
  assert.deepEqual(
    status.map((s) => [s.version, s.name, s.state]),
    [
      ['0001', 'first', 'applied'],
      ['0002', 'second', 'applied'],
    ],
  );
  await sql`insert into first_table (id, name) values (1, 'x')`.execute(handle.db);
});

it('refuses to run when an applied migration was edited', async () => {
  fs.writeFileSync(path.join(dir, '0002_second.sql'), 'alter table first_table add column name text; -- edited');
  assert.equal((await migrationStatus(handle.db, dir)).find((s) => s.version === '0002')?.state, 'changed');
  await assert.rejects(migrate(handle.db, dir), (err: unknown) => {
    assert.ok(err instanceof MigrationError);
    assert.match(err.message, /0002_second was edited after it was applied; migrations are forward-only/);
    return true;
  });
});

it('rolls back a failing migration whole and names it', async () => {
  fs.writeFileSync(
    path.join(dir, '0002_second.sql'),
    'alter table first_table add column name text;\ncreate index on first_table (name);',
  );
  fs.writeFileSync(
    path.join(dir, '0003_broken.sql'),
    'create table third_table (id int);\nselect * from no_such_table;',
  );
  await assert.rejects(migrate(handle.db, dir), /Migration 0003_broken\.sql failed: .*no_such_table/);
  const exists = await sql<{
    n: number;
  }>`select count(*)::int as n from information_schema.tables where table_name = 'third_table' and table_schema = current_schema()`.execute(
    handle.db,
  );
  assert.equal(exists.rows[0]?.n, 0, 'the first statement of the failed migration was rolled back');
  assert.equal((await migrationStatus(handle.db, dir)).find((s) => s.version === '0003')?.state, 'pending');
});
