/**
 * Search (issue 7, acceptance 1) on the demo data, in English and Chinese,
 * through the HTTP API: what it finds, and that it finds, counts and facets
 * only what the caller may open; the facets and filters (kind, category,
 * status, side, economy, sector, HS chapter, meeting, year), sorting by date
 * and priority, reports (their side's leads and analysts only) and readouts
 * (drafts to their side, published ones to all); the index following every
 * write, and `parley search reindex` rebuilding the same index.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runCli } from '../src/cli/main.js';
import { loadConfig } from '../src/config.js';
import { FACETS, snippetOf } from '../src/domain/search/search.service.js';
import { parseHsCsv } from '../src/domain/taxonomy/hs.js';
import { migrate } from '../src/storage/migrate.js';
import type { Readout } from '../src/shared/readout-workflow.js';
import { testApp, type TestApp } from './helpers/app.js';
import { callers, inject, type Method } from './helpers/session.js';

const HS_CSV = new URL('../../shared/data/harmonized-system/harmonized-system.csv', import.meta.url);
const D = '/api/v1/dialogues/us-cn-ciwg';

interface Hit {
  kind: string;
  key: string;
  dialogue: string | null;
  title: string;
  snippet: string;
  score: number;
  status: string | null;
  date: string | null;
  priority: number | null;
}
interface Result {
  total: number;
  facets: Record<string, Record<string, number>>;
  items: Hit[];
}

let h: TestApp;

before(async () => {
  h = await testApp();
  await h.t.store.taxonomy.importHs(parseHsCsv(fs.readFileSync(HS_CSV, 'utf8')));
});
after(async () => {
  await h?.close();
});

/** A caller: "us:analyst", "cn:lead"…; undefined is the public. */
type Who = string | undefined;
const signIn = callers(() => h.app);

async function as(who: Who, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const c = who ? await signIn(...(who.split(':') as [string, string])) : undefined;
  return inject(h.app, c, method, url, payload, headers);
}

