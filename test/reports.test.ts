/** Issue 4: reporting a problem, the status link, triage (similar items, merge, reject), bad input. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { parseHsCsv } from '../src/domain/taxonomy/hs.js';
import { testApp, type TestApp } from './helpers/app.js';
import { inject, signInDemo, type Caller } from './helpers/session.js';

const HS_CSV = new URL('../../shared/data/harmonized-system/harmonized-system.csv', import.meta.url);

let h: TestApp;
const callers: Record<string, Caller> = {};

const smallest = {
  language: 'zh',
  organisation: { name: '上海某云计算有限公司', kind: 'company' },
  contact: { name: '王芳', email: 'wang.fang@example.cn' },
  consent: { shareWithCounterpart: false, shareWithPublic: false },
  economy: 'CN',
  description: '我们无法将客户数据传回总部，跨境数据流动的审批要求不明确，安全评估耗时超过六个月。',
};

async function file(body: Record<string, unknown>) {
  const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { reference: string; statusUrl: string };
}

async function problems(body: unknown): Promise<{ pointer: string; message: string }[]> {
  const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', body);
  assert.equal(res.statusCode, 400, res.body);
  const b = res.json() as { error: { code: string; details: { problems: { pointer: string; message: string }[] } } };
  assert.equal(b.error.code, 'validation-failed');
  return b.error.details.problems;
}

const reportCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from reports`.execute(h.t.db)).rows[0]!.n);

before(async () => {
  h = await testApp();
  await h.t.store.taxonomy.importHs(parseHsCsv(fs.readFileSync(HS_CSV, 'utf8')));
  for (const side of ['us', 'cn']) {
    for (const role of ['analyst', 'lead', 'public-affairs', 'reporter'])
      callers[`${side}-${role}`] = await signInDemo(h.app, side, role);
  }
});
after(async () => {
  await h?.close();
});

describe('reporting a problem', () => {
  it('takes the smallest body plus the side, and answers a reference and a private status URL', async () => {
    const r = await file({ ...smallest, addressedTo: 'us' });
    assert.match(r.reference, /^R-\d{4}-\d{6}$/);
    assert.match(r.statusUrl, /^\/api\/v1\/reports\/status\/[A-Za-z0-9_-]{43}$/);
    const status = await inject(h.app, undefined, 'GET', r.statusUrl);
    assert.equal(status.statusCode, 200);
    assert.deepEqual(
      { ...(status.json() as object), receivedAt: undefined },
      { reference: r.reference, receivedAt: undefined, status: 'received', meetings: [], questions: [] },
    );
    assert.equal(status.headers['cache-control'], 'no-store');
  });

  it("takes the issue's smallest body as it stands: a problem in China goes to the U.S. side", async () => {
    // The body of the issue, its "…" filled in (an e-mail address of "…" is refused, and only that).
    const r = await file(smallest);
    assert.equal((await inject(h.app, callers['us-analyst'], 'GET', `/api/v1/reports/${r.reference}`)).statusCode, 200);
    assert.equal((await inject(h.app, callers['cn-analyst'], 'GET', `/api/v1/reports/${r.reference}`)).statusCode, 404);
    const literal = JSON.parse(
      '{"language":"zh","organisation":{"name":"…","kind":"company"},"contact":{"name":"…","email":"…"},' +
        '"consent":{"shareWithCounterpart":false,"shareWithPublic":false},"economy":"CN","description":"…"}',
    ) as unknown;
    assert.deepEqual(
      (await problems(literal)).map((p) => p.pointer),
      ['/body/contact/email'],
    );
  });

  it('without the side: a problem in the United States goes to the Chinese side; elsewhere the side is needed', async () => {
    const r = await file({ ...smallest, language: 'en', economy: 'US' });
    const got = await inject(h.app, callers['cn-analyst'], 'GET', `/api/v1/reports/${r.reference}`);
    assert.equal(got.statusCode, 200, got.body);
    assert.equal((got.json() as { addressedTo: string }).addressedTo, 'cn');
    const before = await reportCount();
    const p = await problems({ ...smallest, economy: 'JP' });
    assert.deepEqual(
      p.map((x) => x.pointer),
      ['/body/addressedTo'],
    );
    assert.match(p[0]!.message, /required: the side the report is addressed to \(cn, us\)/);
    assert.deepEqual(
      (await problems({ ...smallest, addressedTo: 'eu' })).map((x) => x.pointer),
      ['/body/addressedTo'],
    );
    assert.equal(await reportCount(), before);
  });

  it('a side given is taken over the economy', async () => {
    const r = await file({ ...smallest, addressedTo: 'cn' });
    assert.equal((await inject(h.app, callers['cn-lead'], 'GET', `/api/v1/reports/${r.reference}`)).statusCode, 200);
  });

  it('takes every optional field', async () => {
    const r = await file({
      ...smallest,
      language: 'en',
      addressedTo: 'cn',
      region: 'California',
      sector: 'Solar energy',
      products: ['854143', '8541'],
      category: 'trade-remedies',
      impact: { tradeValue: 2500000, currency: 'USD', companiesAffected: 12, since: '2025-03-01' },
      stepsTaken: 'We wrote to the agency.',
      contact: { ...smallest.contact, phone: '+1 555 0100' },
    });
    const got = await inject(h.app, callers['cn-analyst'], 'GET', `/api/v1/reports/${r.reference}`);
    assert.equal(got.statusCode, 200, got.body);
    const report = got.json() as Record<string, unknown>;
    assert.deepEqual(report.products, ['854143', '8541']);
    assert.deepEqual(report.impact, {
      tradeValue: 2500000,
      currency: 'USD',
      companiesAffected: 12,
      since: '2025-03-01',
    });
    assert.equal(report.status, 'new');
  });

  it('a bad token shows nothing', async () => {
    assert.equal((await inject(h.app, undefined, 'GET', '/api/v1/reports/status/not-a-token')).statusCode, 404);
    assert.equal((await inject(h.app, undefined, 'GET', `/api/v1/reports/status/${'A'.repeat(43)}`)).statusCode, 404);
  });
});

describe('bad input gets a per-field error, and nothing is written', () => {
  it('a 1 MB description', async () => {
    const before = await reportCount();
    const p = await problems({ ...smallest, addressedTo: 'us', description: 'x'.repeat(1024 * 1024) });
    assert.deepEqual(
      p.map((x) => x.pointer),
      ['/body/description'],
    );
    assert.match(p[0]!.message, /20000/);
    assert.equal(await reportCount(), before);
  });

  it('HS codes that do not exist', async () => {
    const before = await reportCount();
    const p = await problems({ ...smallest, addressedTo: 'us', products: ['854143', '999998', '1'] });
    assert.deepEqual(
      p.map((x) => x.pointer),
      ['/body/products/2'],
    );
    const q = await problems({ ...smallest, addressedTo: 'us', products: ['854143', '999998', '854199'] });
    assert.deepEqual(
      q.map((x) => x.pointer),
      ['/body/products/1', '/body/products/2'],
    );
    assert.match(q[0]!.message, /999998 is not an HS code/);
    assert.equal(await reportCount(), before);
  });

  it('an unknown category', async () => {
    const p = await problems({ ...smallest, addressedTo: 'us', category: 'gossip' });
    assert.deepEqual(
      p.map((x) => x.pointer),
      ['/body/category'],
    );
  });

  it('broken Unicode: a lone surrogate, a NUL', async () => {
    const lone = `{"language":"zh","organisation":{"name":"\\ud800 Co","kind":"company"},"contact":{"name":"A","email":"a@example.cn"},"consent":{"shareWithCounterpart":false,"shareWithPublic":false},"economy":"CN","addressedTo":"us","description":"ok\\u0000"}`;
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: lone,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 400, res.body);
    const p = (res.json() as { error: { details: { problems: { pointer: string; message: string }[] } } }).error.details
      .problems;
    assert.deepEqual(p.map((x) => x.pointer).sort(), ['/body/description', '/body/organisation/name']);
    assert.match(p[0]!.message, /well-formed Unicode/);
  });

  it('a bad e-mail, a bad economy, a missing consent, an unknown field', async () => {
    const { consent: _consent, ...noConsent } = smallest;
    const p = await problems({
      ...noConsent,
      addressedTo: 'us',
      contact: { name: 'A', email: 'not-an-address' },
      economy: 'China',
      colour: 'red',
    });
    assert.deepEqual(p.map((x) => x.pointer).sort(), [
      '/body/',
      '/body/consent',
      '/body/contact/email',
      '/body/economy',
    ]);
  });
});

describe('triage by the side a report is addressed to', () => {
  let zh: { reference: string; statusUrl: string };
  let en: { reference: string; statusUrl: string };
  before(async () => {
    // An issue of the U.S. side written only in English.
    const res = await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
      key: 'cloud-data-export',
      title: { en: 'Cross-border data flows for cloud providers' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'digital-trade',
    });
    assert.equal(res.statusCode, 201, res.body);
    zh = await file({ ...smallest, addressedTo: 'us' });
    en = await file({
      ...smallest,
      language: 'en',
      addressedTo: 'us',
      description: 'Security assessments for cross-border data transfers take more than six months.',
    });
  });

  it('lists new reports for the side, never the other side', async () => {
    const mine = await inject(h.app, callers['us-analyst'], 'GET', '/api/v1/reports?status=new');
    assert.equal(mine.statusCode, 200);
    const refs = (mine.json() as { items: { reference: string; addressedTo: string }[] }).items;
    assert.ok(refs.some((r) => r.reference === zh.reference));
    assert.ok(refs.every((r) => r.addressedTo === 'us'));
    const theirs = await inject(h.app, callers['cn-analyst'], 'GET', '/api/v1/reports?status=new');
    assert.ok(!(theirs.json() as { items: { reference: string }[] }).items.some((r) => r.reference === zh.reference));
    assert.equal(
      (await inject(h.app, callers['cn-analyst'], 'GET', `/api/v1/reports/${zh.reference}`)).statusCode,
      404,
    );
    assert.equal((await inject(h.app, callers['us-public-affairs'], 'GET', '/api/v1/reports')).statusCode, 403);
    assert.equal((await inject(h.app, callers['us-reporter'], 'GET', '/api/v1/reports')).statusCode, 403);
    assert.equal((await inject(h.app, undefined, 'GET', '/api/v1/reports')).statusCode, 401);
  });

  it('a Chinese report about 跨境数据流动 finds the English issue, and the English report, explained', async () => {
    const res = await inject(h.app, callers['us-analyst'], 'GET', `/api/v1/reports/${zh.reference}/similar`);
    assert.equal(res.statusCode, 200, res.body);
    const items = (
      res.json() as { items: { kind: string; key?: string; reference?: string; score: number; why: string[] }[] }
    ).items;
    const issue = items.find((i) => i.key === 'cloud-data-export');
    assert.ok(issue, JSON.stringify(items));
    assert.equal(issue.kind, 'issue');
    assert.ok(
      issue.why.some((w) => w.includes('cross-border data flows / 跨境数据流动')),
      issue.why.join(),
    );
    assert.ok(items.some((i) => i.key === 'cross-border-data-flows'));
    assert.ok(items.some((i) => i.kind === 'report' && i.reference === en.reference));
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.score >= items[i]!.score, 'best first');
    assert.ok(!items.some((i) => i.key === 'business-visa-delays'), 'never an issue the side may not see');
    assert.equal(
      (await inject(h.app, callers['cn-analyst'], 'GET', `/api/v1/reports/${zh.reference}/similar`)).statusCode,
      404,
    );
  });

  it('HS codes count and are named', async () => {
    const solar = await file({
      ...smallest,
      language: 'en',
      addressedTo: 'us',
      description: 'Our modules are held at the border for months.',
      products: ['854142'],
    });
    const res = await inject(h.app, callers['us-analyst'], 'GET', `/api/v1/reports/${solar.reference}/similar`);
    const items = (res.json() as { items: { key?: string; why: string[] }[] }).items;
    const over = items.find((i) => i.key === 'industrial-overcapacity');
    assert.ok(over, JSON.stringify(items));
    assert.ok(over.why.includes('HS 854142'));
  });

  it('merges reports into an issue of its side; the status link shows it; audited', async () => {
    assert.equal(
      (
        await inject(h.app, callers['cn-analyst'], 'POST', '/api/v1/issues/cloud-data-export/reports', {
          reports: [zh.reference],
        })
      ).statusCode,
      404,
      'the other side cannot see the issue',
    );
    assert.equal(
      (
        await inject(h.app, callers['us-public-affairs'], 'POST', '/api/v1/issues/cloud-data-export/reports', {
          reports: [zh.reference],
        })
      ).statusCode,
      403,
    );
    const res = await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/issues/cloud-data-export/reports', {
      reports: [zh.reference],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      issue: { dialogue: 'us-cn-ciwg', key: 'cloud-data-export' },
      merged: [zh.reference],
    });
    const status = (await inject(h.app, undefined, 'GET', zh.statusUrl)).json() as {
      status: string;
      issue: { key: string };
    };
    assert.equal(status.status, 'merged');
    assert.equal(status.issue.key, 'cloud-data-export');
    const again = await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/issues/cloud-data-export/reports', {
      reports: [zh.reference],
    });
    assert.equal(again.statusCode, 400);
    const audit = await sql<{
      action: string;
      after: unknown;
    }>`select action, after from audit_log where record_key = ${zh.reference} order by position`.execute(h.t.db);
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['report.receive', 'report.merge'],
    );
    assert.ok(!JSON.stringify(audit.rows).includes('wang.fang'), 'no personal data in the trail');
  });

  it('a report merged into an issue raised at a meeting says so', async () => {
    const r = await file({ ...smallest, addressedTo: 'us' });
    await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/issues/cross-border-data-flows/reports', {
      reports: [r.reference],
    });
    const status = (await inject(h.app, undefined, 'GET', r.statusUrl)).json() as {
      status: string;
      meetings: number[];
    };
    assert.equal(status.status, 'raised');
    assert.ok(status.meetings.length > 0);
  });

  it('rejects with a reason; the reporter sees the reason, not the note', async () => {
    const bad = await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/reports/${en.reference}/reject`, {
      reason: 'rude',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (
        await inject(h.app, callers['cn-lead'], 'POST', `/api/v1/reports/${en.reference}/reject`, {
          reason: 'duplicate',
        })
      ).statusCode,
      404,
    );
    const res = await inject(h.app, callers['us-lead'], 'POST', `/api/v1/reports/${en.reference}/reject`, {
      reason: 'duplicate',
      note: 'Same as the Chinese report.',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((res.json() as { rejection: unknown }).rejection, {
      reason: 'duplicate',
      note: 'Same as the Chinese report.',
    });
    const status = (await inject(h.app, undefined, 'GET', en.statusUrl)).json() as Record<string, unknown>;
    assert.equal(status.status, 'rejected');
    assert.deepEqual(status.rejection, { reason: 'duplicate' });
    assert.equal(
      (
        await inject(h.app, callers['us-lead'], 'POST', `/api/v1/reports/${en.reference}/reject`, {
          reason: 'duplicate',
        })
      ).statusCode,
      409,
    );
  });

  it('ranks the side’s issues by priority, with the parts of the score', async () => {
    const big = await file({
      ...smallest,
      addressedTo: 'us',
      impact: { tradeValue: 9_000_000, currency: 'USD', companiesAffected: 9 },
    });
    await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/issues/cloud-data-export/reports', {
      reports: [big.reference],
    });
    const res = await inject(h.app, callers['us-analyst'], 'GET', '/api/v1/priorities');
    assert.equal(res.statusCode, 200, res.body);
    const items = (
      res.json() as {
        items: { key: string; score: number; reports: number; parts: Record<string, number> }[];
      }
    ).items;
    const cloud = items.find((i) => i.key === 'cloud-data-export')!;
    assert.equal(cloud.reports, 2);
    assert.deepEqual(cloud.parts, { trade: 10, companies: 10, breadth: 15.8, timeOpen: 0, weight: 1 });
    assert.equal(cloud.score, 35.8);
    assert.equal(items[0]!.key, 'cloud-data-export', 'highest first');
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.score >= items[i]!.score);
    assert.ok(!items.some((i) => i.key === 'business-visa-delays'), "never the other side's issue");
    const cn = (await inject(h.app, callers['cn-analyst'], 'GET', '/api/v1/priorities')).json() as {
      items: { key: string }[];
    };
    assert.ok(!cn.items.some((i) => i.key === 'cloud-data-export'));
    const byBreadth = (await inject(h.app, callers['us-analyst'], 'GET', '/api/v1/priorities?sort=breadth')).json() as {
      items: { parts: { breadth: number } }[];
    };
    for (let i = 1; i < byBreadth.items.length; i++) {
      assert.ok(byBreadth.items[i - 1]!.parts.breadth >= byBreadth.items[i]!.parts.breadth);
    }
    assert.equal((await inject(h.app, callers['us-public-affairs'], 'GET', '/api/v1/priorities')).statusCode, 403);
  });

  it('what the reporter sent cannot be changed, even in SQL', async () => {
    await assert.rejects(
      sql`update reports set description = 'changed' where reference = ${zh.reference}`.execute(h.t.db),
      /evidence/,
    );
  });
});
