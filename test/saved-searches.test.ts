/**
 * Issue 7: saved searches with e-mail alerts. Saving, listing and deleting
 * through the API (each user reaches only their own, input errors name their
 * field), and the alert job run directly, delivered over SMTP to a real SMTP
 * server started here: one e-mail with the new match, none the second time,
 * never a record the user may not see, nothing for a disabled user.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoEmail } from '../src/demo/demo-users.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { deliverDue } from '../src/domain/mail/outbox.js';
import { runSearchAlerts } from '../src/domain/search/saved.js';
import { createSmtpTransport } from '../src/mail/smtp.js';
import { testApp, type TestApp } from './helpers/app.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from './helpers/smtp.js';

const ORIGIN = 'https://parley.example.gov';
const D = '/api/v1/dialogues/us-cn-ciwg';

let h: TestApp;
let smtp: TestSmtp;

before(async () => {
  h = await testApp();
  smtp = await startTestSmtp();
});
after(async () => {
  await smtp?.close();
  await h?.close();
});

const sessions = new Map<string, { cookie: string; csrf: string }>();
async function session(who: string) {
  if (!sessions.has(who)) {
    const [side, role] = who.split(':') as [string, string];
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { email: demoEmail(side, role) },
    });
    assert.equal(res.statusCode, 204, res.body);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    sessions.set(who, { cookie, csrf: (me.json() as { csrfToken: string }).csrfToken });
  }
  return sessions.get(who)!;
}

async function as(who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const c = await session(who);
  return h.app.inject({
    method,
    url,
    payload: payload as object,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
  });
}

interface Saved {
  id: string;
  name: string;
  query: Record<string, unknown>;
  alert: boolean;
  language: string;
  lastAlertedAt: string | null;
}

async function save(who: string, body: unknown): Promise<Saved> {
  const res = await as(who, 'POST', '/api/v1/me/searches', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Saved;
}

async function openIssue(who: string, key: string, title: { en: string; zh: string }, visibility: string) {
  const [side] = who.split(':') as [string];
  const res = await as(who, 'POST', `${D}/issues`, {
    key,
    title,
    raisedBy: side,
    respondent: side === 'us' ? 'cn' : 'us',
    category: 'import-policies',
    visibility,
  });
  assert.equal(res.statusCode, 201, res.body);
}

/** Runs the alert job, then delivers the outbox over SMTP; answers the e-mails that arrived. */
async function alertAndDeliver(): Promise<{ queued: number; mails: ReceivedMail[] }> {
  const before = smtp.received.length;
  const run = await runSearchAlerts(h.t.store, { origin: ORIGIN });
  const transport = createSmtpTransport({ url: smtp.url, from: 'Parley <parley@example.gov>', timeoutMs: 10_000 });
  await deliverDue({ outbox: h.t.store.outbox, transport, origin: ORIGIN, now: () => new Date(Date.now() + 1000) });
  await transport.close();
  return { queued: run.mails, mails: smtp.received.slice(before) };
}

const alertRows = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from outbox where kind = 'search.alert'`.execute(h.t.db)).rows[0]!.n,
  );

describe('saved searches: the API', () => {
  it('saves, lists and deletes my own searches, audited', async () => {
    const s = await save('us:analyst', {
      name: 'Data flows',
      query: { q: 'data', kind: 'issue' },
      alert: false,
      language: 'zh',
    });
    assert.equal(s.name, 'Data flows');
    assert.deepEqual(s.query, { q: 'data', kind: 'issue' });
    assert.equal(s.language, 'zh');
    const list = (await as('us:analyst', 'GET', '/api/v1/me/searches')).json() as { items: Saved[] };
    assert.ok(list.items.some((x) => x.id === s.id));
    const audit = await sql<{ action: string }>`select action from audit_log where record_id = ${s.id}`.execute(h.t.db);
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['saved-search.create'],
    );
    assert.equal((await as('us:analyst', 'DELETE', `/api/v1/me/searches/${s.id}`)).statusCode, 204);
    const after = (await as('us:analyst', 'GET', '/api/v1/me/searches')).json() as { items: Saved[] };
    assert.ok(!after.items.some((x) => x.id === s.id));
    assert.equal((await as('us:analyst', 'DELETE', `/api/v1/me/searches/${s.id}`)).statusCode, 404);
  });

  it('another user cannot list or delete my saved search (404)', async () => {
    const mine = await save('us:lead', { name: 'Mine', query: { q: 'tariffs' }, alert: true });
    for (const other of ['us:analyst', 'cn:lead']) {
      const list = (await as(other, 'GET', '/api/v1/me/searches')).json() as { items: Saved[] };
      assert.ok(!list.items.some((x) => x.id === mine.id), `${other} does not list it`);
      const del = await as(other, 'DELETE', `/api/v1/me/searches/${mine.id}`);
      assert.equal(del.statusCode, 404, del.body);
    }
    const still = (await as('us:lead', 'GET', '/api/v1/me/searches')).json() as { items: Saved[] };
    assert.ok(
      still.items.some((x) => x.id === mine.id),
      'still there for me',
    );
  });

  it('names the field of bad input, and saves nothing', async () => {
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from saved_searches`.execute(h.t.db)).rows[0]!.n);
    const before = await count();
    const cases: [unknown, string][] = [
      [{ name: '', query: { q: 'data' }, alert: true }, '/body/name'],
      [{ name: 'x', query: { q: '  ' }, alert: true }, '/body/query/q'],
      [{ name: 'x', query: { q: 'data', kind: 'memo' }, alert: true }, '/body/query/kind'],
      [{ name: 'x', query: { q: 'data', economy: 'china' }, alert: true }, '/body/query/economy'],
      [{ name: 'x', query: { q: 'data', year: 'soon' }, alert: true }, '/body/query/year'],
      [{ name: 'x', query: { q: 'data' }, alert: 'yes' }, '/body/alert'],
      [{ name: 'x', query: { q: 'data' }, alert: true, language: 'fr' }, '/body/language'],
    ];
    for (const [body, pointer] of cases) {
      const res = await as('us:analyst', 'POST', '/api/v1/me/searches', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      const problems = (res.json() as { error: { details: { problems: { pointer: string }[] } } }).error.details
        .problems;
      assert.ok(
        problems.some((p) => p.pointer === pointer),
        `${pointer} named in ${JSON.stringify(problems)}`,
      );
    }
    assert.equal(await count(), before);
  });
});

