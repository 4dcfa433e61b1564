/**
 * The public register and open data (issue 7, acceptance 3 and 4): published
 * records only, whoever asks; CSV that spreadsheets open with Chinese intact;
 * JSON that validates against the published JSON Schema; an Atom feed that
 * parses as XML; ETags with 304.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { z } from 'zod';
import { publishDemoReadout } from '../src/demo/demo-readouts.js';
import { envelopeSchema } from '../src/domain/register/open-data.js';
import { testApp, type TestApp } from './helpers/app.js';
import { authHeaders, signInDemo } from './helpers/session.js';

const P = '/api/public/v1';
const hasCalc = fs.existsSync('/usr/bin/soffice') && fs.existsSync('/usr/lib/libreoffice/program/libsclo.so');
const D = `${P}/dialogues/us-cn-ciwg`;
let h: TestApp;

before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'GET', url, headers });
}

describe('public register', () => {
  it('lists published issues with status history and meetings, even to a signed-in official', async () => {
    const { cookie } = await signInDemo(h.app, 'us', 'lead');
    for (const headers of [{}, { cookie }] as Record<string, string>[]) {
      const res = await get(`${D}/issues`, headers);
      assert.equal(res.statusCode, 200, res.body);
      const items = (
        res.json() as {
          items: {
            key: string;
            visibility: string;
            statusHistory: { status: string }[];
            raisings: { meeting: number }[];
          }[];
        }
      ).items;
      assert.equal(items.length, 9);
      assert.ok(items.every((i) => i.visibility === 'public'));
      assert.ok(
        !items.some((i) => i.key === 'medical-device-procurement' || i.key === 'agricultural-inspection-delays'),
      );
      const data = items.find((i) => i.key === 'cross-border-data-flows')!;
      assert.deepEqual(
        data.statusHistory.map((s) => s.status),
        ['open'],
      );
      assert.deepEqual(
        data.raisings.map((r) => r.meeting),
        [1],
      );
    }
  });

  it('has a permalink per issue, 404 for what is not public', async () => {
    assert.equal((await get(`${D}/issues/cross-border-data-flows`)).statusCode, 200);
    const { cookie } = await signInDemo(h.app, 'us', 'lead');
    assert.equal((await get(`${D}/issues/medical-device-procurement`, { cookie })).statusCode, 404);
    assert.equal((await get(`${P}/dialogues/nope/issues`)).statusCode, 404);
  });

  it('lists published outcomes and readouts', async () => {
    const outcomes = (await get(`${D}/outcomes`)).json() as { items: { key: string; visibility: string }[] };
    assert.ok(outcomes.items.some((o) => o.key === 'healthcare-and-womens-health'));
    assert.ok(outcomes.items.every((o) => o.visibility === 'public'));
    const readouts = await get(`${D}/readouts`);
    assert.equal(readouts.statusCode, 200);
  });
});

describe('open data', () => {
  it('publishes CSV in UTF-8 with a byte-order mark that keeps Chinese intact', async () => {
    const res = await get(`${P}/datasets/issues.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    const bytes = res.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trimEnd().split('\r\n');
    assert.equal(lines[0]!.split(',')[0], 'dialogue');
    assert.equal(lines.length, 10);
    assert.ok(text.includes('跨境数据流动'));
    assert.ok(!text.includes('medical-device-procurement'));
  });

  it(
    // Calc (Debian libreoffice-calc-nogui) reads CSV; Writer alone cannot. Without it, the test above parses it back.
    'opens in LibreOffice Calc with Chinese intact',
    { skip: !hasCalc && 'no LibreOffice Calc' },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-csv-'));
      try {
        fs.writeFileSync(path.join(dir, 'issues.csv'), (await get(`${P}/datasets/issues.csv`)).rawPayload);
        const r = spawnSync(
          '/usr/bin/soffice',
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            // As the data dictionary says: the file is UTF-8 (76) with a byte-order mark, comma-separated (44),
            // quoted with " (34). Headless LibreOffice 7.4 does not sniff the BOM; its import dialog offers UTF-8.
            '--infilter=CSV:44,34,76,1',
            '--convert-to',
            'html:HTML (StarCalc)',
            '--outdir',
            dir,
            path.join(dir, 'issues.csv'),
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        assert.equal(r.status, 0, r.stderr);
        const html = fs.readFileSync(path.join(dir, 'issues.html'), 'utf8');
        assert.ok(html.includes('跨境数据流动'), 'LibreOffice read the Chinese title');
        assert.ok(!html.includes('è·¨'), 'not read as Latin-1');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('publishes JSON that validates against the published JSON Schema, and NDJSON', async () => {
    for (const name of ['issues', 'outcomes', 'meetings'] as const) {
      const schemaRes = await get(`${P}/datasets/${name}.schema.json`);
      assert.equal(schemaRes.statusCode, 200);
      const published = z.fromJSONSchema(schemaRes.json() as Parameters<typeof z.fromJSONSchema>[0]);
      const body = (await get(`${P}/datasets/${name}.json`)).json() as { items: unknown[] };
      assert.ok(body.items.length > 0, name);
      published.parse(body);
      envelopeSchema(name).parse(body);
      // And the schema refuses what does not fit it.
      assert.equal(published.safeParse({ ...body, items: [{ nope: 1 }] }).success, false);
      const nd = (await get(`${P}/datasets/${name}.ndjson`)).body.trimEnd().split('\n');
      assert.deepEqual(
        nd.map((l) => JSON.parse(l) as unknown),
        body.items,
      );
    }
  });

  it('answers 304 to a client that holds the current version', async () => {
    const first = await get(`${P}/datasets/outcomes.json`);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    assert.ok(first.headers['last-modified']);
    const again = await get(`${P}/datasets/outcomes.json`, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal((await get(`${P}/datasets/outcomes.json`, { 'if-none-match': '"stale"' })).statusCode, 200);
  });

  it('lists the datasets with their data dictionary', async () => {
    const items = (await get(`${P}/datasets`)).json() as { items: { name: string; columns: { name: string }[] }[] };
    assert.deepEqual(
      items.items.map((d) => d.name),
      ['issues', 'outcomes', 'meetings'],
    );
    assert.equal((await get(`${P}/datasets/secrets.csv`)).statusCode, 400);
  });
});

describe('Atom feed', () => {
  it('parses as XML and lists the status of every published issue', async () => {
    const res = await get(`${D}/feed.atom`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
    // A strict, namespace-aware XML parser: it throws on anything not well-formed.
    const parser = new SaxesParser({ xmlns: true });
    const entries: string[] = [];
    let root: string | undefined;
    let path: string[] = [];
    parser.on('opentag', (tag) => {
      if (root === undefined) root = tag.uri;
      path.push(tag.local);
      if (tag.local === 'entry') entries.push('');
    });
    parser.on('text', (text) => {
      if (path.at(-2) === 'entry' || path.includes('entry')) entries[entries.length - 1] += text;
    });
    parser.on('closetag', () => {
      path = path.slice(0, -1);
    });
    parser.write(res.body).close();
    assert.equal(root, 'http://www.w3.org/2005/Atom');
    assert.equal(entries.length, 9);
    assert.ok(entries.some((e) => e.includes('跨境数据流动')));
    assert.equal((await get(`${D}/feed.atom`, { 'if-none-match': String(res.headers.etag) })).statusCode, 304);
  });

  it('lists the published U.S. readout of the inaugural meeting, as `npm start` publishes it', async () => {
    const before = await get(`${D}/feed.atom`);
    assert.doesNotMatch(before.body, /<title>Readout of meeting 1/);
    const readout = await publishDemoReadout(h.t.store);
    const res = await get(`${D}/feed.atom`);
    const entries: { id: string; title: string; link: string }[] = [];
    let current: { id: string; title: string; link: string } | undefined;
    let field: 'id' | 'title' | undefined;
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      if (tag.local === 'entry') current = { id: '', title: '', link: '' };
      else if (current && (tag.local === 'id' || tag.local === 'title')) field = tag.local;
      else if (current && tag.local === 'link') current.link = String(tag.attributes.href?.value ?? '');
    });
    parser.on('text', (text) => {
      if (current && field) current[field] += text;
    });
    parser.on('closetag', (tag) => {
      field = undefined;
      if (tag.local === 'entry' && current) {
        entries.push(current);
        current = undefined;
      }
    });
    parser.write(res.body).close();
    const listed = entries.filter((e) => e.id.includes(':readout:'));
    assert.deepEqual(
      listed.map((e) => e.title),
      ['Readout of meeting 1 (us, en)'],
    );
    assert.equal(listed[0]!.id, `urn:parley:us-cn-ciwg:readout:${readout.id}`);
    // The feed changed, so a client holding the old ETag gets the new feed.
    assert.notEqual(res.headers.etag, before.headers.etag);
    const linked = await get(new URL(listed[0]!.link).pathname);
    assert.equal(linked.statusCode, 200, linked.body);
  });
});

describe('status history of an issue published after internal days', () => {
  it('shows the public the status it had when published, then each change: nothing of its internal days', async () => {
    const headers = authHeaders(await signInDemo(h.app, 'us', 'lead'));
    const url = '/api/v1/dialogues/us-cn-ciwg/issues/published-after-review';
    const write = async (method: 'POST' | 'PATCH', at: string, payload: object, version?: number) => {
      const res = await h.app.inject({
        method,
        url: at,
        payload,
        headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
      });
      assert.ok(res.statusCode === 200 || res.statusCode === 201, res.body);
    };
    await write('POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
      key: 'published-after-review',
      title: { en: 'Published after an internal review', zh: '内部审查后公开' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'export-controls',
    });
    await write('PATCH', url, { status: 'resolved-in-part' }, 1);
    await write('PATCH', url, { visibility: 'public' }, 2);
    await write('PATCH', url, { status: 'open' }, 3);

    const res = await get(`${D}/issues/published-after-review`);
    assert.equal(res.statusCode, 200, res.body);
    const history = (res.json() as { statusHistory: { status: string; from: string | null }[] }).statusHistory;
    assert.deepEqual(
      history.map((s) => [s.from, s.status]),
      [
        [null, 'resolved-in-part'],
        ['resolved-in-part', 'open'],
      ],
    );

    const feed = (await get(`${D}/feed.atom`)).body;
    const entries = feed.split('<entry>').filter((e) => e.includes('published-after-review'));
    assert.equal(entries.length, 2, feed);
    assert.ok(
      !feed.includes('Published after an internal review: open</title>'),
      'no entry for its first, internal status',
    );
  });
});
