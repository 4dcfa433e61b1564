/**
 * Analytics (issue 7, acceptance 5): every chart's numbers are the same in
 * its JSON table, its CSV and its server-rendered SVG (read from the SVG's
 * text), in both languages; each counts what the caller may see; the reports
 * charts are a side's own, for its staff only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { submitReport } from '../src/domain/reports/report.service.js';
import { testApp, type TestApp } from './helpers/app.js';
import { authHeaders, callers } from './helpers/session.js';

const A = '/api/v1/dialogues/us-cn-ciwg/analytics';
const CHARTS = [
  'issues-by-category',
  'issues-over-time',
  'resolution-time',
  'times-raised',
  'outcomes-by-meeting',
  'scorecard',
  'reports-by-sector',
  'reports-by-economy',
  'reports-by-region',
];
const REPORTS = CHARTS.filter((c) => c.startsWith('reports-'));

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

interface Label {
  en: string;
  zh: string;
}
interface Table {
  chart: string;
  title: Label;
  columns: string[];
  columnLabels: Label[];
  rows: (string | number)[][];
  rowLabels: Label[];
  note?: Label;
}

const signIn = callers(() => h.app);
async function headersOf(who?: string): Promise<Record<string, string>> {
  if (!who) return {};
  const [side, role] = who.split('-') as [string, string];
  return authHeaders(await signIn(side, role));
}

async function get(url: string, who?: string) {
  return h.app.inject({ method: 'GET', url, headers: await headersOf(who) });
}

async function post(url: string, who: string, payload: unknown) {
  return h.app.inject({ method: 'POST', url, headers: await headersOf(who), payload: payload as object });
}

async function tableOf(chart: string, who?: string): Promise<Table> {
  const res = await get(`${A}/${chart}.json`, who);
  assert.equal(res.statusCode, 200, `${chart}: ${res.body}`);
  return res.json() as Table;
}

/** The text nodes of an SVG, parsed as XML. */
function svgTexts(svg: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  const texts: string[] = [];
  let root = '';
  parser.on('opentag', (tag) => {
    if (!root) root = tag.local;
  });
  parser.on('text', (t) => {
    if (t.trim()) texts.push(t.trim());
  });
  parser.write(svg).close();
  assert.equal(root, 'svg');
  return texts;
}

const numbers = (values: (string | number)[]) =>
  values
    .map(Number)
    .filter((n) => n !== 0)
    .sort((a, b) => a - b);
const total = (t: Table) => t.rows.reduce((sum, r) => sum + r.slice(1).reduce<number>((a, b) => a + Number(b), 0), 0);

/** The table's numbers are the SVG's and the CSV's, in both languages; the labels are the language's. */
async function assertSameNumbers(chart: string, who?: string) {
  const table = await tableOf(chart, who);
  assert.equal(table.rowLabels.length, table.rows.length);
  assert.equal(table.columnLabels.length, table.columns.length);
  for (const lang of ['en', 'zh'] as const) {
    const svg = await get(`${A}/${chart}.svg?lang=${lang}`, who);
    assert.equal(svg.statusCode, 200, svg.body);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    const texts = svgTexts(svg.body);
    // Every number printed in the SVG is a bar's, and every bar that is not zero prints its number.
    assert.deepEqual(
      numbers(texts.filter((x) => /^\d+$/.test(x))),
      numbers(table.rows.flatMap((r) => r.slice(1))),
      `${chart} (${lang}): the SVG's numbers are the table's`,
    );
    assert.ok(texts.includes(table.title[lang]), `${chart} (${lang}): the title`);
    for (const label of table.rowLabels) {
      // A long label is cut short with an ellipsis: what is shown is its start.
      assert.ok(
        texts.some((x) => x === label[lang] || (x.endsWith('...') && label[lang].startsWith(x.slice(0, -3)))),
        `${chart} (${lang}): the row label ${label[lang]}`,
      );
    }
    const csv = await get(`${A}/${chart}.csv?lang=${lang}`, who);
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.body.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    assert.deepEqual(
      lines[0]!.split(','),
      table.columnLabels.map((l) => l[lang]),
    );
    assert.deepEqual(
      lines.slice(1).map((l) =>
        l
          .split(',')
          .slice(-(table.columns.length - 1))
          .map(Number),
      ),
      table.rows.map((r) => r.slice(1).map(Number)),
      `${chart} (${lang}): the CSV's numbers are the table's`,
    );
  }
  // Without a language, the CSV speaks the stable keys.
  const keys = (await get(`${A}/${chart}.csv`, who)).body.slice(1).trimEnd().split('\r\n');
  assert.deepEqual(
    keys,
    [table.columns, ...table.rows].map((r) => r.join(',')),
  );
  return table;
}

