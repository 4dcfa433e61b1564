import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../src/domain/ports.js';
import { buildApp } from '../src/http/app.js';
import { testApp, type TestApp } from './helpers/app.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await h.app.inject({ method: 'GET', url, headers });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.json() as Record<string, unknown> & { items?: unknown[] },
  };
}

describe('dialogues', () => {
  it('lists the demo dialogue with both names and counts of what the public may see', async () => {
    const { status, body } = await get('/api/v1/dialogues');
    assert.equal(status, 200);
    const items = body.items as {
      key: string;
      names: { side: string; text: { zh: string } }[];
      meetingCount: number;
      issueCount: number;
      lastMeeting: { number: number; date: string };
    }[];
    assert.equal(items.length, 1);
    const d = items[0]!;
    assert.equal(d.key, 'us-cn-ciwg');
    assert.deepEqual(
      d.names.map((n) => [n.side, n.text.zh]),
      [
        ['us', '美中商业问题工作组'],
        ['cn', '中美商贸工作组'],
      ],
    );
    assert.equal(d.meetingCount, 1);
    // The demo has 9 public issues, one shared and two internal ones: the public counts 9.
    assert.equal(d.issueCount, 9);
    assert.deepEqual(d.lastMeeting, { number: 1, date: '2024-04-04' });
  });

  it('gets a dialogue with sides, people and principles', async () => {
    const { status, body } = await get('/api/v1/dialogues/us-cn-ciwg');
    assert.equal(status, 200);
    assert.equal(body.level, 'vice-ministerial');
    assert.deepEqual(
      (body.sides as { key: string }[]).map((s) => s.key),
      ['us', 'cn'],
    );
    const lago = (body.people as { key: string; title: { en: string; zh: string } }[]).find((p) => p.key === 'lago');
    assert.equal(lago?.title.zh, '美国商务部副部长');
    const principle = (body.principles as { side: string; kind: string; topic: string }[])[0];
    assert.deepEqual(principle && [principle.side, principle.kind, principle.topic], [
      'us',
      'non-negotiable',
      'national-security',
    ]);
    assert.deepEqual((body.established as { by: string[] }).by, ['raimondo', 'wang-wentao']);
  });

  it('answers 404 in the error shape for an unknown dialogue', async () => {
    const { status, body } = await get('/api/v1/dialogues/no-such-thing');
    assert.equal(status, 404);
    assert.deepEqual(body, {
      error: {
        code: 'not-found',
        message: 'No dialogue "no-such-thing" was found.',
        details: { kind: 'dialogue', ref: 'no-such-thing' },
      },
    });
  });

  it('lists sides and people', async () => {
    assert.equal((await get('/api/v1/dialogues/us-cn-ciwg/sides')).body.items?.length, 2);
    assert.equal((await get('/api/v1/dialogues/us-cn-ciwg/people')).body.items?.length, 4);
  });
});

