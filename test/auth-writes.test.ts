import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyChain } from '../src/domain/audit/audit.js';
import { addUser } from '../src/domain/auth/auth.service.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { demoEmail } from '../src/demo/demo-users.js';
import { ROLES } from '../src/domain/auth/roles.js';
import { me } from '../src/web/test/fixtures.js';
import { testApp, type TestApp } from './helpers/app.js';
import { inject, signInDemo, type Caller } from './helpers/session.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const ISSUE = '/api/v1/dialogues/us-cn-ciwg/issues/cross-border-data-flows';

describe('signing in', () => {
  it('with a password; the same answer for an unknown e-mail and a wrong password; then rate-limited', async () => {
    await addUser(h.auth, SYSTEM_ACTOR, {
      email: 'Analyst@Example.gov',
      side: 'us',
      role: 'analyst',
      password: 'correct horse battery',
    });
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'analyst@example.gov', password: 'correct horse battery' },
    });
    assert.equal(ok.statusCode, 204);
    const setCookie = String(ok.headers['set-cookie']);
    assert.match(setCookie, /parley_session=[\w-]{40,}/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);

    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'analyst@example.gov', password: 'wrong' },
    });
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'nobody@example.gov', password: 'wrong' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());

    for (let i = 0; i < 4; i++) {
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'analyst@example.gov', password: 'wrong' },
      });
    }
    const limited = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'analyst@example.gov', password: 'correct horse battery' },
    });
    assert.equal(limited.statusCode, 429);
    assert.equal((limited.json() as { error: { code: string } }).error.code, 'too-many-attempts');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  it('rotates the session id at each sign-in and signs out', async () => {
    const first = await signInDemo(h.app, 'us', 'analyst');
    const second = await h.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { email: demoEmail('us', 'analyst') },
      headers: { cookie: first.cookie },
    });
    const cookie2 = String(second.headers['set-cookie']).split(';')[0]!;
    assert.notEqual(cookie2, first.cookie);
    assert.equal((await inject(h.app, first, 'GET', '/api/v1/me')).statusCode, 401, 'the old session ended');
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: {
        cookie: cookie2,
        'x-csrf-token': (
          (await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookie2 } })).json() as {
            csrfToken: string;
          }
        ).csrfToken,
      },
    });
    assert.equal(out.statusCode, 204);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookie2 } })).statusCode,
      401,
    );
  });
});

describe('what a role may do', () => {
  it('is what the web component tests are given for that role (src/web/test/fixtures.ts)', async () => {
    for (const role of ROLES) {
      const caller = await signInDemo(h.app, 'cn', role);
      const served = (await inject(h.app, caller, 'GET', '/api/v1/me')).json() as { permissions: string[] };
      assert.deepEqual(me('cn', role).permissions, served.permissions, role);
    }
  });
});

