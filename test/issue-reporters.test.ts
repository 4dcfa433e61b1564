/**
 * "Reported by" (docs/REPORTS.md): the reports behind an issue, as far as each
 * reporter's consent allows the reader to know of them. Reports are filed and
 * merged through the API, then read back by the receiving side, its other
 * roles, the other side, reporters and the public.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoEmail } from '../src/demo/demo-users.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { createApiToken } from '../src/domain/auth/auth.service.js';
import { testApp, type TestApp } from './helpers/app.js';
import { inject, signInDemo, type Caller } from './helpers/session.js';

let h: TestApp;
const callers: Record<string, Caller | undefined> = {};

interface Filed {
  reference: string;
  name: string;
  email: string;
  description: string;
}

/** Files a report to the U.S. side with that consent; its reference and what must never leak. */
async function file(
  name: string,
  consent: { shareWithCounterpart: boolean; shareWithPublic: boolean },
  extra: Record<string, unknown> = {},
): Promise<Filed> {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  const email = `contact@${slug}.example`;
  const description = `Secret details from ${name}: clearance of our shipments takes months.`;
  const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', {
    language: 'en',
    addressedTo: 'us',
    organisation: { name, kind: 'company' },
    contact: { name: `Contact of ${name}`, email, phone: '+1 202 555 0100' },
    consent,
    economy: 'CN',
    description,
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return { reference: (res.json() as { reference: string }).reference, name, email, description };
}

async function merge(issue: string, reports: Filed[]) {
  const res = await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/issues/${issue}/reports`, {
    reports: reports.map((r) => r.reference),
  });
  assert.equal(res.statusCode, 200, res.body);
}

const D = '/api/v1/dialogues/us-cn-ciwg/issues';
const SHARED = 'agricultural-inspection-delays'; // shared, held by us
const PUBLIC = 'cross-border-data-flows'; // public, held by us
const INTERNAL = 'medical-device-procurement'; // internal to us

interface Body {
  items: Record<string, unknown>[];
  unnamed: number;
}

async function reportersOf(caller: string, issue: string): Promise<{ body: Body; raw: string }> {
  const res = await inject(h.app, callers[caller], 'GET', `${D}/${issue}/reports`);
  assert.equal(res.statusCode, 200, `${caller}: ${res.body}`);
  return { body: res.json() as Body, raw: res.body };
}

const names = (b: Body) => b.items.map((i) => (i.organisation as { name: string }).name);

/** Nothing of a single report beyond a consenting organisation's name and kind is in the raw answer. */
function assertOnlyNames(raw: string, body: Body, reports: Filed[]) {
  for (const item of body.items) assert.deepEqual(Object.keys(item), ['organisation'], raw);
  for (const r of reports) {
    assert.ok(!raw.includes(r.reference), `no reference in ${raw}`);
    assert.ok(!raw.includes(r.email), `no e-mail in ${raw}`);
    assert.ok(!raw.includes('Contact of'), `no contact in ${raw}`);
    assert.ok(!raw.includes(r.description), `no text in ${raw}`);
  }
  for (const word of ['reference', 'contact', 'email', 'description', 'impact', 'tradeValue', 'receivedAt'])
    assert.ok(!raw.includes(word), `no "${word}" in ${raw}`);
}

let none: Filed, counterpart: Filed, publicOnly: Filed, both: Filed, rejected: Filed;
let pNone: Filed, pCounterpart: Filed, pPublic: Filed, pBoth: Filed;
let internal: Filed;

before(async () => {
  h = await testApp();
  for (const side of ['us', 'cn'])
    for (const role of ['admin', 'lead', 'analyst', 'public-affairs', 'reporter'])
      callers[`${side}-${role}`] = await signInDemo(h.app, side, role);
  callers.public = undefined;

  // The shared issue: one report of each consent, and one that does not count.
  none = await file('Quiet Freight', { shareWithCounterpart: false, shareWithPublic: false });
  counterpart = await file('Counterpart Farms', { shareWithCounterpart: true, shareWithPublic: false });
  publicOnly = await file('Public Orchards', { shareWithCounterpart: false, shareWithPublic: true });
  both = await file(
    'Open Growers',
    { shareWithCounterpart: true, shareWithPublic: true },
    { impact: { tradeValue: 1_200_000, currency: 'USD', companiesAffected: 30, since: '2025-01-01' } },
  );
  rejected = await file('Rejected Produce', { shareWithCounterpart: true, shareWithPublic: true });
  await merge(SHARED, [none, counterpart, publicOnly, both, rejected]);
  // Triage cannot reject a merged report today; a row in that state must still never count.
  await sql`update reports set status = 'rejected', rejection = ${JSON.stringify({ reason: 'duplicate' })}::jsonb
            where reference = ${rejected.reference}`.execute(h.t.db);

  // The public issue.
  pNone = await file('Hidden Cloud', { shareWithCounterpart: false, shareWithPublic: false });
  pCounterpart = await file('Bilateral Data', { shareWithCounterpart: true, shareWithPublic: false });
  pPublic = await file('Open Data Alliance', { shareWithCounterpart: false, shareWithPublic: true });
  pBoth = await file('Everyone Cloud', { shareWithCounterpart: true, shareWithPublic: true });
  await merge(PUBLIC, [pNone, pCounterpart, pPublic, pBoth]);

  internal = await file('Internal Devices', { shareWithCounterpart: true, shareWithPublic: true });
  await merge(INTERNAL, [internal]);

  // A report filed but not merged (new) and one rejected in triage stand behind no issue.
  await file('Waiting Co', { shareWithCounterpart: true, shareWithPublic: true });
  const turnedDown = await file('Turned Down Co', { shareWithCounterpart: true, shareWithPublic: true });
  const rej = await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/reports/${turnedDown.reference}/reject`, {
    reason: 'out-of-scope',
  });
  assert.equal(rej.statusCode, 200, rej.body);
});
after(async () => {
  await h?.close();
});