describe('analytics', () => {
  it('counts issues by category and status as the caller may see them', async () => {
    const pub = await tableOf('issues-by-category');
    assert.equal(total(pub), 9);
    // 9 public, 1 shared, 1 internal to us.
    assert.equal(total(await tableOf('issues-by-category', 'us-analyst')), 11);
    assert.equal(total(await tableOf('issues-by-category', 'cn-analyst')), 11);
  });

  it('offers the public the charts of public records, and a side’s staff its reports too', async () => {
    const charts = async (who?: string) =>
      ((await get(A, who)).json() as { items: { chart: string }[] }).items.map((i) => i.chart);
    assert.deepEqual(
      await charts(),
      CHARTS.filter((c) => !REPORTS.includes(c)),
    );
    assert.deepEqual(await charts('us-reporter'), await charts());
    assert.deepEqual(await charts('cn-lead'), CHARTS);
  });

  it('refuses the reports charts to anyone but a side’s staff', async () => {
    for (const chart of REPORTS) {
      assert.equal((await get(`${A}/${chart}.json`)).statusCode, 401);
      assert.equal((await get(`${A}/${chart}.svg`, 'us-reporter')).statusCode, 403);
    }
  });

  it('counts a side’s own reports by sector, economy and region, none of the other side’s', async () => {
    const report = (addressedTo: string, economy: string, sector?: string, region?: string) =>
      submitReport(h.t.store, SYSTEM_ACTOR, {
        language: 'en',
        organisation: { name: 'Acme Devices', kind: 'company' },
        contact: { name: 'A. Person', email: 'a.person@example.com' },
        consent: { shareWithCounterpart: false, shareWithPublic: false },
        economy,
        description: 'Our shipments wait three weeks at inspection.',
        addressedTo,
        ...(sector ? { sector } : {}),
        ...(region ? { region } : {}),
      });
    await report('us', 'CN', 'Medical devices', 'Guangdong');
    await report('us', 'CN', 'Medical devices');
    await report('us', 'VN', 'Agriculture', 'Mekong Delta');
    await report('cn', 'US', 'Semiconductors', 'California');
    const us = await tableOf('reports-by-economy', 'us-analyst');
    assert.deepEqual(us.rows, [
      ['CN', 2, 0, 0],
      ['VN', 1, 0, 0],
    ]);
    assert.deepEqual(us.rowLabels[0], { en: 'China', zh: '中国' });
    assert.deepEqual((await tableOf('reports-by-sector', 'us-lead')).rows, [
      ['Medical devices', 2, 0, 0],
      ['Agriculture', 1, 0, 0],
    ]);
    const regions = await tableOf('reports-by-region', 'us-analyst');
    assert.deepEqual(regions.rows, [
      ['', 1, 0, 0],
      ['Guangdong', 1, 0, 0],
      ['Mekong Delta', 1, 0, 0],
    ]);
    assert.deepEqual(regions.rowLabels[0], { en: 'Not stated', zh: '未说明' });
    assert.deepEqual((await tableOf('reports-by-economy', 'cn-analyst')).rows, [['US', 1, 0, 0]]);
  });

  it('charts resolution once both sides record an issue resolved', async () => {
    const empty = await tableOf('resolution-time');
    assert.deepEqual(empty.rows, []);
    const svg = await get(`${A}/resolution-time.svg?lang=zh`);
    assert.ok(svgTexts(svg.body).includes('暂无数据'), 'an empty chart says so');

    const url = '/api/v1/dialogues/us-cn-ciwg/issues/cross-border-data-flows/resolve';
    assert.equal((await post(url, 'us-lead', { resolved: true, reason: 'Rules relaxed.' })).statusCode, 200);
    assert.equal((await post(url, 'cn-lead', { resolved: true, reason: 'Agreed.' })).statusCode, 200);

    const today = new Date().toISOString().slice(0, 10);
    const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse('2024-04-04T00:00:00Z')) / 86_400_000);
    const time = await tableOf('resolution-time');
    assert.deepEqual(time.rows, [['cross-border-data-flows', days]]);
    assert.equal(time.rowLabels[0]!.zh.length > 0, true);
    // Raised at the inaugural meeting only, before it was resolved.
    assert.deepEqual((await tableOf('times-raised')).rows, [[1, 1]]);
    const overTime = await tableOf('issues-over-time');
    const column = (row: (string | number)[], status: string) => row[overTime.columns.indexOf(status)];
    const first = overTime.rows.find((r) => r[0] === 1)!;
    const now = overTime.rows.find((r) => r[0] === 'now')!;
    assert.equal(column(first, 'resolved'), 0, 'at meeting 1 it was still open');
    assert.equal(column(now, 'resolved'), 1);
    assert.equal(total({ ...overTime, rows: [now] }), 9, 'now: every public issue');
  });

  it('keeps the scorecard to what the caller may see, its stalled issues the dashboard’s', async () => {
    for (const who of [undefined, 'us-analyst', 'cn-lead']) {
      const card = await tableOf('scorecard', who);
      const n = (k: string) => card.rows.find((r) => r[0] === k)![1] as number;
      const issues = (
        (await get('/api/v1/dialogues/us-cn-ciwg/issues?limit=200', who)).json() as {
          items: { status: string }[];
        }
      ).items;
      const count = (s: string[]) => issues.filter((i) => s.includes(i.status)).length;
      const dashboard = (await get('/api/v1/dialogues/us-cn-ciwg/dashboard', who)).json() as {
        stalledIssues: unknown[];
      };
      assert.equal(n('stalled'), dashboard.stalledIssues.length);
      assert.equal(n('resolved'), count(['resolved']));
      assert.equal(n('open') + n('resolved-in-part') + n('stalled'), count(['reported', 'open', 'resolved-in-part']));
    }
    const pub = await tableOf('scorecard');
    const analyst = await tableOf('scorecard', 'us-analyst');
    assert.equal(total(pub), 9, 'the public counts public issues only');
    assert.equal(total(analyst), 11);
  });

  it('gives the same numbers as JSON, CSV and SVG for every chart, in English and Chinese', async () => {
    for (const chart of CHARTS) {
      if (!REPORTS.includes(chart)) await assertSameNumbers(chart);
      await assertSameNumbers(chart, 'us-analyst');
    }
    // Chinese labels in the Chinese SVG: the category of Section 301 (tariffs).
    const zh = svgTexts((await get(`${A}/issues-by-category.svg?lang=zh`)).body);
    assert.ok(zh.includes('关税'));
    assert.ok(zh.includes('待解决'), 'a status, in the legend');
    assert.deepEqual((await tableOf('outcomes-by-meeting')).rows, [[1, 11, 0]]);
  });

  it('answers 404 for a dialogue the caller may not see, 400 for an unknown chart', async () => {
    assert.equal((await get('/api/v1/dialogues/nope/analytics/outcomes-by-meeting.json')).statusCode, 404);
    assert.equal((await get('/api/v1/dialogues/nope/analytics')).statusCode, 404);
    assert.equal((await get(`${A}/secrets.json`)).statusCode, 400);
    assert.equal((await get(`${A}/scorecard.svg?lang=fr`)).statusCode, 400);
  });
});