describe('meetings and accounts', () => {
  it('gets the inaugural meeting by number with both accounts', async () => {
    const { status, body } = await get('/api/v1/dialogues/us-cn-ciwg/meetings/1');
    assert.equal(status, 200);
    assert.equal(body.date, '2024-04-04');
    assert.equal(body.format, 'in-person');
    assert.deepEqual(body.chairs, ['lago', 'wang-shouwen']);
    const accounts = body.accounts as {
      side: string;
      raised: { issue: string; stance: string }[];
      outcomes: { key: string }[];
      nextMeeting: { when: { en: string } };
    }[];
    assert.deepEqual(
      accounts.map((a) => a.side),
      ['us', 'cn'],
    );
    const [us, cn] = accounts;
    assert.deepEqual(
      us!.raised.map((r) => `${r.issue}:${r.stance}`),
      ['cross-border-data-flows:raised', 'regulatory-transparency:raised', 'industrial-overcapacity:strong-concern'],
    );
    assert.equal(us!.outcomes.length, 5);
    assert.equal(cn!.raised.length, 6);
    assert.equal(cn!.outcomes.length, 6);
    assert.equal(us!.nextMeeting.when.en, 'later this year');
    assert.equal(cn!.nextMeeting.when.en, 'second half of 2024');
  });

  it('lists meetings and accounts, and refuses a meeting number that is not a number', async () => {
    const list = await get('/api/v1/dialogues/us-cn-ciwg/meetings');
    assert.deepEqual(
      (list.body.items as { number: number; accountSides: string[] }[]).map((m) => [m.number, m.accountSides]),
      [[1, ['us', 'cn']]],
    );
    assert.equal((await get('/api/v1/dialogues/us-cn-ciwg/meetings/1/accounts')).body.items?.length, 2);
    const bad = await get('/api/v1/dialogues/us-cn-ciwg/meetings/first');
    assert.equal(bad.status, 400);
    assert.equal((bad.body.error as { code: string }).code, 'validation-failed');
    assert.match((bad.body.error as { message: string }).message, /number/);
    assert.equal((await get('/api/v1/dialogues/us-cn-ciwg/meetings/7')).status, 404);
  });

  it('lists outcomes with filters', async () => {
    const all = await get('/api/v1/dialogues/us-cn-ciwg/outcomes');
    assert.equal(all.body.items?.length, 11);
    const exchanges = await get('/api/v1/dialogues/us-cn-ciwg/outcomes?kind=exchange');
    assert.deepEqual((exchanges.body.items as { key: string }[]).map((o) => o.key).sort(), [
      'export-control-information-exchange',
      'standards-issues',
      'trade-remedies-technical-exchanges',
    ]);
    const bad = await get('/api/v1/dialogues/us-cn-ciwg/outcomes?status=finished');
    assert.equal(bad.status, 400);
    assert.match((bad.body.error as { message: string }).message, /status/);
  });
});

describe('issues', () => {
  it('filters by status, category, raisedBy and respondent', async () => {
    const byCn = await get('/api/v1/issues?raisedBy=cn');
    assert.equal(byCn.body.items?.length, 6);
    const exportControls = await get('/api/v1/dialogues/us-cn-ciwg/issues?category=export-controls');
    assert.deepEqual(
      (exportControls.body.items as { key: string }[]).map((i) => i.key),
      ['overstretched-national-security', 'sanctions-on-chinese-firms'],
    );
    const resolved = await get('/api/v1/issues?status=resolved');
    assert.deepEqual(resolved.body.items, []);
    const respondentUs = await get('/api/v1/issues?respondent=us&category=tariffs');
    assert.deepEqual(
      (respondentUs.body.items as { key: string }[]).map((i) => i.key),
      ['section-301-tariffs'],
    );
  });

  it('pages with a cursor until every visible issue has been seen once', async () => {
    const seen: string[] = [];
    let url = '/api/v1/issues?limit=4';
    for (let i = 0; i < 10; i++) {
      const page = await get(url);
      assert.equal(page.status, 200);
      seen.push(...(page.body.items as { key: string }[]).map((x) => x.key));
      const next = page.body.nextCursor as string | undefined;
      if (!next) break;
      url = `/api/v1/issues?limit=4&cursor=${encodeURIComponent(next)}`;
    }
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9);
  });

  it('refuses a forged cursor, a bad limit and an unknown category with the field named', async () => {
    const forged = await get('/api/v1/issues?cursor=not-a-cursor');
    assert.equal(forged.status, 400);
    assert.deepEqual((forged.body.error as { details: unknown }).details, {
      problems: [{ pointer: '/cursor', message: 'expected the nextCursor of a previous page' }],
    });
    const limit = await get('/api/v1/issues?limit=100000');
    assert.equal(limit.status, 400);
    assert.match((limit.body.error as { message: string }).message, /\/querystring\/limit/);
    const category = await get('/api/v1/issues?category=datflows');
    assert.equal(category.status, 400);
    assert.match((category.body.error as { message: string }).message, /\/querystring\/category/);
  });

  it('gets an issue with the meetings where it was raised, and by id', async () => {
    const { status, body } = await get('/api/v1/dialogues/us-cn-ciwg/issues/industrial-overcapacity');
    assert.equal(status, 200);
    assert.deepEqual(body.raisings, [
      { meeting: 1, date: '2024-04-04', side: 'us', by: 'us', stance: 'strong-concern' },
    ]);
    assert.deepEqual(body.products, ['72', '76', '854142', '870380']);
    const byId = await get(`/api/v1/issues/${body.id as string}`);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.key, 'industrial-overcapacity');
    assert.equal((await get('/api/v1/issues/not-a-uuid')).status, 400);
  });
});