describe('saved searches: alerts by e-mail', () => {
  it('one e-mail with the new match; none the second time; never what the user may not see', async () => {
    // Saved when nothing matches yet; what matched at saving would not count as new.
    const saved = await save('us:analyst', { name: 'Quokka watch', query: { q: 'quokka' }, alert: true });
    assert.equal((await alertAndDeliver()).mails.length, 0, 'nothing new: no e-mail');

    await openIssue(
      'us:lead',
      'quokka-import-quotas',
      { en: 'Quokka import quotas', zh: '短尾矮袋鼠进口配额' },
      'shared',
    );
    // Another side's internal record matching the same words.
    await openIssue(
      'cn:lead',
      'quokka-internal-brief',
      { en: 'Quokka internal brief', zh: '短尾矮袋鼠内部简报' },
      'internal',
    );

    const first = await alertAndDeliver();
    assert.equal(first.queued, 1);
    const mine = first.mails.filter((m) => m.to.includes(demoEmail('us', 'analyst')));
    assert.equal(mine.length, 1, `one e-mail: ${first.mails.map((m) => m.subject).join(' | ')}`);
    const mail = mine[0]!;
    assert.match(mail.subject, /Quokka watch/);
    assert.match(mail.text, /Issue: Quokka import quotas/);
    assert.ok(
      mail.text.includes(`${ORIGIN}/dialogues/us-cn-ciwg/issues/quokka-import-quotas`),
      `link to the issue in:\n${mail.text}`,
    );
    assert.ok(!/internal brief|quokka-internal-brief/i.test(mail.text), 'no record of the other side');
    assert.ok(mail.text.includes(`${ORIGIN}/search?q=quokka`), 'a link to run the search');

    const second = await alertAndDeliver();
    assert.equal(second.queued, 0);
    assert.equal(second.mails.length, 0, 'nothing new the second time');

    const list = (await as('us:analyst', 'GET', '/api/v1/me/searches')).json() as { items: Saved[] };
    assert.ok(list.items.find((x) => x.id === saved.id)?.lastAlertedAt, 'the last alert is recorded');
  });

  it('the other side is alerted of its own internal record, in Chinese when saved in Chinese', async () => {
    await save('cn:analyst', { name: '袋鼠', query: { q: '短尾矮袋鼠' }, alert: true, language: 'zh' });
    await openIssue('cn:lead', 'quokka-cn-memo', { en: 'Quokka memo', zh: '短尾矮袋鼠备忘录' }, 'internal');
    const run = await alertAndDeliver();
    const theirs = run.mails.filter((m) => m.to.includes(demoEmail('cn', 'analyst')));
    assert.equal(theirs.length, 1);
    assert.match(theirs[0]!.subject, /有新结果/);
    assert.match(theirs[0]!.text, /议题/);
    assert.ok(theirs[0]!.text.includes('quokka-cn-memo'));
    // The U.S. analyst's search matches "quokka" too, but may not see this internal record.
    assert.equal(run.mails.filter((m) => m.to.includes(demoEmail('us', 'analyst'))).length, 0);
  });

  it('a search with alerts off, or of a disabled user, sends nothing', async () => {
    await save('us:public-affairs', { name: 'Off', query: { q: 'wallaby' }, alert: false });
    await save('us:lead', { name: 'Wallabies', query: { q: 'wallaby' }, alert: true });
    const lead = (await h.auth.users.byEmail(demoEmail('us', 'lead')))!;
    await h.auth.users.setDisabled(lead.id, true, SYSTEM_ACTOR);
    const before = await alertRows();
    await openIssue('us:analyst', 'wallaby-standards', { en: 'Wallaby standards', zh: '沙袋鼠标准' }, 'public');
    const run = await alertAndDeliver();
    assert.equal(run.mails.length, 0, run.mails.map((m) => `${m.to.join()} ${m.subject}`).join(' | '));
    assert.equal(await alertRows(), before);
    await h.auth.users.setDisabled(lead.id, false, SYSTEM_ACTOR);
  });
});
