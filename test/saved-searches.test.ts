/**
 * Issue 7: saved searches with e-mail alerts. Saving, listing, changing (with
 * If-Match: 412 on a stale version) and deleting through the API (each user
 * reaches only their own, input errors name their field, every write
 * audited), and the alert job run directly, delivered over SMTP to a real SMTP
 * server started here: one e-mail with the new match, none the second time,
 * every new match counted however many (not only the newest page), never a
 * record the user may not see, nothing for a disabled user.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoEmail } from '../src/demo/demo-users.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { deliverDue } from '../src/domain/mail/outbox.js';
import { ALERT_OVERLAP_MS, runSearchAlerts } from '../src/domain/search/saved.js';
import { search, searchAccess } from '../src/domain/search/search.service.js';
import { createSmtpTransport } from '../src/mail/smtp.js';
import { testApp, type TestApp } from './helpers/app.js';
import { callers, inject, type Method } from './helpers/session.js';
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

const signedIn = callers(() => h.app);
/** Sessions are named `side:role`. */
const session = (who: string) => {
  const [side, role] = who.split(':') as [string, string];
  return signedIn(side, role);
};

async function as(who: string, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return inject(h.app, await session(who), method, url, payload, headers);
}

interface Saved {
  id: string;
  name: string;
  query: Record<string, unknown>;
  alert: boolean;
  language: string;
  lastAlertedAt: string | null;
  version: number;
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

describe('saved searches: changing one (PATCH, If-Match)', () => {
  const url = (s: Saved) => `/api/v1/me/searches/${s.id}`;
  const row = async (id: string) =>
    (
      await sql<{
        name: string;
        query: unknown;
        alert: boolean;
        version: number;
        seen: unknown;
      }>`select name, query, alert, version, seen from saved_searches where id = ${id}`.execute(h.t.db)
    ).rows[0]!;
  const audits = async (id: string) =>
    (
      await sql<{
        action: string;
        before: unknown;
        after: unknown;
      }>`select action, before, after from audit_log where record_id = ${id} order by position`.execute(h.t.db)
    ).rows;

  it('renames, turns the alert off and changes the query; new ETag, audited with before and after', async () => {
    const s = await save('us:analyst', { name: 'Koalas', query: { q: 'koala' }, alert: true });
    assert.equal(s.version, 1);
    const res = await as(
      'us:analyst',
      'PATCH',
      url(s),
      { name: '  Koala trade ', alert: false, query: { q: 'koala', kind: 'issue' } },
      { 'if-match': `"${s.version}"` },
    );
    assert.equal(res.statusCode, 200, res.body);
    const changed = res.json() as Saved;
    assert.equal(changed.name, 'Koala trade');
    assert.equal(changed.alert, false);
    assert.deepEqual(changed.query, { q: 'koala', kind: 'issue' });
    assert.equal(changed.version, 2);
    assert.equal(res.headers.etag, '"2"');
    assert.equal(changed.language, 'en', 'the language stays');

    const entries = await audits(s.id);
    assert.deepEqual(
      entries.map((e) => e.action),
      ['saved-search.create', 'saved-search.update'],
    );
    const update = entries[1]!;
    const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : v);
    assert.deepEqual(json(update.before), { name: 'Koalas', query: { q: 'koala' }, alert: true, language: 'en' });
    assert.deepEqual(json(update.after), {
      name: 'Koala trade',
      query: { q: 'koala', kind: 'issue' },
      alert: false,
      language: 'en',
    });

    // One field alone; W/ ETags are accepted as elsewhere.
    const again = await as('us:analyst', 'PATCH', url(s), { alert: true }, { 'if-match': 'W/"2"' });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(
      { name: (again.json() as Saved).name, alert: (again.json() as Saved).alert, v: (again.json() as Saved).version },
      { name: 'Koala trade', alert: true, v: 3 },
    );
  });

  it('a stale version is 412 and changes nothing; no If-Match is 428', async () => {
    const s = await save('us:analyst', { name: 'Emus', query: { q: 'emu' }, alert: true });
    const ok = await as('us:analyst', 'PATCH', url(s), { name: 'Emus 2' }, { 'if-match': '"1"' });
    assert.equal(ok.statusCode, 200, ok.body);
    const before = await row(s.id);
    const auditsBefore = (await audits(s.id)).length;

    const stale = await as(
      'us:analyst',
      'PATCH',
      url(s),
      { name: 'From an old tab', alert: false, query: { q: 'cassowary' } },
      { 'if-match': '"1"' },
    );
    assert.equal(stale.statusCode, 412, stale.body);
    const error = (stale.json() as { error: { code: string; details: { currentVersion: number } } }).error;
    assert.equal(error.code, 'version-conflict');
    assert.equal(error.details.currentVersion, 2);

    const none = await as('us:analyst', 'PATCH', url(s), { name: 'No version' });
    assert.equal(none.statusCode, 428, none.body);

    assert.deepEqual(await row(s.id), before, 'nothing changed');
    assert.equal((await audits(s.id)).length, auditsBefore, 'nothing audited');
  });

  it("another user's saved search is 404, and stays as it was", async () => {
    const mine = await save('us:lead', { name: 'Dingo', query: { q: 'dingo' }, alert: true });
    const before = await row(mine.id);
    for (const other of ['us:analyst', 'cn:lead']) {
      const res = await as(other, 'PATCH', url(mine), { name: 'Taken' }, { 'if-match': '"1"' });
      assert.equal(res.statusCode, 404, `${other}: ${res.body}`);
    }
    const unknown = await as(
      'us:lead',
      'PATCH',
      '/api/v1/me/searches/00000000-0000-4000-8000-000000000000',
      { name: 'x' },
      { 'if-match': '"1"' },
    );
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.equal((await as('us:lead', 'PATCH', '/api/v1/me/searches/not-an-id', { name: 'x' })).statusCode, 404);
    assert.deepEqual(await row(mine.id), before);
  });

  it('names the field of bad input, and changes nothing', async () => {
    const s = await save('us:analyst', { name: 'Wombats', query: { q: 'wombat' }, alert: true });
    const before = await row(s.id);
    const cases: [unknown, string][] = [
      [{ name: '' }, '/body/name'],
      [{ name: 'x'.repeat(101) }, '/body/name'],
      [{ alert: 'yes' }, '/body/alert'],
      [{ query: { q: '  ' } }, '/body/query/q'],
      [{ query: { q: 'wombat', kind: 'memo' } }, '/body/query/kind'],
      [{ query: { q: 'wombat', year: 'soon' } }, '/body/query/year'],
      [{ query: { kind: 'issue' } }, '/body/query/q'],
      // The body as a whole, as the error handler names it elsewhere (test/reports.test.ts).
      [{}, '/body/'],
    ];
    for (const [body, pointer] of cases) {
      const res = await as('us:analyst', 'PATCH', url(s), body, { 'if-match': '"1"' });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      const problems = (res.json() as { error: { details: { problems: { pointer: string; message: string }[] } } })
        .error.details.problems;
      assert.ok(
        problems.some((p) => p.pointer === pointer && p.message.length > 0),
        `${pointer} named in ${JSON.stringify(problems)}`,
      );
    }
    const badEtag = await as('us:analyst', 'PATCH', url(s), { name: 'x' }, { 'if-match': 'yesterday' });
    assert.equal(badEtag.statusCode, 400, badEtag.body);
    assert.deepEqual(await row(s.id), before, 'nothing changed');
  });

  it('a read-only API token may not change a saved search (403)', async () => {
    const s = await save('us:analyst', { name: 'Platypus', query: { q: 'platypus' }, alert: true });
    const c = await session('us:analyst');
    const made = await h.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'ro', scope: 'read' },
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    });
    assert.equal(made.statusCode, 201, made.body);
    const token = (made.json() as { token: string }).token;
    const res = await h.app.inject({
      method: 'PATCH',
      url: url(s),
      payload: { name: 'x' },
      headers: { authorization: `Bearer ${token}`, 'if-match': '"1"' },
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal((await row(s.id)).name, 'Platypus');
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

  it('every new match is counted, however many: one e-mail says 130, lists 20 and links the search', async () => {
    const en = await save('us:analyst', { name: 'Numbats', query: { q: 'numbat' }, alert: true });
    const zh = await save('cn:analyst', { name: '袋食蚁兽', query: { q: 'numbat' }, alert: true, language: 'zh' });
    for (let i = 1; i <= 130; i++) {
      const n = String(i).padStart(3, '0');
      await openIssue('us:lead', `numbat-${n}`, { en: `Numbat habitat ${n}`, zh: `袋食蚁兽栖息地 ${n}` }, 'shared');
    }
    // Internal to the other side: counted for that side's analyst only.
    for (let i = 1; i <= 5; i++) {
      await openIssue('cn:lead', `numbat-cn-${i}`, { en: `Numbat brief ${i}`, zh: `袋食蚁兽简报 ${i}` }, 'internal');
    }

    const run = await alertAndDeliver();
    const us = run.mails.filter((m) => m.to.includes(demoEmail('us', 'analyst')));
    assert.equal(us.length, 1, 'one e-mail per search and run');
    const mail = us[0]!;
    assert.match(mail.text, /Your saved search "Numbats" has 130 new matches:/);
    assert.equal(mail.text.match(/^- Issue: Numbat habitat/gm)?.length, 20, 'lists 20');
    assert.match(mail.text, /…and 110 more\./);
    assert.ok(mail.text.includes(`${ORIGIN}/search?q=numbat`), 'a link to the search');
    assert.ok(!/Numbat brief|numbat-cn-/.test(mail.text), 'no record of the other side');

    const cn = run.mails.filter((m) => m.to.includes(demoEmail('cn', 'analyst')));
    assert.equal(cn.length, 1);
    assert.match(cn[0]!.text, /您保存的搜索“袋食蚁兽”有 135 条新结果：/);
    assert.match(cn[0]!.text, /……另有 115 条。/);
    assert.equal(
      cn[0]!.text.match(/^- 议题: 袋食蚁兽/gm)?.length,
      20,
      'lists 20, titled in the language of the search',
    );

    // Every one of them is in the watermark: the next run has nothing to tell.
    const seen = async (id: string) =>
      (
        await sql<{ n: number }>`select jsonb_array_length(seen) as n from saved_searches where id = ${id}`.execute(
          h.t.db,
        )
      ).rows[0]!.n;
    assert.equal(Number(await seen(en.id)), 130);
    assert.equal(Number(await seen(zh.id)), 135);
    // What the alerts compare is what the search finds: the same records for the same reader.
    const analyst = (await h.auth.users.byEmail(demoEmail('us', 'analyst')))!;
    const access = searchAccess({ user: analyst, via: 'session', scope: 'read' });
    const matched = await h.t.store.search.matches(access, { q: 'numbat', filters: {}, language: 'en' });
    const found = await search(h.t.store, access, { q: 'numbat', sort: 'date', limit: 200 });
    assert.equal(matched.length, found.total);
    assert.deepEqual(
      matched.map((m) => `${m.kind}:${m.key}`),
      found.items.map((m) => `${m.kind}:${m.key}`),
    );
    const second = await alertAndDeliver();
    assert.equal(second.mails.filter((m) => /Numbat|袋食蚁兽/.test(m.subject)).length, 0, 'nothing new');
  });

  it('a changed query or an alert turned back on starts afresh; a record new since then is e-mailed', async () => {
    const s = await save('us:analyst', { name: 'Bilby', query: { q: 'bilby' }, alert: false });
    await openIssue('us:lead', 'bilby-one', { en: 'Bilby one', zh: '兔耳袋狸一' }, 'shared');
    await openIssue('us:lead', 'echidna-one', { en: 'Echidna one', zh: '针鼹一' }, 'shared');
    // Turned on after "Bilby one" appeared: it is known, not new.
    const on = await as('us:analyst', 'PATCH', `/api/v1/me/searches/${s.id}`, { alert: true }, { 'if-match': '"1"' });
    assert.equal(on.statusCode, 200, on.body);
    // Now asking for echidnas: what matches now is known too.
    const moved = await as(
      'us:analyst',
      'PATCH',
      `/api/v1/me/searches/${s.id}`,
      { query: { q: 'echidna' } },
      { 'if-match': '"2"' },
    );
    assert.equal(moved.statusCode, 200, moved.body);
    const quiet = await alertAndDeliver();
    assert.equal(quiet.mails.filter((m) => /Bilby/.test(m.subject)).length, 0, quiet.mails.map((m) => m.text).join());

    await openIssue('us:lead', 'echidna-two', { en: 'Echidna two', zh: '针鼹二' }, 'shared');
    const run = await alertAndDeliver();
    const mine = run.mails.filter((m) => /Bilby/.test(m.subject));
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.text, /has 1 new match:/);
    assert.match(mine[0]!.text, /Echidna two/);
    assert.ok(!/Echidna one|Bilby one/.test(mine[0]!.text));
    assert.ok(mine[0]!.text.includes(`${ORIGIN}/search?q=echidna`));
  });

  it('a run reads what was written since the last check, less an hour: not what was written before', async () => {
    const s = await save('us:analyst', { name: 'Quoll', query: { q: 'quoll' }, alert: true });
    assert.equal((await alertAndDeliver()).mails.filter((m) => /Quoll/.test(m.subject)).length, 0);
    const checked = async () =>
      (await sql<{ at: Date | null }>`select checked_at as at from saved_searches where id = ${s.id}`.execute(h.t.db))
        .rows[0]!.at;
    const firstCheck = await checked();
    assert.ok(firstCheck, 'the run recorded its check');

    await openIssue('us:lead', 'quoll-early', { en: 'Quoll early', zh: '袋鼬早' }, 'shared');
    await openIssue('us:lead', 'quoll-late', { en: 'Quoll late', zh: '袋鼬晚' }, 'shared');
    // As a write whose transaction began before the check and committed after it would leave them: one
    // document dated within the overlap before the check, one dated before the overlap (which a run
    // never has to read again: anything written then was compared by the run that followed).
    const at = (ms: number) => new Date(new Date(firstCheck).getTime() - ms);
    await sql`update search_documents set indexed_at = ${at(ALERT_OVERLAP_MS / 2)}
      where kind = 'issue' and key = 'quoll-late'`.execute(h.t.db);
    await sql`update search_documents set indexed_at = ${at(ALERT_OVERLAP_MS * 2)}
      where kind = 'issue' and key = 'quoll-early'`.execute(h.t.db);

    const run = await alertAndDeliver();
    const mine = run.mails.filter((m) => /Quoll/.test(m.subject));
    assert.equal(mine.length, 1, run.mails.map((m) => `${m.to.join()} ${m.subject}\n${m.text}`).join('\n---\n'));
    assert.match(mine[0]!.text, /has 1 new match:/);
    assert.match(mine[0]!.text, /Quoll late/);
    assert.ok(!/Quoll early/.test(mine[0]!.text), mine[0]!.text);
    assert.ok((await checked())!.getTime() > new Date(firstCheck).getTime(), 'each run moves the check on');
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
