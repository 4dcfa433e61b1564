/**
 * More than one process on one database. On PostgreSQL, two servers share it
 * and agree (nothing that matters lives in one process's memory). On PGlite,
 * which has no lock of its own, a second process is refused by name.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { lockDataFolder, DataFolderLockedError, LOCK_FILE } from '../src/storage/data-lock.js';
import { createTestSchema } from './helpers/db.js';
import { parleyProcess } from './helpers/cli.js';
import { startServerProcess, type ServerProcess } from './helpers/server.js';

const EXAMPLE = fs.readFileSync(new URL('../../shared/examples/us-cn-ciwg.json', import.meta.url), 'utf8');

describe('the PGlite data folder lock', () => {
  it('refuses a second holder in the same process and releases on close', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    const release = lockDataFolder(dir, 'first');
    assert.throws(
      () => lockDataFolder(dir, 'second'),
      (err: unknown) => {
        assert.ok(err instanceof DataFolderLockedError);
        assert.equal(err.holder.pid, process.pid);
        assert.equal(err.holder.command, 'first');
        return true;
      },
    );
    release();
    assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
    lockDataFolder(dir, 'third')();
    fs.rmSync(dir, { recursive: true });
  });

  it('takes over a lock left by a process that has ended', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    // PID 2^22+1 is above Linux's default pid_max range in practice; no such process runs.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 4194305, command: 'parley serve', startedAt: '2020-01-01T00:00:00Z' }),
    );
    const release = lockDataFolder(dir, 'after a crash');
    const holder = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(holder.pid, process.pid);
    release();
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a CLI command and a second server while a server holds the folder, naming the process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    const server = await startServerProcess({ PARLEY_DATA_DIR: dir }, ['--demo']);
    try {
      const cli = await parleyProcess(['export', 'us-cn-ciwg'], { PARLEY_DATA_DIR: dir });
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, new RegExp(`in use by process ${server.child.pid} \\(parley serve, since `));
      assert.match(cli.stderr, /stop that process first, or run Parley on PostgreSQL/);
      const second = await parleyProcess(['serve'], { PARLEY_DATA_DIR: dir, PORT: '1' });
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`in use by process ${server.child.pid}`));
      // The first server is unharmed.
      const res = await fetch(`${server.url}/api/v1/dialogues`);
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, 1);
    } finally {
      await server.stop();
    }
    // Once the server has stopped, the folder is free again.
    const after = await parleyProcess(['export', 'us-cn-ciwg'], { PARLEY_DATA_DIR: dir });
    assert.equal(after.code, 0, after.stderr);
    fs.rmSync(dir, { recursive: true });
  });
});

describe(
  'two servers on one PostgreSQL database',
  { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (PostgreSQL)' },
  () => {
    it('both serve, and both see a change made through a third process', async () => {
      const schema = await createTestSchema();
      const env = { DATABASE_URL: schema.url };
      // Both start at once: the migration lock lets one migrate while the other waits.
      const started = await Promise.allSettled([
        startServerProcess(env, ['--demo']),
        startServerProcess(env, ['--demo']),
      ]);
      const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        for (const s of started) if (s.status === 'rejected') throw s.reason;
        const [a, b] = servers as [ServerProcess, ServerProcess];
        const read = async (url: string) =>
          (await (await fetch(`${url}/api/v1/issues?limit=200`)).json()) as {
            items: { key: string; regions: unknown[] }[];
          };
        const [fromA, fromB] = await Promise.all([read(a.url), read(b.url)]);
        assert.equal(fromA.items.length, 9, 'the demo was loaded once, not twice');
        assert.deepEqual(fromA, fromB);

        const changed = JSON.parse(EXAMPLE) as { issues: { visibility: string }[] };
        for (const i of changed.issues) i.visibility = 'public';
        const imported = await parleyProcess(['import', '-'], env, JSON.stringify(changed));
        assert.equal(imported.code, 0, imported.stderr);

        const [afterA, afterB] = await Promise.all([read(a.url), read(b.url)]);
        assert.deepEqual(afterA, afterB);
        const before = fromA.items.find((i) => i.key === 'cross-border-data-flows');
        const after = afterA.items.find((i) => i.key === 'cross-border-data-flows');
        assert.equal(before?.regions.length, 2);
        assert.deepEqual(after?.regions, [], 'the example lists no regions: both servers see the list replaced');
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
        await schema.drop();
      }
    });
  },
);

describe(
  'the character type of a PostgreSQL database',
  { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (PostgreSQL)' },
  () => {
    it('is reported when it is not UTF-8, and passes when it is', async () => {
      const { default: pg } = await import('pg');
      const { openDatabase, characterTypeWarning } = await import('../src/storage/db.js');
      const base = new URL(process.env.TEST_DATABASE_URL!);
      const admin = new pg.Client({ connectionString: base.toString() });
      await admin.connect();
      const warningFor = async (ctype: string) => {
        const name = `parley_ctype_${ctype.replace(/\W/g, '').toLowerCase()}_${process.pid}`;
        await admin.query(`drop database if exists ${name}`);
        await admin.query(
          `create database ${name} template template0 encoding 'UTF8' lc_collate '${ctype}' lc_ctype '${ctype}'`,
        );
        const url = new URL(base);
        url.pathname = `/${name}`;
        const handle = await openDatabase({ engine: 'postgres', url: url.toString() });
        try {
          return await characterTypeWarning(handle);
        } finally {
          await handle.close();
          await admin.query(`drop database if exists ${name}`);
        }
      };
      try {
        assert.match((await warningFor('C')) ?? '', /character type is "C", not UTF-8.*LC_CTYPE 'C\.UTF-8'/);
        assert.equal(await warningFor('C.UTF-8'), undefined);
      } finally {
        await admin.end();
      }
    });
  },
);
