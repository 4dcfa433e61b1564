import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readMigrations } from '../src/storage/migrate.js';
import { cli, cliStorage, parleyProcess } from './helpers/cli.js';

const EXAMPLE = fs.readFileSync(new URL('../../shared/examples/us-cn-ciwg.json', import.meta.url), 'utf8');

describe('wrong usage exits 2 with the help of the command', () => {
  it('no command, an unknown command, unknown options, missing arguments', async () => {
    const none = await parleyProcess([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: parley <command>/);

    const unknown = await cli(['frobnicate'], {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);

    const option = await cli(['export', 'us-cn-ciwg', '--format', 'xml'], {});
    assert.equal(option.code, 2);
    assert.match(option.stderr, /Unknown option '--format'/);
    assert.match(option.stderr, /Usage: parley export DIALOGUE_KEY/);

    const missing = await cli(['import'], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Missing FILE/);

    const sub = await cli(['db', 'upgrade'], {});
    assert.equal(sub.code, 2);
    assert.match(sub.stderr, /Unknown subcommand "db upgrade"/);

    const as = await cli(['export', 'x', '--as', 'Side A'], {});
    assert.equal(as.code, 2);
    assert.match(as.stderr, /--as takes a side key/);
  });

  it('--help of every command exits 0', async () => {
    for (const c of ['serve', 'db', 'import', 'export', 'demo']) {
      const r = await cli([c, '--help'], {});
      assert.equal(r.code, 0, c);
      assert.match(r.stdout, new RegExp(`Usage: parley ${c}`));
    }
    assert.equal((await cli(['--help'], {})).code, 0);
  });
});

describe('commands on a database', () => {
  let storage: Awaited<ReturnType<typeof cliStorage>>;
  before(async () => {
    storage = await cliStorage();
  });
  after(async () => {
    await storage.cleanup();
  });

  it('db status lists pending migrations, db migrate applies them', async () => {
    const before = await cli(['db', 'status'], storage.env);
    assert.equal(before.code, 0);
    assert.match(before.stdout, /0001 {2}dialogues +pending/);
    const migrated = await cli(['db', 'migrate'], storage.env);
    assert.equal(migrated.code, 0);
    const versions = readMigrations().map((m) => m.version);
    assert.match(migrated.stdout, new RegExp(`Applied ${versions.length} migrations?: ${versions.join(', ')}\\.`));
    const again = await cli(['db', 'migrate'], storage.env);
    assert.match(again.stdout, /up to date/);
    const status = await cli(['db', 'status'], storage.env);
    assert.match(status.stdout, /0001 {2}dialogues +applied {2}\d{4}-/);
  });

  it('demo loads into an empty database only, unless --force', async () => {
    const first = await cli(['demo'], storage.env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Loaded the demo dialogue "us-cn-ciwg": \d+ created, 0 updated, 0 unchanged/);
    const second = await cli(['demo'], storage.env);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already holds dialogues.*--force/);
    const forced = await cli(['demo', '--force'], storage.env);
    assert.equal(forced.code, 0);
    assert.match(forced.stdout, /0 created, 0 updated, \d+ unchanged/);
  });

  it('import of the shared example merges by key; an invalid bundle is refused whole', async () => {
    const merged = await cli(['import', '-'], storage.env, EXAMPLE);
    assert.equal(merged.code, 0, merged.stderr);
    // The example differs from the demo in summaries, sectors and tiers only: those issues are updated, nothing created.
    assert.match(merged.stdout, /Imported dialogue "us-cn-ciwg": 0 created, [1-9]\d* updated/);

    const before = await cli(['export', 'us-cn-ciwg'], storage.env);
    const broken = JSON.parse(EXAMPLE) as {
      issues: { category: string; title: unknown }[];
      meetings: { chairs: string[] }[];
    };
    broken.issues[3]!.category = 'datflows';
    broken.issues[0]!.title = { en: 'Changed title that must not land' };
    broken.meetings[0]!.chairs[1] = 'wang-shou-wen';
    const refused = await cli(['import', '-'], storage.env, JSON.stringify(broken));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\/issues\/3\/category: "datflows" is not a category/);
    const after = await cli(['export', 'us-cn-ciwg'], storage.env);
    assert.equal(after.stdout, before.stdout, 'nothing of the invalid bundle was written');
    assert.ok(!after.stdout.includes('must not land'));

    const chairs = JSON.parse(EXAMPLE) as { meetings: { chairs: string[] }[] };
    chairs.meetings[0]!.chairs[1] = 'wang-shou-wen';
    const chairRefused = await cli(['import', '-'], storage.env, JSON.stringify(chairs));
    assert.equal(chairRefused.code, 1);
    assert.match(
      chairRefused.stderr,
      /\/meetings\/0\/chairs\/1: unknown person key "wang-shou-wen" \(did you mean "wang-shouwen"\?/,
    );

    const notJson = await cli(['import', '-'], storage.env, '{"format": ');
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /not valid JSON/);

    const noFile = await cli(['import', path.join(storage.dataDir, 'nope.json')], storage.env);
    assert.equal(noFile.code, 1);
    assert.match(noFile.stderr, /Cannot read .*nope\.json: no such file/);
  });

  it('export writes a bundle to a file, filtered by --as', async () => {
    const out = path.join(storage.dataDir, 'out.json');
    const r = await cli(['export', 'us-cn-ciwg', '--out', out], storage.env);
    assert.equal(r.code, 0, r.stderr);
    const all = JSON.parse(fs.readFileSync(out, 'utf8')) as { format: string; issues: { key: string }[] };
    assert.equal(all.format, 'parley-dialogue/1');
    assert.ok(
      all.issues.some((i) => i.key === 'medical-device-procurement'),
      'the operator export holds internal issues',
    );

    const asCn = JSON.parse((await cli(['export', 'us-cn-ciwg', '--as', 'cn'], storage.env)).stdout) as {
      issues: { key: string }[];
    };
    const keys = asCn.issues.map((i) => i.key);
    assert.ok(!keys.includes('medical-device-procurement'), "the U.S. internal issue is not in China's export");
    assert.ok(keys.includes('business-visa-delays'), "China's own internal issue is");
    assert.ok(keys.includes('agricultural-inspection-delays'), 'shared issues are');

    const missing = await cli(['export', 'no-such-dialogue'], storage.env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No dialogue "no-such-dialogue"/);
  });

  it('a real parley process imports from standard input', async () => {
    const r = await parleyProcess(['import', '-'], storage.env, EXAMPLE);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 created, 0 updated, \d+ unchanged/);
  });
});
