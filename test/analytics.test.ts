/** Analytics (issue 7, acceptance 5): the SVG, the CSV and the JSON of a chart show the same numbers, counting what the caller may see. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { demoEmail } from '../src/demo/demo-users.js';
import { testApp, type TestApp } from './helpers/app.js';

const A = '/api/v1/dialogues/us-cn-ciwg/analytics';
let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

interface Table {
  columns: string[];
  rows: (string | number)[][];
}

async function get(url: string, cookie?: string) {
  return h.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

describe('analytics', () => {
  it('counts issues by category and status as the caller may see them', async () => {
    const pub = (await get(`${A}/issues-by-category.json`)).json() as Table;
    const total = (t: Table) =>
      t.rows.reduce((sum, r) => sum + r.slice(1).reduce<number>((a, b) => a + Number(b), 0), 0);
    assert.equal(total(pub), 9);
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { email: demoEmail('us', 'analyst') },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    // 9 public, 1 shared, 1 internal to us.
    assert.equal(total((await get(`${A}/issues-by-category.json`, cookie)).json() as Table), 11);
  });

  it('gives the same numbers as CSV and as SVG', async () => {
    for (const chart of ['issues-by-category', 'outcomes-by-meeting']) {
      const table = (await get(`${A}/${chart}.json`)).json() as Table;
      const csv = (await get(`${A}/${chart}.csv`)).body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      assert.deepEqual(
        csv,
        [table.columns, ...table.rows].map((r) => r.join(',')),
      );
      const svg = await get(`${A}/${chart}.svg?lang=zh`);
      assert.equal(svg.statusCode, 200);
      assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
      const parser = new SaxesParser({ xmlns: true });
      const texts: string[] = [];
      parser.on('text', (t) => texts.push(t));
      parser.write(svg.body).close();
      assert.ok(svg.body.startsWith('<svg'));
      // The chart's labels are its table's row labels.
      for (const row of table.rows) assert.ok(texts.includes(String(row[0])), `${chart}: label ${row[0]}`);
    }
    const outcomes = (await get(`${A}/outcomes-by-meeting.json`)).json() as Table;
    assert.deepEqual(outcomes.rows, [[1, 11, 0]]);
  });

  it('answers 404 for a dialogue the caller may not see, 400 for an unknown chart', async () => {
    assert.equal((await get('/api/v1/dialogues/nope/analytics/outcomes-by-meeting.json')).statusCode, 404);
    assert.equal((await get(`${A}/secrets.json`)).statusCode, 400);
  });
});