async function search(query: Record<string, string>, who?: Who): Promise<Result> {
  const res = await as(who, 'GET', `/api/v1/search?${new URLSearchParams(query)}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Result;
}

const keys = (r: Result, kind?: string) =>
  r.items.filter((i) => kind === undefined || i.kind === kind).map((i) => i.key);

/** The API route that opens a hit. */
function urlOf(hit: Hit): string {
  if (hit.kind === 'report') return `/api/v1/reports/${hit.key}`;
  const d = `/api/v1/dialogues/${hit.dialogue}`;
  if (hit.kind === 'issue') return `${d}/issues/${hit.key}`;
  if (hit.kind === 'meeting') return `${d}/meetings/${hit.key}`;
  if (hit.kind === 'outcome') return `${d}/outcomes?limit=200`;
  const [number, rest] = hit.key.split('/') as [string, string];
  if (hit.kind === 'readout') return `${d}/meetings/${number}/readouts/${rest}`;
  return `${d}/meetings/${number}/accounts`;
}

/** Opens every hit as the caller who found it: each must answer 200 and be the record found. */
async function opensAll(r: Result, who: Who) {
  for (const hit of r.items) {
    const res = await as(who, 'GET', urlOf(hit));
    assert.equal(res.statusCode, 200, `${hit.kind} ${hit.key} opens for ${who ?? 'public'}`);
    if (hit.kind === 'outcome') assert.ok(res.body.includes(`"key":"${hit.key}"`));
    if (hit.kind === 'account') {
      const side = hit.key.split('/')[1];
      assert.ok(res.body.includes(`"side":${side === 'joint' ? 'null' : `"${side}"`}`));
    }
  }
}

/** Every value of every facet, used as a filter, gives as many hits as the facet counted. */
async function facetsAgree(query: Record<string, string>, who: Who) {
  const r = await search({ ...query, limit: '100' }, who);
  const byKind = Object.values(r.facets.kind!).reduce((a, b) => a + b, 0);
  assert.equal(byKind, r.total, `${query.q}: the kind facet sums to the total`);
  for (const facet of FACETS) {
    for (const [value, n] of Object.entries(r.facets[facet]!)) {
      const f = await search({ ...query, [facet]: value, limit: '100' }, who);
      assert.equal(f.total, n, `${query.q} as ${who ?? 'public'}: ${facet}=${value}`);
    }
  }
  return r;
}

const VIEWERS: Who[] = [undefined, 'us:analyst', 'cn:analyst', 'cn:reporter', 'us:public-affairs'];

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
    // The account is titled by its meeting and its side's country, in the language asked for.
    const title = async (lang: string) => (await search({ q: 'overcapacity', kind: 'account', lang })).items[0]?.title;
    assert.equal(await title('en'), 'Meeting 1 · account of the United States');
    assert.equal(await title('zh'), '第1次会议 · 美国纪要');
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

  it('answers Chinese titles with lang=zh', async () => {
    const r = await search({ q: 'transparency', lang: 'zh' });
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
      assert.deepEqual(keys(await search({ q }, 'cn:analyst')), [], q);
      assert.deepEqual(keys(await search({ q })), [], q);
      assert.ok(keys(await search({ q }, 'us:analyst')).includes('medical-device-procurement'), q);
    }
    assert.deepEqual(keys(await search({ q: 'visa delays' }, 'us:analyst')), []);
    assert.ok(keys(await search({ q: 'visa delays' }, 'cn:analyst')).includes('business-visa-delays'));
  });

  it('totals and every facet count exactly the hits, and every hit opens', async () => {
    for (const who of VIEWERS) {
      for (const q of ['trade', '中国', 'delays', 'health']) {
        const r = await facetsAgree({ q }, who);
        assert.equal(r.items.length, r.total, `${q}: one page holds them all`);
        for (const [kind, n] of Object.entries(r.facets.kind!)) {
          assert.equal(n, keys(r, kind).length, `${q}: facet ${kind}`);
        }
        await opensAll(r, who);
      }
    }
  });
});

describe('facets and filters', () => {
  it('counts economies, sectors (in the language asked), HS chapters and meetings', async () => {
    const r = await search({ q: 'overcapacity' });
    assert.equal(r.facets.economy!.CN, 1);
    assert.equal(r.facets.sector!.Steel, 1);
    assert.equal(r.facets.sector!['Electric vehicles'], 1);
    assert.deepEqual(r.facets.chapter, { '72': 1, '76': 1, '85': 1, '87': 1 });
    // The issue and the account raising it were both at meeting 1.
    assert.equal(r.facets.meeting!['1'], 2);
    assert.equal(r.facets.year![String(new Date().getUTCFullYear())], 1, 'the issue, opened today');
    assert.equal(r.facets.year!['2024'], 1, 'the account, of the 2024 meeting');
    const zh = await search({ q: 'overcapacity', lang: 'zh' });
    assert.equal(zh.facets.sector!['钢铁'], 1);
    assert.equal(zh.facets.sector!.Steel, undefined);
  });

  it('filters by each of them', async () => {
    const q = 'overcapacity';
    assert.deepEqual(keys(await search({ q, chapter: '72' })), ['industrial-overcapacity']);
    assert.deepEqual(keys(await search({ q, chapter: '01' })), []);
    assert.deepEqual(keys(await search({ q, economy: 'CN' })), ['industrial-overcapacity']);
    assert.deepEqual(keys(await search({ q, economy: 'US' })), []);
    // A sector by its name in either language, whatever the language of the answer.
    assert.deepEqual(keys(await search({ q, sector: '钢铁' })), ['industrial-overcapacity']);
    assert.deepEqual(keys(await search({ q, sector: 'Steel', lang: 'zh' })), ['industrial-overcapacity']);
    assert.deepEqual(keys(await search({ q, meeting: '1' })).sort(), ['1/us', 'industrial-overcapacity']);
    assert.deepEqual(keys(await search({ q, meeting: '2' })), []);
    assert.deepEqual(keys(await search({ q, kind: 'account' })), ['1/us']);
    assert.deepEqual(keys(await search({ q, category: 'industrial-policy' })), ['industrial-overcapacity']);
    assert.deepEqual(keys(await search({ q, year: '2024' })), ['1/us']);
    assert.deepEqual(keys(await search({ q, side: 'cn' })), []);
    assert.deepEqual(keys(await search({ q: 'Washington', kind: 'meeting', meeting: '1' })), ['1']);
  });

  it('refuses a bad filter, naming it', async () => {
    for (const [name, value] of [
      ['chapter', '7'],
      ['economy', 'china'],
      ['meeting', 'first'],
      ['kind', 'memo'],
      ['sort', 'size'],
    ] as const) {
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/search?q=trade&${name}=${value}` });
      assert.equal(res.statusCode, 400, `${name}=${value}`);
      const problems = (res.json() as { error: { details: { problems: { pointer: string }[] } } }).error.details
        .problems;
      assert.deepEqual(
        problems.map((p) => p.pointer),
        [`/querystring/${name}`],
      );
    }
  });

  it('sorts by date, newest first', async () => {
    for (const who of [undefined, 'us:analyst']) {
      const r = await search({ q: 'trade', sort: 'date', limit: '100' }, who);
      assert.ok(r.total > 3);
      const dates = r.items.map((i) => i.date ?? '');
      assert.deepEqual(dates, [...dates].sort().reverse(), 'dates descending');
      // The same hits as by relevance, in another order.
      const byRelevance = await search({ q: 'trade', limit: '100' }, who);
      assert.deepEqual(
        r.items.map((i) => `${i.kind}:${i.key}`).sort(),
        byRelevance.items.map((i) => `${i.kind}:${i.key}`).sort(),
      );
    }
  });
});