describe('reported by: the side that received the reports', () => {
  for (const caller of ['us-analyst', 'us-lead']) {
    it(`${caller} gets every merged report, less contact and text; rejected ones never`, async () => {
      const { body, raw } = await reportersOf(caller, SHARED);
      assert.equal(body.unnamed, 0);
      assert.deepEqual(
        body.items.map((i) => i.reference),
        [none, counterpart, publicOnly, both].map((r) => r.reference),
      );
      const open = body.items[3]!;
      assert.equal(typeof open.receivedAt, 'string');
      assert.deepEqual(
        { ...open, receivedAt: undefined },
        {
          reference: both.reference,
          receivedAt: undefined,
          language: 'en',
          organisation: { name: 'Open Growers', kind: 'company' },
          impact: { tradeValue: 1_200_000, currency: 'USD', companiesAffected: 30 },
          status: 'merged',
        },
      );
      assert.deepEqual(Object.keys(body.items[0]!).sort(), [
        'language',
        'organisation',
        'receivedAt',
        'reference',
        'status',
      ]);
      assert.ok(!raw.includes('Rejected Produce'));
      for (const r of [none, counterpart, publicOnly, both]) {
        assert.ok(!raw.includes(r.email), 'no e-mail');
        assert.ok(!raw.includes(r.description), 'no text');
      }
      assert.ok(!raw.includes('contact'));
    });
  }

  it('a read-only API token of a lead reads them too', async () => {
    const user = await h.auth.users.byEmail(demoEmail('us', 'lead'));
    assert.ok(user);
    const { token } = await createApiToken(h.auth, SYSTEM_ACTOR, user.id, { name: 'reporters', scope: 'read' });
    const res = await h.app.inject({
      method: 'GET',
      url: `${D}/${SHARED}/reports`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as Body).items.length, 4);
  });

  it("the side's other roles get the names the reporters let out of triage, and a count", async () => {
    for (const caller of ['us-public-affairs', 'us-admin']) {
      const { body, raw } = await reportersOf(caller, SHARED);
      assert.deepEqual(names(body), ['Counterpart Farms', 'Open Growers', 'Public Orchards'], caller);
      assert.equal(body.unnamed, 1, caller);
      assertOnlyNames(raw, body, [none, counterpart, publicOnly, both]);
    }
  });
});

describe('reported by: the other side', () => {
  it('gets only the names consented to the other government, and how many others; nothing else', async () => {
    for (const caller of ['cn-analyst', 'cn-lead', 'cn-public-affairs', 'cn-admin']) {
      const { body, raw } = await reportersOf(caller, SHARED);
      assert.deepEqual(body, {
        items: [
          { organisation: { name: 'Counterpart Farms', kind: 'company' } },
          { organisation: { name: 'Open Growers', kind: 'company' } },
        ],
        unnamed: 2,
      });
      assertOnlyNames(raw, body, [none, counterpart, publicOnly, both, rejected]);
      assert.ok(!raw.includes('Quiet Freight') && !raw.includes('Public Orchards'));
    }
  });

  it('on a public issue, also the names the public sees', async () => {
    const { body, raw } = await reportersOf('cn-analyst', PUBLIC);
    assert.deepEqual(names(body), ['Bilateral Data', 'Everyone Cloud', 'Open Data Alliance']);
    assert.equal(body.unnamed, 1);
    assertOnlyNames(raw, body, [pNone, pCounterpart, pPublic, pBoth]);
  });

  it('an issue internal to the U.S. side is not found, with or without reports', async () => {
    for (const caller of ['cn-analyst', 'cn-lead', 'cn-admin', 'us-reporter', 'cn-reporter', 'public']) {
      const res = await inject(h.app, callers[caller], 'GET', `${D}/${INTERNAL}/reports`);
      assert.equal(res.statusCode, 404, caller);
      assert.equal((res.json() as { error: { code: string } }).error.code, 'not-found');
      assert.ok(!res.body.includes('Internal Devices'));
      assert.equal(
        (await inject(h.app, callers[caller], 'GET', `${D}/${INTERNAL}`)).statusCode,
        404,
        'as the issue itself',
      );
    }
    const own = await reportersOf('us-analyst', INTERNAL);
    assert.deepEqual(
      own.body.items.map((i) => i.reference),
      [internal.reference],
    );
  });
});

