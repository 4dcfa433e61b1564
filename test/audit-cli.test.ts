/** `parley audit verify` on a real database: intact after a session of writes, broken after tampering in SQL. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { cli, cliStorage } from './helpers/cli.js';
import { sql } from 'kysely';

let storage: Awaited<ReturnType<typeof cliStorage>>;
before(async () => {
  storage = await cliStorage();
});
after(async () => {
  await storage.cleanup();
});

/** Opens the CLI's database directly, as someone with access to the files or the server would. */
async function direct<T>(fn: (h: DatabaseHandle) => Promise<T>): Promise<T> {
  const h = storage.env.DATABASE_URL
    ? await openDatabase({ engine: 'postgres', url: storage.env.DATABASE_URL })
    : await openDatabase({ engine: 'pglite', dataDir: storage.dataDir, command: 'test' });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

it('passes on a fresh database and after a session of writes', async () => {
  const fresh = await cli(['audit', 'verify'], storage.env);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.match(fresh.stdout, /^Audit trail intact: 0 entries/);

  assert.equal((await cli(['demo'], storage.env)).code, 0);
  assert.equal(
    (
      await cli(
        ['user', 'add', 'lead@example.gov', '--side', 'us', '--role', 'lead'],
        storage.env,
        'a long enough passphrase\n',
      )
    ).code,
    0,
  );
  assert.equal((await cli(['token', 'create', 'lead@example.gov', '--scope', 'write'], storage.env)).code, 0);
  assert.equal((await cli(['user', 'disable', 'lead@example.gov'], storage.env)).code, 0);
  const afterWrites = await cli(['audit', 'verify'], storage.env);
  assert.equal(afterWrites.code, 0, afterWrites.stderr);
  const count = Number(/intact: (\d+) entries/.exec(afterWrites.stdout)?.[1]);
  assert.ok(count > 40, `${count} entries`);
});

it('fails naming the entry altered, removed or moved in SQL', async () => {
  await direct((h) => sql`update audit_log set after = '{"forged": true}' where position = 7`.execute(h.db));
  const altered = await cli(['audit', 'verify'], storage.env);
  assert.equal(altered.code, 1);
  assert.match(altered.stderr, /entry 7 was altered/);
  assert.match(altered.stderr, /The 6 entries before it are intact/);

  await direct((h) => sql`delete from audit_log where position = 7`.execute(h.db));
  const removed = await cli(['audit', 'verify'], storage.env);
  assert.equal(removed.code, 1);
  assert.match(removed.stderr, /entry 8 stands where entry 7 should/);

  await direct((h) => sql`update audit_log set position = 7 where position = 8`.execute(h.db));
  const moved = await cli(['audit', 'verify'], storage.env);
  assert.equal(moved.code, 1);
  assert.match(moved.stderr, /entry 7 (was altered|does not follow entry 6)/);
});