const report = (over: Record<string, unknown>) => ({
  language: 'en',
  organisation: { name: 'Quetzal Instruments Ltd', kind: 'company' },
  contact: { name: 'Ana Ruiz', email: 'ana@example.com' },
  consent: { shareWithCounterpart: false, shareWithPublic: false },
  economy: 'CN',
  addressedTo: 'us',
  description: 'Our quetzal sensors wait months for type approval.',
  ...over,
});

async function file(body: Record<string, unknown>): Promise<string> {
  const res = await as(undefined, 'POST', '/api/v1/reports', body);
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { reference: string }).reference;
}

describe('reports', () => {
  const refs: Record<string, string> = {};

  before(async () => {
    refs.small = await file(report({ impact: { tradeValue: 1_000_000, companiesAffected: 1 } }));
    refs.large = await file(
      report({
        sector: 'Precision instruments',
        products: ['902610', '9027'],
        category: 'technical-barriers',
        impact: { tradeValue: 900_000_000, companiesAffected: 40 },
      }),
    );
    refs.chinese = await file(
      report({
        language: 'zh',
        organisation: { name: '蜂鸟精密仪器有限公司', kind: 'company' },
        description: '我们的quetzal传感器在蜂鸟口岸清关延误数月。',
      }),
    );
    refs.cn = await file(report({ addressedTo: 'cn', economy: 'US' }));
  });

  it('are found only by the leads and analysts of the side they are addressed to, and open for them', async () => {
    const us = [refs.small, refs.large, refs.chinese].sort();
    for (const who of ['us:analyst', 'us:lead']) {
      const r = await search({ q: 'quetzal', limit: '100' }, who);
      assert.deepEqual(keys(r, 'report').sort(), us, who);
      assert.equal(r.facets.kind!.report, 3);
      await opensAll(r, who);
    }
    for (const who of ['cn:analyst', 'cn:lead']) {
      const r = await search({ q: 'quetzal' }, who);
      assert.deepEqual(keys(r, 'report'), [refs.cn], who);
      await opensAll(r, who);
    }
    // A side's other staff, a company and the public cannot open reports: they never find one.
    for (const who of ['us:public-affairs', 'us:admin', 'us:reporter', 'cn:public-affairs', undefined]) {
      const r = await search({ q: 'quetzal' }, who);
      assert.equal(r.total, 0, String(who));
      assert.deepEqual(r.facets.kind, {}, String(who));
      assert.equal((await as(who, 'GET', `/api/v1/reports/${refs.small}`)).statusCode, who ? 403 : 401);
    }
  });

  it('finds them by their Chinese words, their company, and their own facets', async () => {
    assert.deepEqual(keys(await search({ q: '蜂鸟' }, 'us:analyst'), 'report'), [refs.chinese]);
    assert.deepEqual(keys(await search({ q: '清关延误' }, 'us:analyst'), 'report'), [refs.chinese]);
    assert.deepEqual(keys(await search({ q: 'Quetzal Instruments', kind: 'report' }, 'us:analyst')).length, 2);
    const r = await facetsAgree({ q: 'quetzal', kind: 'report' }, 'us:analyst');
    assert.deepEqual(r.facets.status, { new: 3 });
    assert.deepEqual(r.facets.chapter, { '90': 1 });
    assert.deepEqual(r.facets.sector, { 'Precision instruments': 1 });
    assert.deepEqual(r.facets.category, { 'technical-barriers': 1 });
    assert.deepEqual(r.facets.economy, { CN: 3 });
    assert.deepEqual(r.facets.side, { us: 3 });
  });

  it('sort by priority: the side’s own reports and issues by their score, as its priority list has them', async () => {
    const byPriority = await search({ q: 'quetzal', kind: 'report', sort: 'priority' }, 'us:analyst');
    assert.deepEqual(keys(byPriority).slice(0, 1), [refs.large]);
    const scores = byPriority.items.map((i) => i.priority);
    assert.ok(
      scores.every((s) => typeof s === 'number'),
      JSON.stringify(scores),
    );
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b! - a!),
    );

    // Merged into an issue, a report counts in its priority.
    const merged = await as('us:analyst', 'POST', '/api/v1/issues/cross-border-data-flows/reports', {
      reports: [refs.large],
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const listed = (await as('us:analyst', 'GET', '/api/v1/priorities')).json() as {
      items: { key: string; score: number }[];
    };
    const score = new Map(listed.items.map((i) => [i.key, i.score]));
    // U.S. finds two of the U.S. side's issues and three of China's.
    const issues = await search({ q: 'U.S.', kind: 'issue', sort: 'priority', limit: '100' }, 'us:analyst');
    assert.equal(issues.total, 5);
    const own = issues.items.filter((i) => i.priority !== null);
    const others = issues.items.filter((i) => i.priority === null);
    assert.deepEqual(
      own.map((i) => [i.key, i.priority]),
      own.map((i) => [i.key, score.get(i.key)]),
      'the same scores as the priority list',
    );
    assert.ok(own.length >= 2 && others.length >= 1);
    assert.equal(own[0]!.key, 'cross-border-data-flows', 'the issue with the large report ranks first');
    assert.deepEqual(
      issues.items.map((i) => i.priority),
      [...own.map((i) => i.priority), ...others.map(() => null)],
      'scored hits first, highest first; the rest after',
    );
    // The other side sees the priorities of its own issues only; the public and staff who do not triage see
    // none: a priority comes from reports they cannot open.
    const cn = await search({ q: 'U.S.', kind: 'issue', sort: 'priority', limit: '100' }, 'cn:analyst');
    assert.deepEqual(
      cn.items
        .filter((i) => i.priority !== null)
        .map((i) => i.key)
        .sort(),
      others.map((i) => i.key).sort(),
    );
    for (const who of ['us:public-affairs', 'cn:public-affairs', undefined]) {
      const r = await search({ q: 'U.S.', sort: 'priority', limit: '100' }, who);
      assert.ok(r.total > 0);
      assert.ok(
        r.items.every((i) => i.priority === null),
        String(who),
      );
    }
  });

  it('a merged report carries its issue’s dialogue and meetings', async () => {
    const r = await search({ q: 'quetzal', kind: 'report', limit: '100' }, 'us:analyst');
    const large = r.items.find((i) => i.key === refs.large)!;
    assert.equal(large.dialogue, 'us-cn-ciwg');
    assert.equal(large.status, 'merged');
    assert.equal(r.items.find((i) => i.key === refs.small)!.dialogue, null);
    assert.deepEqual(r.facets.meeting, { '1': 1 });
    assert.deepEqual(r.facets.status, { new: 2, merged: 1 });
    assert.deepEqual(keys(await search({ q: 'quetzal', meeting: '1' }, 'us:analyst')), [refs.large]);
    assert.deepEqual(keys(await search({ q: 'quetzal', dialogue: 'us-cn-ciwg' }, 'us:analyst')), [refs.large]);
  });
});