describe('writes', () => {
  it('refuse the public, other roles and a missing CSRF token', async () => {
    assert.equal(
      (await inject(h.app, undefined, 'PATCH', ISSUE, { status: 'dormant' }, { 'if-match': '"1"' })).statusCode,
      401,
    );
    const pa = await signInDemo(h.app, 'us', 'public-affairs');
    assert.equal(
      (await inject(h.app, pa, 'PATCH', ISSUE, { status: 'dormant' }, { 'if-match': '"1"' })).statusCode,
      403,
    );
    const analyst = await signInDemo(h.app, 'us', 'analyst');
    const noCsrf = await h.app.inject({
      method: 'PATCH',
      url: ISSUE,
      payload: { status: 'dormant' },
      headers: { cookie: analyst.cookie, 'if-match': '"1"' },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((noCsrf.json() as { error: { code: string } }).error.code, 'csrf-failed');
    const cn = await signInDemo(h.app, 'cn', 'analyst');
    const other = await inject(h.app, cn, 'PATCH', ISSUE, { status: 'dormant' }, { 'if-match': '"1"' });
    assert.equal(other.statusCode, 403);
    assert.match((other.json() as { error: { message: string } }).error.message, /us side/);
  });

  it('need If-Match, refuse a stale version with the current one, and audit what changed', async () => {
    const analyst = await signInDemo(h.app, 'us', 'analyst');
    const current = await inject(h.app, analyst, 'GET', ISSUE);
    const version = (current.json() as { version: number }).version;
    assert.equal((await inject(h.app, analyst, 'PATCH', ISSUE, { status: 'dormant' })).statusCode, 428);
    const ok = await inject(h.app, analyst, 'PATCH', ISSUE, { status: 'dormant' }, { 'if-match': `"${version}"` });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers.etag, `"${version + 1}"`);
    assert.equal((ok.json() as { status: string }).status, 'dormant');
    const stale = await inject(h.app, analyst, 'PATCH', ISSUE, { status: 'open' }, { 'if-match': `"${version}"` });
    assert.equal(stale.statusCode, 412);
    const body = stale.json() as {
      error: { code: string; details: { currentVersion: number; current: { status: string } } };
    };
    assert.equal(body.error.code, 'version-conflict');
    assert.equal(body.error.details.currentVersion, version + 1);
    assert.equal(body.error.details.current.status, 'dormant');

    const id = (ok.json() as { id: string }).id;
    const history = await inject(h.app, analyst, 'GET', `/api/v1/issues/${id}/history`);
    assert.equal(history.statusCode, 200);
    const entries = (
      history.json() as {
        items: {
          action: string;
          actor: string;
          changes: { field: string; before: unknown; after: unknown }[] | null;
        }[];
      }
    ).items;
    const last = entries.at(-1)!;
    assert.equal(last.action, 'issue.update');
    assert.equal(last.actor, demoEmail('us', 'analyst'));
    assert.deepEqual(
      last.changes?.find((c) => c.field === 'status'),
      { field: 'status', before: 'open', after: 'dormant' },
    );
  });

  it('hides the history of a record the caller may not see', async () => {
    const internal = await h.t.db
      .selectFrom('issues')
      .select('id')
      .where('key', '=', 'medical-device-procurement')
      .executeTakeFirstOrThrow();
    const cn = await signInDemo(h.app, 'cn', 'lead');
    assert.equal((await inject(h.app, cn, 'GET', `/api/v1/issues/${internal.id}/history`)).statusCode, 404);
    assert.equal((await inject(h.app, undefined, 'GET', `/api/v1/issues/${internal.id}/history`)).statusCode, 404);
    const us = await signInDemo(h.app, 'us', 'lead');
    assert.equal((await inject(h.app, us, 'GET', `/api/v1/issues/${internal.id}/history`)).statusCode, 200);
  });

  it('exactly one of two updates with the same If-Match wins; no lost update among 50 writers', async () => {
    const analyst = await signInDemo(h.app, 'us', 'analyst');
    const url = '/api/v1/dialogues/us-cn-ciwg/issues/regulatory-transparency';
    const version = ((await inject(h.app, analyst, 'GET', url)).json() as { version: number }).version;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        inject(h.app, analyst, 'PATCH', url, { summary: { en: `writer ${i}` } }, { 'if-match': `"${version}"` }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.equal(codes.filter((c) => c === 200).length, 1);
    assert.equal(codes.filter((c) => c === 412).length, 49);
    const winner = results.find((r) => r.statusCode === 200)!.json() as { summary: { en: string }; version: number };
    const now = (await inject(h.app, analyst, 'GET', url)).json() as { summary: { en: string }; version: number };
    assert.deepEqual(now.summary, winner.summary, "the winner's write is what is on file");
    assert.equal(now.version, version + 1);
  });

  it('API tokens: shown once, stored as a hash, read-only scope cannot write, revocable', async () => {
    const analyst = await signInDemo(h.app, 'us', 'analyst');
    const created = await inject(h.app, analyst, 'POST', '/api/v1/me/tokens', { name: 'script', scope: 'read' });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json() as { token: string; id: string };
    assert.match(token, /^prl_/);
    const stored = await h.t.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    assert.ok(
      !JSON.stringify((await inject(h.app, analyst, 'GET', '/api/v1/me/tokens')).json()).includes(token),
      'the list never shows the token',
    );
    const bearer = { authorization: `Bearer ${token}` };
    const read = await h.app.inject({
      method: 'GET',
      url: '/api/v1/dialogues/us-cn-ciwg/issues/agricultural-inspection-delays',
      headers: bearer,
    });
    assert.equal(read.statusCode, 200, 'a token reads what its side may see');
    const write = await h.app.inject({
      method: 'PATCH',
      url: ISSUE,
      payload: { status: 'open' },
      headers: { ...bearer, 'if-match': '"1"' },
    });
    assert.equal(write.statusCode, 403);
    assert.equal((await inject(h.app, analyst, 'DELETE', `/api/v1/me/tokens/${id}`)).statusCode, 204);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode, 401);
  });
});

describe('the audit trail', () => {
  it('verifies after the writes above, and names an altered, a removed and a reordered entry', async () => {
    const entries = async () => {
      const out = [];
      for await (const e of h.t.store.auditTrail()) out.push(e);
      return out;
    };
    const intact = verifyChain(await entries());
    assert.equal(intact.problem, undefined);
    assert.ok(intact.count > 50, `${intact.count} entries`);

    // Altered: a field of entry 10 changed in SQL.
    const original = (await entries()).find((e) => e.position === 10)!;
    await sql`update audit_log set actor = 'someone else' where position = 10`.execute(h.t.db);
    assert.deepEqual(verifyChain(await entries()).problem, { kind: 'altered', position: 10 });
    await sql`update audit_log set actor = ${original.actor} where position = 10`.execute(h.t.db);
    assert.equal(verifyChain(await entries()).problem, undefined);

    // Removed: entry 20 deleted; the chain breaks at 21.
    const row20 = await sql<Record<string, unknown>>`select * from audit_log where position = 20`.execute(h.t.db);
    await sql`delete from audit_log where position = 20`.execute(h.t.db);
    assert.deepEqual(verifyChain(await entries()).problem, {
      kind: 'out-of-order',
      position: 21,
      expectedPosition: 20,
    });

    // Put back, the chain is whole again.
    await sql`insert into audit_log select * from json_populate_record(null::audit_log, ${JSON.stringify(row20.rows[0])}::json)`.execute(
      h.t.db,
    );
    assert.equal(verifyChain(await entries()).problem, undefined);

    // Reordered: entries 30 and 31 swap places; the chain breaks at 30.
    await sql`update audit_log set position = -1 where position = 30`.execute(h.t.db);
    await sql`update audit_log set position = 30 where position = 31`.execute(h.t.db);
    await sql`update audit_log set position = 31 where position = -1`.execute(h.t.db);
    assert.deepEqual(verifyChain(await entries()).problem?.kind, 'broken-link');
    assert.equal(verifyChain(await entries()).problem?.position, 30);
  });
});

describe('ownership', () => {
  it('an issue cannot be opened for, or handed to, another side', async () => {
    const analyst = await signInDemo(h.app, 'us', 'analyst');
    const handOver = await inject(
      h.app,
      analyst,
      'PATCH',
      '/api/v1/dialogues/us-cn-ciwg/issues/medical-device-procurement',
      { owner: 'cn' },
      { 'if-match': '"1"' },
    );
    assert.equal(handOver.statusCode, 403);
    assert.match((handOver.json() as { error: { message: string } }).error.message, /cannot be handed to another side/);
    const created = await inject(h.app, analyst, 'POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
      key: 'planted-issue',
      title: { en: 'Planted' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'other',
      owner: 'cn',
    });
    assert.equal(created.statusCode, 403);
    const fine = await inject(h.app, analyst, 'POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
      key: 'solar-export-licences',
      title: { en: 'Export licences for solar-grade polysilicon', zh: '太阳能级多晶硅出口许可' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'export-controls',
      products: ['280461'],
    });
    assert.equal(fine.statusCode, 201, fine.body);
    assert.equal(fine.headers.etag, '"1"');
    assert.deepEqual(
      [(fine.json() as { visibility: string }).visibility, (fine.json() as { owner: string }).owner],
      ['internal', 'us'],
    );
  });
});

describe('a side imports only what it owns', () => {
  const bundleUrl = '/api/v1/bundles';
  async function demoBundle(c: Caller): Promise<{
    format: string;
    dialogue: { people: { key: string; side: string; name: Record<string, string> }[] };
    issues: { key: string; owner?: string; title: Record<string, string> }[];
    meetings: { accounts: { side: string | null; notes?: Record<string, string> }[] }[];
  }> {
    const res = await inject(h.app, c, 'GET', '/api/v1/dialogues/us-cn-ciwg/bundle');
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }
  async function auditCount(): Promise<number> {
    const r = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(h.t.db);
    return r.rows[0]!.n;
  }

  it("refuses to change the other side's account, naming where it is, and writes nothing", async () => {
    const lead = await signInDemo(h.app, 'us', 'lead');
    const bundle = await demoBundle(lead);
    const account = bundle.meetings[0]!.accounts.findIndex((a) => a.side === 'cn');
    assert.ok(account >= 0);
    bundle.meetings[0]!.accounts[account]!.notes = { en: 'Rewritten by the other delegation' };
    // A change of its own in the same bundle must not land either.
    const own = bundle.issues.findIndex((i) => i.key === 'medical-device-procurement');
    bundle.issues[own]!.title = { ...bundle.issues[own]!.title, en: 'Retitled in the refused import' };
    const before = await auditCount();
    const res = await inject(h.app, lead, 'POST', bundleUrl, bundle);
    assert.equal(res.statusCode, 403, res.body);
    const message = (res.json() as { error: { message: string } }).error.message;
    assert.match(message, new RegExp(`^/meetings/0/accounts/${account}: the account of cn belongs to cn`));
    assert.equal(await auditCount(), before);
    const issue = await inject(h.app, lead, 'GET', '/api/v1/dialogues/us-cn-ciwg/issues/medical-device-procurement');
    assert.notEqual((issue.json() as { title: { en: string } }).title.en, 'Retitled in the refused import');
  });

  it("refuses a person of the other side, and a new issue in the other side's name", async () => {
    const lead = await signInDemo(h.app, 'us', 'lead');
    const bundle = await demoBundle(lead);
    const person = bundle.dialogue.people.findIndex((p) => p.side === 'cn');
    bundle.dialogue.people[person]!.name = { ...bundle.dialogue.people[person]!.name, en: 'Somebody Else' };
    const res = await inject(h.app, lead, 'POST', bundleUrl, bundle);
    assert.equal(res.statusCode, 403, res.body);
    assert.match(
      (res.json() as { error: { message: string } }).error.message,
      new RegExp(`^/dialogue/people/${person}:`),
    );

    const planted = await demoBundle(lead);
    planted.issues.push({
      ...planted.issues[0]!,
      key: 'planted-by-import',
      owner: 'cn',
      title: { en: 'Planted by import' },
    });
    const res2 = await inject(h.app, lead, 'POST', bundleUrl, planted);
    assert.equal(res2.statusCode, 403, res2.body);
    assert.match(
      (res2.json() as { error: { message: string } }).error.message,
      new RegExp(`^/issues/${planted.issues.length - 1}: the issue "planted-by-import" belongs to cn`),
    );
  });

  it("accepts its own changes, with the other side's records as they are on file", async () => {
    const lead = await signInDemo(h.app, 'us', 'lead');
    const bundle = await demoBundle(lead);
    const own = bundle.issues.findIndex((i) => i.key === 'cross-border-data-flows');
    bundle.issues[own]!.title = { ...bundle.issues[own]!.title, en: 'Cross-border data flows and data localisation' };
    const res = await inject(h.app, lead, 'POST', bundleUrl, bundle);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { updated: number }).updated, 1);
  });
});

