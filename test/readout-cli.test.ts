/** `parley readout`: usage errors exit 2 with the help, missing records exit 1, formats land where asked. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, cliStorage } from './helpers/cli.js';

describe('parley readout: wrong usage exits 2 with the help', () => {
  const cases: [string[], RegExp][] = [
    [['readout'], /Missing DIALOGUE_KEY and MEETING_NUMBER/],
    [['readout', 'us-cn-ciwg'], /Missing MEETING_NUMBER/],
    [['readout', 'us-cn-ciwg', 'one', '--side', 'us'], /MEETING_NUMBER is a whole number/],
    [['readout', 'us-cn-ciwg', '1'], /Missing --side SIDE \(or --side joint\)/],
    [['readout', 'us-cn-ciwg', '1', '--side', 'US side'], /--side takes a side key or "joint"/],
    [['readout', 'us-cn-ciwg', '1', '--side', 'us', '--lang', 'fr'], /--lang takes en, zh, not "fr"/],
    [['readout', 'us-cn-ciwg', '1', '--side', 'us', '--format', 'rtf'], /--format takes md, html, docx, pdf/],
    [['readout', 'us-cn-ciwg', '1', '--side', 'us', '--format', 'pdf'], /binary file: give --out FILE/],
    [['readout', 'us-cn-ciwg', '1', '--side', 'us', '--colour'], /Unknown option '--colour'/],
  ];
  for (const [args, message] of cases) {
    it(args.slice(1).join(' ') || '(no arguments)', async () => {
      const r = await cli(args, {});
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: parley readout DIALOGUE_KEY MEETING_NUMBER --side SIDE\|joint/);
    });
  }

  it('--help exits 0 and is listed in the main help', async () => {
    const r = await cli(['readout', '--help'], {});
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: parley readout/);
    assert.match((await cli(['--help'], {})).stdout, /readout +write a side's readout of a meeting/);
  });
});

describe('parley readout on a database', () => {
  let storage: Awaited<ReturnType<typeof cliStorage>>;
  before(async () => {
    storage = await cliStorage();
    const demo = await cli(['demo'], storage.env);
    assert.equal(demo.code, 0, demo.stderr);
  });
  after(async () => {
    await storage.cleanup();
  });

  it('writes Markdown to standard output by default', async () => {
    const r = await cli(['readout', 'us-cn-ciwg', '1', '--side', 'us'], storage.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# U\.S\.-China Commercial Issues Working Group Holds Inaugural Vice-Ministerial Meeting/);
    assert.match(r.stdout, /\\#\\#\\#/);
  });

  it('writes HTML in Chinese, and Word and PDF files with --out', async () => {
    const html = await cli(
      ['readout', 'us-cn-ciwg', '1', '--side', 'cn', '--lang', 'zh', '--format', 'html'],
      storage.env,
    );
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /<html lang="zh-Hans">/);
    assert.match(html.stdout, /王受文/);

    for (const [format, magic] of [
      ['docx', 'PK'],
      ['pdf', '%PDF'],
    ] as const) {
      const out = path.join(storage.dataDir, `readout.${format}`);
      const r = await cli(['readout', 'us-cn-ciwg', '1', '-s', 'us', '-l', 'zh', '-f', format, '-o', out], storage.env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`Wrote .*readout\\.${format} \\(${format}, zh, side us\\)`));
      assert.equal(fs.readFileSync(out).subarray(0, magic.length).toString('latin1'), magic);
    }
  });

  it('an unknown side, a side with no account and an unknown meeting exit 1 with the reason', async () => {
    const side = await cli(['readout', 'us-cn-ciwg', '1', '--side', 'eu'], storage.env);
    assert.equal(side.code, 1);
    assert.match(side.stderr, /No side "us-cn-ciwg\/eu" was found/);

    const joint = await cli(['readout', 'us-cn-ciwg', '1', '--side', 'joint'], storage.env);
    assert.equal(joint.code, 1);
    assert.match(joint.stderr, /has no joint statement on record.*Accounts on record: us, cn/);

    const meeting = await cli(['readout', 'us-cn-ciwg', '7', '--side', 'us'], storage.env);
    assert.equal(meeting.code, 1);
    assert.match(meeting.stderr, /No meeting "us-cn-ciwg\/7" was found/);
  });
});