describe('readouts', () => {
  const M1 = `${D}/meetings/1/readouts`;
  let draft: Readout;

  it('a draft is found by its side only', async () => {
    const created = await as('us:public-affairs', 'POST', M1, { side: 'us', lang: 'en' });
    assert.equal(created.statusCode, 201, created.body);
    const first = created.json() as Readout;
    const edited = await as(
      'us:public-affairs',
      'PATCH',
      `${M1}/${first.id}`,
      { text: `${first.text}\nThe delegations admired a platypus.\n` },
      { 'if-match': `"${first.version}"` },
    );
    assert.equal(edited.statusCode, 200, edited.body);
    draft = edited.json() as Readout;
    for (const who of ['us:analyst', 'us:public-affairs', 'us:lead']) {
      const r = await search({ q: 'platypus' }, who);
      assert.deepEqual(keys(r), [`1/${draft.id}`], who);
      assert.equal(r.items[0]!.status, 'draft');
      await opensAll(r, who);
    }
    for (const who of ['cn:lead', 'cn:analyst', 'us:reporter', undefined]) {
      assert.equal((await search({ q: 'platypus' }, who)).total, 0, String(who));
    }
  });

  it('once published, everyone finds it; the next draft stays its side’s', async () => {
    const url = `${M1}/${draft.id}`;
    assert.equal((await as('us:lead', 'POST', `${url}/approve`)).statusCode, 200);
    const published = await as('us:public-affairs', 'POST', `${url}/publish`, {});
    assert.equal(published.statusCode, 200, published.body);
    const v1 = published.json() as Readout;
    for (const who of [undefined, 'cn:analyst', 'us:reporter', 'us:analyst']) {
      const r = await search({ q: 'platypus' }, who);
      assert.deepEqual(keys(r), [`1/${draft.id}`], String(who));
      assert.equal(r.items[0]!.status, 'published');
      assert.deepEqual(r.facets.status, { published: 1 });
      await opensAll(r, who);
    }
    // Editing a published readout starts a new draft: its side finds it, nobody else does.
    const v2 = await as(
      'us:public-affairs',
      'PATCH',
      url,
      { text: `${v1.text}\nAnd a wombat.\n` },
      { 'if-match': `"${v1.version}"` },
    );
    assert.equal(v2.statusCode, 201, v2.body);
    const next = v2.json() as Readout;
    assert.deepEqual(keys(await search({ q: 'wombat' }, 'us:analyst')), [`1/${next.id}`]);
    assert.equal((await search({ q: 'wombat' }, 'cn:analyst')).total, 0);
    assert.equal((await search({ q: 'wombat' })).total, 0);
    assert.deepEqual(keys(await search({ q: 'platypus' })), [`1/${draft.id}`]);
    // Published as version 2, it replaces version 1 in what search finds.
    assert.equal((await as('us:lead', 'POST', `${M1}/${next.id}/approve`)).statusCode, 200);
    assert.equal((await as('us:public-affairs', 'POST', `${M1}/${next.id}/publish`, {})).statusCode, 200);
    assert.deepEqual(keys(await search({ q: 'platypus' })), [`1/${next.id}`]);
    assert.deepEqual(keys(await search({ q: 'wombat' })), [`1/${next.id}`]);
  });
});

