/** Issue 5 from the command line: parley meeting create|agenda|account and parley outcome update. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, cliStorage } from './helpers/cli.js';

let storage: Awaited<ReturnType<typeof cliStorage>>;
before(async () => {
  storage = await cliStorage();
  const demo = await cli(['demo'], storage.env);
  assert.equal(demo.code, 0, demo.stderr);
});
after(async () => {
  await storage.cleanup();
});

describe('parley meeting and parley outcome', () => {
  it('wrong arguments exit 2 with the help', async () => {
    for (const args of [
      ['meeting'],
      ['meeting', 'create', 'us-cn-ciwg', '--number', 'two', '--date', '2099-05-01', '--format', 'call'],
      ['meeting', 'create', 'us-cn-ciwg', '--number', '2', '--date', '2099-05-01', '--format', 'fax'],
      ['meeting', 'agenda', 'us-cn-ciwg', '2'],
      ['meeting', 'account', 'us-cn-ciwg', '2', '--side', 'us'],
      ['outcome', 'update', 'us-cn-ciwg', 'trade-facilitation', '--status', 'done'],
      ['outcome', 'update', 'us-cn-ciwg', 'trade-facilitation', '--status', 'delivered', '--rag', 'blue'],
      [
        'outcome',
        'update',
        'us-cn-ciwg',
        'trade-facilitation',
        '--status',
        'delivered',
        '--rag',
        'red',
        '--meeting',
        'x',
      ],
      ['outcome', 'update', 'us-cn-ciwg', 'trade-facilitation', '--status', 'delivered', '--meeting', '2'],
    ]) {
      const r = await cli(args, storage.env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /Usage:/);
    }
  });

  it('plans a meeting with the suggested host', async () => {
    const r = await cli(
      [
        'meeting',
        'create',
        'us-cn-ciwg',
        '--number',
        '2',
        '--date',
        '2099-05-01',
        '--format',
        'in-person',
        '--place-country',
        'CN',
        '--place-city-en',
        'Beijing',
        '--place-city-zh',
        '北京',
      ],
      storage.env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Planned meeting 2 of us-cn-ciwg on 2099-05-01 \(in-person, hosted by cn\)/);
  });

  it('refuses a non-negotiable topic with exit 1 and the principle quoted; proposes an allowed issue', async () => {
    const refused = await cli(
      ['meeting', 'agenda', 'us-cn-ciwg', '2', '--side', 'cn', '--add', 'sanctions-on-chinese-firms'],
      storage.env,
    );
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stderr, /The United States does not negotiate on matters of U\.S\. national security\./);
    const internal = await cli(
      ['meeting', 'agenda', 'us-cn-ciwg', '2', '--side', 'cn', '--add', 'sanctions-on-chinese-firms', '--internal'],
      storage.env,
    );
    assert.equal(internal.code, 0, internal.stderr);
    assert.match(internal.stdout, /internal briefing only:\n {2}sanctions-on-chinese-firms/);
    const ok = await cli(
      ['meeting', 'agenda', 'us-cn-ciwg', '2', '--side', 'us', '--add', 'industrial-overcapacity'],
      storage.env,
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /industrial-overcapacity\s+us\s+proposed\s+carried-over/);
    assert.doesNotMatch(ok.stdout, /sanctions-on-chinese-firms/, "cn's internal briefing is not shown to us");
  });

  it('records an account from a file in bundle shape', async () => {
    const file = path.join(storage.dataDir, 'account.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        raised: [{ by: 'us', issue: 'industrial-overcapacity', stance: 'strong-concern' }],
        outcomes: [{ key: 'cli-exchange', kind: 'exchange', title: { en: 'An exchange' }, owners: ['us', 'cn'] }],
        notes: { en: 'Recorded from the CLI.' },
      }),
    );
    const r = await cli(['meeting', 'account', 'us-cn-ciwg', '2', '--side', 'us', '--file', file], storage.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 raisings, 1 outcomes/);
    fs.writeFileSync(
      file,
      JSON.stringify({ raised: [{ by: 'us', issue: 'industrial-overcapacity', stance: 'cross' }] }),
    );
    const bad = await cli(['meeting', 'account', 'us-cn-ciwg', '2', '--side', 'us', '--file', file], storage.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /\/raised\/0\/stance/);
  });

  it('updates an outcome with a RAG rating', async () => {
    const r = await cli(
      [
        'outcome',
        'update',
        'us-cn-ciwg',
        'trade-facilitation',
        '--status',
        'in-progress',
        '--rag',
        'amber',
        '--note-en',
        'Talks began.',
      ],
      storage.env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /trade-facilitation: in-progress, amber; 1 update\(s\)\./);
    // Reviewed again at meeting 2 (planned above): the outcome came up there too.
    const atTwo = await cli(
      [
        'outcome',
        'update',
        'us-cn-ciwg',
        'trade-facilitation',
        '--status',
        'in-progress',
        '--rag',
        'green',
        '--meeting',
        '2',
      ],
      storage.env,
    );
    assert.equal(atTwo.code, 0, atTwo.stderr);
    assert.match(atTwo.stdout, /2 update\(s\)\. Came up at meeting\(s\) 1, 2\./);
    const plain = await cli(
      ['outcome', 'update', 'us-cn-ciwg', 'trade-facilitation', '--status', 'delivered'],
      storage.env,
    );
    assert.equal(plain.code, 0, plain.stderr);
    const missing = await cli(
      ['outcome', 'update', 'us-cn-ciwg', 'no-such-outcome', '--status', 'delivered'],
      storage.env,
    );
    assert.equal(missing.code, 1);
  });
});