describe('visibility without sign-in', () => {
  it('serves only public records: internal and shared issues are not found, not listed, not exported', async () => {
    for (const key of ['medical-device-procurement', 'business-visa-delays', 'agricultural-inspection-delays']) {
      const res = await get(`/api/v1/dialogues/us-cn-ciwg/issues/${key}`);
      assert.equal(res.status, 404, key);
      assert.equal((res.body.error as { code: string }).code, 'not-found');
    }
    const all = await get('/api/v1/issues?limit=200');
    const keys = (all.body.items as { key: string; visibility: string }[]).map((i) => i.visibility);
    assert.ok(keys.every((v) => v === 'public'));
    const bundle = await h.app.inject({ method: 'GET', url: '/api/v1/dialogues/us-cn-ciwg/bundle' });
    assert.equal(bundle.statusCode, 200);
    assert.match(String(bundle.headers['content-disposition']), /us-cn-ciwg\.parley\.json/);
    const text = bundle.body;
    assert.ok(!text.includes('medical-device-procurement'));
    assert.ok(!text.includes('business-visa-delays'));
    assert.ok(!text.includes('agricultural-inspection-delays'));
    assert.ok(!text.includes('"internal"'));
    assert.equal((JSON.parse(text) as { issues: unknown[] }).issues.length, 9);
  });
});

describe('protocol', () => {
  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const mine = await get('/healthz', { 'x-request-id': 'abc-123' });
    assert.equal(mine.headers['x-request-id'], 'abc-123');
    const made = await get('/healthz', { 'x-request-id': 'bad id with spaces' });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('reports health and readiness', async () => {
    assert.deepEqual((await get('/healthz')).body, { status: 'ok' });
    assert.deepEqual((await get('/readyz')).body, { status: 'ready', engine: h.t.engine });
  });

  it('answers unknown routes with a 404 in the error shape', async () => {
    const { status, body } = await get('/api/v1/nothing-here');
    assert.equal(status, 404);
    assert.equal((body.error as { code: string }).code, 'route-not-found');
  });

  it('publishes an OpenAPI 3.1 document covering every route, and browsable docs', async () => {
    const { status, body } = await get('/api/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    const paths = Object.keys(body.paths as object);
    for (const p of [
      '/api/v1/dialogues',
      '/api/v1/dialogues/{key}',
      '/api/v1/dialogues/{key}/sides',
      '/api/v1/dialogues/{key}/people',
      '/api/v1/dialogues/{key}/meetings',
      '/api/v1/dialogues/{key}/meetings/{number}',
      '/api/v1/dialogues/{key}/meetings/{number}/accounts',
      '/api/v1/dialogues/{key}/issues',
      '/api/v1/dialogues/{key}/issues/{issueKey}',
      '/api/v1/dialogues/{key}/outcomes',
      '/api/v1/dialogues/{key}/bundle',
      '/api/v1/issues',
      '/api/v1/issues/{id}',
      '/healthz',
      '/readyz',
    ]) {
      assert.ok(paths.includes(p), `missing ${p}`);
    }
    // Every write documents what a caller who is not signed in gets.
    for (const [path, methods] of Object.entries(body.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        if (method !== 'get' && !path.startsWith('/api/v1/session') && !path.startsWith('/api/v1/demo')) {
          assert.ok('401' in op.responses, `${method} ${path} documents 401`);
        }
      }
    }
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  it('hides internals of a 5xx behind the request id', async () => {
    const failing: Store = {
      ...h.t.store,
      dialogues: {
        ...h.t.store.dialogues,
        list: () => Promise.reject(new Error('connection to 10.0.0.7 refused: password authentication failed')),
      },
    };
    const app = await buildApp({
      store: failing,
      auth: h.auth,
      engine: 'pglite',
      isReachable: async () => false,
      installationName: 'x',
      version: '0',
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/dialogues', headers: { 'x-request-id': 'req-500' } });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), {
      error: { code: 'internal-error', message: 'Something went wrong on our side (request req-500).' },
    });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.equal((ready.json() as { error: { code: string } }).error.code, 'database-unreachable');
    await app.close();
  });
});
