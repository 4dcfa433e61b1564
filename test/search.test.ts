/**
 * Search (issue 7, acceptance 1) on the demo data, in English and Chinese,
 * through the HTTP API: what it finds, and that it finds, counts and facets
 * only what the caller may open.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoEmail } from '../src/demo/demo-users.js';
import { snippetOf } from '../src/domain/search/search.service.js';
import { testApp, type TestApp } from './helpers/app.js';

interface Hit {
  kind: string;
  key: string;
  dialogue: string;
  title: string;
  snippet: string;
  score: number;
}
interface Result {
  total: number;
  facets: Record<string, Record<string, number>>;
  items: Hit[];
}

let h: TestApp;
const sessions = new Map<string, string>();

before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

async function cookieOf(side: string, role: string): Promise<string> {
  const id = `${side}-${role}`;
  if (!sessions.has(id)) {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { email: demoEmail(side, role) },
    });
    assert.equal(res.statusCode, 204, res.body);
    sessions.set(id, String(res.headers['set-cookie']).split(';')[0]!);
  }
  return sessions.get(id)!;
}

async function search(query: Record<string, string>, as?: [string, string]): Promise<Result> {
  const headers = as ? { cookie: await cookieOf(...as) } : {};
  const res = await h.app.inject({ method: 'GET', url: `/api/v1/search?${new URLSearchParams(query)}`, headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Result;
}

const keys = (r: Result, kind?: string) =>
  r.items.filter((i) => kind === undefined || i.kind === kind).map((i) => i.key);

/** The API route that opens a hit. */
function urlOf(hit: Hit): string {
  const d = `/api/v1/dialogues/${hit.dialogue}`;
  if (hit.kind === 'issue') return `${d}/issues/${hit.key}`;
  if (hit.kind === 'meeting') return `${d}/meetings/${hit.key}`;
  if (hit.kind === 'outcome') return `${d}/outcomes?limit=200`;
  const [number] = hit.key.split('/');
  return `${d}/meetings/${number}/accounts`;
}

describe('search in both languages', () => {
  it('跨境数据 finds the cross-border data flows issue', async () => {
    const r = await search({ q: '跨境数据' });
    assert.equal(r.items[0]?.key, 'cross-border-data-flows');
    assert.match(r.items[0]!.snippet, /<mark>跨境<\/mark>|<mark>跨境数据<\/mark>/);
  });

  it('overcapacity and 产能过剩 find the issue and the account that raises it', async () => {
    for (const q of ['overcapacity', '产能过剩']) {
      const r = await search({ q });
      assert.ok(keys(r, 'issue').includes('industrial-overcapacity'), `${q}: ${JSON.stringify(r.items)}`);
      assert.deepEqual(keys(r, 'account'), ['1/us'], q);
    }
  });

  it("women's health finds the outcomes of both sides", async () => {
    const r = await search({ q: "women's health", kind: 'outcome' });
    const found = keys(r, 'outcome');
    assert.ok(found.includes('healthcare-and-womens-health'), JSON.stringify(found));
    assert.ok(found.includes('clean-energy-and-womens-health'), JSON.stringify(found));
    assert.deepEqual(r.facets.side, { us: 1, cn: 1 });
  });

  it('finds substrings of three characters and more (trigrams)', async () => {
    assert.ok(keys(await search({ q: 'capaci' })).includes('industrial-overcapacity'));
    assert.ok(keys(await search({ q: '监管透' })).includes('regulatory-transparency'));
  });

  it('answers Chinese titles with lang=zh, and sorts by date', async () => {
    const r = await search({ q: 'transparency', lang: 'zh', sort: 'date' });
    assert.equal(r.items.find((i) => i.key === 'regulatory-transparency')?.title, '监管透明度');
  });

  it('refuses an empty query', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/search?q=%20' });
    assert.equal(res.statusCode, 400);
  });

  it('escapes what it highlights', () => {
    assert.equal(snippetOf('a <b> health', ['health']), 'a &#60;b&#62; <mark>health</mark>');
  });
});

describe('search sees only what the caller may open', () => {
  it('a cn analyst never finds a U.S. internal record; a U.S. analyst does', async () => {
    for (const q of ['medical devices', '医疗器械', 'hospital procurement']) {
      assert.deepEqual(keys(await search({ q }, ['cn', 'analyst'])), [], q);
      assert.deepEqual(keys(await search({ q })), [], q);
      assert.ok(keys(await search({ q }, ['us', 'analyst'])).includes('medical-device-procurement'), q);
    }
    assert.deepEqual(keys(await search({ q: 'visa delays' }, ['us', 'analyst'])), []);
    assert.ok(keys(await search({ q: 'visa delays' }, ['cn', 'analyst'])).includes('business-visa-delays'));
  });

  it('totals and facets count exactly the hits, and every hit opens', async () => {
    for (const as of [undefined, ['us', 'analyst'], ['cn', 'analyst'], ['cn', 'reporter']] as const) {
      for (const q of ['trade', '中国', 'delays', 'health']) {
        const r = await search({ q, limit: '100' }, as ? [...as] : undefined);
        assert.equal(r.items.length, r.total, `${q}: one page holds them all`);
        const byKind = Object.values(r.facets.kind!).reduce((a, b) => a + b, 0);
        assert.equal(byKind, r.total, `${q}: kind facet sums to the total`);
        for (const [kind, n] of Object.entries(r.facets.kind!)) {
          assert.equal(n, keys(r, kind).length, `${q}: facet ${kind}`);
        }
        const headers = as ? { cookie: await cookieOf(as[0], as[1]) } : {};
        for (const hit of r.items) {
          const res = await h.app.inject({ method: 'GET', url: urlOf(hit), headers });
          assert.equal(res.statusCode, 200, `${hit.kind} ${hit.key} opens for ${as?.join('-') ?? 'public'}`);
          if (hit.kind === 'outcome') assert.ok(res.body.includes(`"key":"${hit.key}"`));
          if (hit.kind === 'account')
            assert.ok(
              res.body.includes(`"side":${hit.key.endsWith('/joint') ? 'null' : `"${hit.key.split('/')[1]}"`}`),
            );
        }
        // Filtering by a facet value gives that many.
        for (const [status, n] of Object.entries(r.facets.status!)) {
          const f = await search({ q, status, limit: '100' }, as ? [...as] : undefined);
          assert.equal(f.total, n, `${q}: status ${status}`);
        }
      }
    }
  });
});