describe('history across a change of tier', () => {
  it("shows the other side only what it could see: not the wording of an issue's internal days", async () => {
    const cn = await signInDemo(h.app, 'cn', 'analyst');
    const us = await signInDemo(h.app, 'us', 'analyst');
    const created = await inject(h.app, cn, 'POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
      key: 'rare-earth-licensing-draft',
      title: { en: 'Candid internal wording', zh: '内部措辞' },
      raisedBy: 'cn',
      respondent: 'us',
      category: 'export-controls',
    });
    assert.equal(created.statusCode, 201, created.body);
    const issue = created.json() as { id: string };
    const url = '/api/v1/dialogues/us-cn-ciwg/issues/rare-earth-licensing-draft';
    const retitled = await inject(
      h.app,
      cn,
      'PATCH',
      url,
      { title: { en: 'Still internal wording', zh: '仍是内部措辞' } },
      { 'if-match': '"1"' },
    );
    assert.equal(retitled.statusCode, 200, retitled.body);
    const shared = await inject(
      h.app,
      cn,
      'PATCH',
      url,
      { visibility: 'shared', title: { en: 'Licensing of rare-earth exports', zh: '稀土出口许可' } },
      { 'if-match': '"2"' },
    );
    assert.equal(shared.statusCode, 200, shared.body);

    type Entry = { action: string; before: unknown; changes: unknown; after: unknown; beforeWithheld?: boolean };
    const theirs = (await inject(h.app, us, 'GET', `/api/v1/issues/${issue.id}/history`)).json() as { items: Entry[] };
    assert.equal(theirs.items.length, 1);
    assert.equal(theirs.items[0]!.beforeWithheld, true);
    assert.equal(theirs.items[0]!.before, null);
    assert.equal(theirs.items[0]!.changes, null);
    const text = JSON.stringify(theirs);
    assert.doesNotMatch(text, /Candid internal wording|Still internal wording|内部措辞/);
    assert.match(text, /稀土出口许可/);

    const own = (await inject(h.app, cn, 'GET', `/api/v1/issues/${issue.id}/history`)).json() as { items: Entry[] };
    assert.equal(own.items.length, 3);
    assert.ok(own.items.every((e) => e.beforeWithheld === undefined));
    assert.match(JSON.stringify(own), /Candid internal wording/);
  });

  it("leaves the internal days' status changes out of the other side's timeline", async () => {
    const cn = await signInDemo(h.app, 'cn', 'analyst');
    const us = await signInDemo(h.app, 'us', 'analyst');
    const url = '/api/v1/dialogues/us-cn-ciwg/issues/pending-internal-triage';
    const created = await inject(h.app, cn, 'POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
      key: 'pending-internal-triage',
      title: { en: 'Kept internal at first', zh: '起初仅内部可见' },
      raisedBy: 'cn',
      respondent: 'us',
      category: 'export-controls',
    });
    assert.equal(created.statusCode, 201, created.body);
    const opened = await inject(h.app, cn, 'PATCH', url, { status: 'resolved-in-part' }, { 'if-match': '"1"' });
    assert.equal(opened.statusCode, 200, opened.body);
    const shared = await inject(h.app, cn, 'PATCH', url, { visibility: 'shared' }, { 'if-match': '"2"' });
    assert.equal(shared.statusCode, 200, shared.body);

    type Timeline = { statusChanges: { from: string | null; to: string }[] };
    const timeline = async (who: typeof cn) => {
      const res = await inject(h.app, who, 'GET', `${url}/timeline`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as Timeline).statusChanges.map((c) => `${c.from}→${c.to}`);
    };
    assert.deepEqual(await timeline(cn), ['open→resolved-in-part']);
    assert.deepEqual(await timeline(us), []);

    const later = await inject(h.app, cn, 'PATCH', url, { status: 'open' }, { 'if-match': '"3"' });
    assert.equal(later.statusCode, 200, later.body);
    assert.deepEqual(await timeline(us), ['resolved-in-part→open']);
    assert.deepEqual(await timeline(cn), ['open→resolved-in-part', 'resolved-in-part→open']);
  });
});
