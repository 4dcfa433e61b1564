/**
 * More than one process on one database. On PostgreSQL, two servers share it
 * and agree (nothing that matters lives in one process's memory). On PGlite,
 * which has no lock of its own, a second server is refused by name, and CLI
 * commands run inside the server that holds the folder.
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

  it('runs CLI commands through a server that holds the folder, and refuses a second server, naming the process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    const server = await startServerProcess({ PARLEY_DATA_DIR: dir }, ['--demo']);
    const env = { PARLEY_DATA_DIR: dir };
    try {
      // Two processes must never open one PGlite folder: these commands run inside the server.
      const exported = await parleyProcess(['export', 'us-cn-ciwg'], env);
      assert.equal(exported.code, 0, exported.stderr);
      assert.equal((JSON.parse(exported.stdout) as { dialogue: { key: string } }).dialogue.key, 'us-cn-ciwg');

      const readIssues = async () =>
        (
          (await (await fetch(`${server.url}/api/v1/issues?limit=200`)).json()) as {
            items: { key: string; regions: unknown[] }[];
          }
        ).items.find((i) => i.key === 'cross-border-data-flows');
      assert.equal((await readIssues())?.regions.length, 2);
      const changed = JSON.parse(EXAMPLE) as { issues: { visibility: string }[] };
      for (const i of changed.issues) i.visibility = 'public';
      const imported = await parleyProcess(['import', '-'], env, JSON.stringify(changed));
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /Imported dialogue "us-cn-ciwg"/);
      // The server sees the import at once: it made it.
      assert.deepEqual((await readIssues())?.regions, [], 'the example lists no regions');

      const verified = await parleyProcess(['audit', 'verify'], env);
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /^Audit trail intact: \d+ entries/);

      const added = await parleyProcess(
        ['user', 'add', 'x@y.gov', '--side', 'us', '--role', 'analyst', '--no-password'],
        env,
      );
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, /Added x@y\.gov \(analyst, side us\), single sign-on only/);
      const listed = await parleyProcess(['user', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /^x@y\.gov +us +analyst +active$/m);

      const second = await parleyProcess(['serve'], { ...env, PORT: '1' });
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`in use by process ${server.child.pid} \\(parley serve, since `));
      assert.match(second.stderr, /stop that process first, or run Parley on PostgreSQL/);
      // The first server is unharmed.
      const res = await fetch(`${server.url}/api/v1/dialogues`);
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, 1);
    } finally {
      await server.stop();
    }
    // Once the server has stopped, the folder is free again, and the commands open it themselves.
    const after = await parleyProcess(['user', 'list'], env);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /^x@y\.gov /m);
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