describe('the index follows every write', () => {
  let version = 0;

  it('a new issue is found at once; an edited title by its new words, not its old', async () => {
    const created = await as('us:analyst', 'POST', `${D}/issues`, {
      key: 'narwhal-licensing',
      title: { en: 'Narwhal licensing backlog', zh: '独角鲸许可积压' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'import-policies',
      visibility: 'shared',
    });
    assert.equal(created.statusCode, 201, created.body);
    version = (created.json() as { version: number }).version;
    assert.deepEqual(keys(await search({ q: 'narwhal' }, 'cn:analyst')), ['narwhal-licensing']);
    assert.deepEqual(keys(await search({ q: '独角鲸' }, 'cn:analyst')), ['narwhal-licensing']);
    const patched = await as(
      'us:analyst',
      'PATCH',
      `${D}/issues/narwhal-licensing`,
      { title: { en: 'Axolotl licensing backlog', zh: '蝾螈许可积压' } },
      { 'if-match': `"${version}"` },
    );
    assert.equal(patched.statusCode, 200, patched.body);
    version = (patched.json() as { version: number }).version;
    for (const who of ['cn:analyst', 'us:analyst']) {
      assert.deepEqual(keys(await search({ q: 'narwhal' }, who)), [], who);
      assert.deepEqual(keys(await search({ q: '独角鲸' }, who)), [], who);
      assert.deepEqual(keys(await search({ q: 'axolotl' }, who)), ['narwhal-licensing'], who);
      assert.deepEqual(keys(await search({ q: '蝾螈' }, who)), ['narwhal-licensing'], who);
    }
  });

  it('moved to internal, it disappears for the other side, in hits and in counts', async () => {
    const patched = await as(
      'us:analyst',
      'PATCH',
      `${D}/issues/narwhal-licensing`,
      { visibility: 'internal' },
      { 'if-match': `"${version}"` },
    );
    assert.equal(patched.statusCode, 200, patched.body);
    const cn = await search({ q: 'axolotl' }, 'cn:analyst');
    assert.equal(cn.total, 0);
    assert.deepEqual(cn.facets.kind, {});
    assert.equal((await search({ q: 'axolotl' })).total, 0);
    assert.deepEqual(keys(await search({ q: 'axolotl' }, 'us:analyst')), ['narwhal-licensing']);
  });

  it('an account shows the new title of an issue it raises', async () => {
    const current = (await as('us:analyst', 'GET', `${D}/issues/industrial-overcapacity`)).json() as {
      version: number;
      title: Record<string, string>;
    };
    const patched = await as(
      'us:analyst',
      'PATCH',
      `${D}/issues/industrial-overcapacity`,
      { title: { ...current.title, en: 'Overcapacity and the gigafactory glut' } },
      { 'if-match': `"${current.version}"` },
    );
    assert.equal(patched.statusCode, 200, patched.body);
    const r = await search({ q: 'glut' });
    assert.deepEqual(keys(r).sort(), ['1/us', 'industrial-overcapacity']);
  });

  it('a progress update on an outcome is found with it', async () => {
    const res = await as('us:analyst', 'POST', `${D}/outcomes/healthcare-and-womens-health/updates`, {
      rag: 'green',
      text: { en: 'A mammography roadshow toured three cities.' },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(keys(await search({ q: 'mammography' })), ['healthcare-and-womens-health']);
  });
});

describe('rebuilding the index', () => {
  /** The whole index as rows, for comparison (the time of indexing aside). */
  const snapshot = async () =>
    (
      await sql<Record<string, unknown>>`select kind, record_id, dialogue_id, key, tier, owner_side, holder,
          priority_base, opened_at, category, status, side, year, date, facets, title, terms::text as terms, body,
          body_lower
        from search_documents order by kind, record_id`.execute(h.t.db)
    ).rows;

  const answers = async () => {
    const out: unknown[] = [];
    for (const who of [...VIEWERS, 'us:lead']) {
      for (const q of ['trade', '中国', 'quetzal', 'axolotl', 'platypus', 'health']) {
        out.push(await search({ q, limit: '100' }, who));
      }
    }
    return out;
  };

  it('`parley search reindex` builds the same index as the writes kept, and gives the same results', async () => {
    const rows = await snapshot();
    const results = await answers();
    assert.ok(rows.length > 30, String(rows.length));
    let stdout = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => assert.fail(t),
      readStdin: async () => '',
    };
    const database = { handle: h.t, store: h.t.store, config: loadConfig({}) };
    assert.equal(await runCli(['search', 'reindex'], io, { database }), 0);
    assert.match(stdout, new RegExp(`Search index rebuilt: ${rows.length} documents \\(`));
    assert.deepEqual(await snapshot(), rows);
    assert.deepEqual(await answers(), results);
  });

  it('a database without an index gets one when Parley starts (migrates)', async () => {
    const rows = await snapshot();
    await sql`delete from search_documents`.execute(h.t.db);
    await sql`delete from search_index_state`.execute(h.t.db);
    assert.equal((await search({ q: 'overcapacity' })).total, 0);
    await migrate(h.t.db);
    assert.deepEqual(await snapshot(), rows);
    assert.ok(keys(await search({ q: 'overcapacity' })).includes('industrial-overcapacity'));
  });

  it('refuses an unknown subcommand', async () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => void (stderr += t), readStdin: async () => '' };
    const database = { handle: h.t, store: h.t.store, config: loadConfig({}) };
    assert.equal(await runCli(['search', 'rebuild'], io, { database }), 2);
    assert.match(stderr, /Unknown subcommand "search rebuild"/);
  });
});