describe('reported by: the public and reporters', () => {
  for (const caller of ['public', 'us-reporter', 'cn-reporter']) {
    it(`${caller} gets the names consented to the public on a public issue, and a count`, async () => {
      const { body, raw } = await reportersOf(caller, PUBLIC);
      assert.deepEqual(body, {
        items: [
          { organisation: { name: 'Everyone Cloud', kind: 'company' } },
          { organisation: { name: 'Open Data Alliance', kind: 'company' } },
        ],
        unnamed: 2,
      });
      assertOnlyNames(raw, body, [pNone, pCounterpart, pPublic, pBoth]);
    });

    it(`${caller} does not find the shared issue's reports`, async () => {
      const res = await inject(h.app, callers[caller], 'GET', `${D}/${SHARED}/reports`);
      assert.equal(res.statusCode, 404, res.body);
    });
  }

  it("the receiving side's leads see the public issue's reports in full", async () => {
    const { body } = await reportersOf('us-lead', PUBLIC);
    assert.deepEqual(
      body.items.map((i) => [i.reference, (i.organisation as { name: string }).name]),
      [pNone, pCounterpart, pPublic, pBoth].map((r) => [r.reference, r.name]),
    );
    assert.equal(body.unnamed, 0);
  });
});

describe('reported by: edges', () => {
  it('an issue without reports answers an empty list', async () => {
    for (const caller of ['us-analyst', 'cn-analyst', 'public']) {
      const { body } = await reportersOf(caller, 'industrial-overcapacity');
      assert.deepEqual(body, { items: [], unnamed: 0 });
    }
  });

  it('the other side triages its own reports: the U.S. side is "other" to them', async () => {
    const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', {
      language: 'zh',
      addressedTo: 'cn',
      organisation: { name: '华东贸易协会', kind: 'association' },
      contact: { name: '李明', email: 'li.ming@example.cn' },
      consent: { shareWithCounterpart: false, shareWithPublic: false },
      economy: 'US',
      description: '加征关税使我们的出口成本大幅上升。',
    });
    assert.equal(res.statusCode, 201, res.body);
    const reference = (res.json() as { reference: string }).reference;
    const merged = await inject(h.app, callers['cn-analyst'], 'POST', '/api/v1/issues/section-301-tariffs/reports', {
      reports: [reference],
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const cn = await reportersOf('cn-analyst', 'section-301-tariffs');
    assert.deepEqual(
      cn.body.items.map((i) => [i.reference, i.organisation]),
      [[reference, { name: '华东贸易协会', kind: 'association' }]],
    );
    const us = await reportersOf('us-analyst', 'section-301-tariffs');
    assert.deepEqual(us.body, { items: [], unnamed: 1 });
    assert.ok(!us.raw.includes(reference) && !us.raw.includes('li.ming'));
  });

  it('is in the OpenAPI document, with its answer schema', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { summary?: string; tags?: string[]; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths['/api/v1/dialogues/{key}/issues/{issueKey}/reports']?.get;
    assert.ok(op, 'documented');
    assert.ok(op.summary && op.tags?.includes('reports'));
    assert.match(JSON.stringify(op.responses['200']), /#\/components\/schemas\/IssueReporters/);
    const schema = JSON.stringify(doc.components.schemas.IssueReporters);
    for (const word of ['unnamed', 'IssueReport', 'NamedReporter'])
      assert.ok(schema.includes(word), `${word} in ${schema}`);
    assert.ok(!JSON.stringify(doc.components.schemas.NamedReporter).includes('reference'));
  });

  it('an unknown issue is not found', async () => {
    const res = await inject(h.app, callers['us-analyst'], 'GET', `${D}/no-such-issue/reports`);
    assert.equal(res.statusCode, 404);
  });
});
