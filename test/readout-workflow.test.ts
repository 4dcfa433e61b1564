/**
 * The readout workflow (issue 6, acceptance 4): draft → approved (the side's
 * lead) → published (the side's public affairs); hand edits kept; who may act
 * (only the side's lead and public affairs; the other side never sees a draft;
 * the public sees published readouts only); `out of date` after a change to
 * the record; published versions frozen and numbered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyChain } from '../src/domain/audit/audit.js';
import { demoEmail } from '../src/demo/demo-users.js';
import type { Readout } from '../src/shared/readout-workflow.js';
import { testApp, type TestApp } from './helpers/app.js';
import { callers, inject, type Method } from './helpers/session.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const signIn = callers(() => h.app);

/** A request as `who` ("us:lead"…; undefined is the public), signed in on first use. */
async function as(
  who: string | undefined,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const c = who ? await signIn(...(who.split(':') as [string, string])) : undefined;
  return inject(h.app, c, method, url, payload, headers);
}

const M1 = '/api/v1/dialogues/us-cn-ciwg/meetings/1/readouts';
const etag = (r: Readout) => ({ 'if-match': `"${r.version}"` });

async function draft(who: string, side: string, lang = 'en'): Promise<Readout> {
  const res = await as(who, 'POST', M1, { side, lang });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Readout;
}

describe('the readout workflow', () => {
  let us: Readout;

  it('a draft is generated from the record, internal to the side', async () => {
    us = await draft('us:public-affairs', 'us');
    assert.equal(us.state, 'draft');
    assert.equal(us.visibility, 'internal');
    assert.equal(us.handEdited, false);
    assert.equal(us.outOfDate, false);
    assert.match(us.text, /^# /);
    assert.match(us.text, /Washington/);
    // One working copy per side and language.
    const again = await as('us:lead', 'POST', M1, { side: 'us', lang: 'en' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'readout-exists');
  });

  it('only the side’s lead and public affairs draft; the other side is refused', async () => {
    for (const role of ['analyst', 'admin', 'reporter']) {
      assert.equal((await as(`us:${role}`, 'POST', M1, { side: 'us', lang: 'zh' })).statusCode, 403, role);
    }
    assert.equal((await as('cn:lead', 'POST', M1, { side: 'us', lang: 'zh' })).statusCode, 403);
    assert.equal((await as(undefined, 'POST', M1, { side: 'us', lang: 'zh' })).statusCode, 401);
  });

  it('the other side and the public never see a draft (404), nor in the list', async () => {
    const url = `${M1}/${us.id}`;
    assert.equal((await as('us:analyst', 'GET', url)).statusCode, 200);
    for (const who of ['cn:lead', 'cn:public-affairs', 'us:reporter', undefined]) {
      assert.equal((await as(who, 'GET', url)).statusCode, 404, String(who));
      assert.equal((await as(who, 'GET', `${url}/document?format=md`)).statusCode, 404, String(who));
      const list = (await as(who, 'GET', M1)).json() as { items: Readout[] };
      assert.ok(!list.items.some((r) => r.id === us.id), String(who));
    }
    // …nor act on it.
    assert.equal((await as('cn:lead', 'POST', `${url}/approve`)).statusCode, 404);
    assert.equal((await as('cn:public-affairs', 'PATCH', url, { text: 'x' }, etag(us))).statusCode, 404);
  });

  it('hand edits are kept apart from the model, with If-Match', async () => {
    const url = `${M1}/${us.id}`;
    const text = us.text.replace(/^# .*$/m, '# U.S. and China hold inaugural working group meeting');
    assert.equal((await as('us:public-affairs', 'PATCH', url, { text })).statusCode, 428);
    assert.equal((await as('us:public-affairs', 'PATCH', url, { text }, { 'if-match': '"99"' })).statusCode, 412);
    const res = await as('us:public-affairs', 'PATCH', url, { text }, etag(us));
    assert.equal(res.statusCode, 200, res.body);
    us = res.json() as Readout;
    assert.equal(us.text, text);
    assert.equal(us.handEdited, true);
    assert.equal(us.edited?.by, demoEmail('us', 'public-affairs'));
    const html = await as('us:lead', 'GET', `${url}/document?format=html`);
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /<h1[^>]*>U\.S\. and China hold inaugural working group meeting<\/h1>/);
    assert.match(html.body, /Washington/);
    const pdf = await as('us:lead', 'GET', `${url}/document?format=pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
  });

  it('only an approved readout is published; only the lead approves, only public affairs publish', async () => {
    const url = `${M1}/${us.id}`;
    const early = await as('us:public-affairs', 'POST', `${url}/publish`);
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error.code, 'readout-not-approved');
    assert.equal((await as('us:public-affairs', 'POST', `${url}/approve`)).statusCode, 403);
    assert.equal((await as('us:analyst', 'POST', `${url}/approve`)).statusCode, 403);
    const approved = await as('us:lead', 'POST', `${url}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    us = approved.json() as Readout;
    assert.equal(us.state, 'approved');
    assert.equal(us.approved?.by, demoEmail('us', 'lead'));
    assert.equal((await as('us:lead', 'POST', `${url}/publish`)).statusCode, 403);
    // Still internal: cn does not see an approved readout.
    assert.equal((await as('cn:lead', 'GET', url)).statusCode, 404);
  });

  it('a change to the record after approval marks it out of date and blocks publishing until confirmed', async () => {
    const url = `${M1}/${us.id}`;
    await sql`update meetings set version = version + 1
      where number = 1 and dialogue_id = (select id from dialogues where key = 'us-cn-ciwg')`.execute(h.t.db);
    const read = (await as('us:public-affairs', 'GET', url)).json() as Readout;
    assert.equal(read.outOfDate, true);
    const blocked = await as('us:public-affairs', 'POST', `${url}/publish`, {});
    assert.equal(blocked.statusCode, 409);
    assert.equal(blocked.json().error.code, 'readout-out-of-date');
    // Approving again takes the record as it is now.
    const again = (await as('us:lead', 'POST', `${url}/approve`)).json() as Readout;
    assert.equal(again.outOfDate, false);
    await sql`update meetings set version = version + 1
      where number = 1 and dialogue_id = (select id from dialogues where key = 'us-cn-ciwg')`.execute(h.t.db);
    const published = await as('us:public-affairs', 'POST', `${url}/publish`, { confirmOutOfDate: true });
    assert.equal(published.statusCode, 200, published.body);
    us = published.json() as Readout;
    assert.equal(us.state, 'published');
    assert.equal(us.visibility, 'public');
    assert.equal(us.publishedNumber, 1);
    assert.equal(us.published?.by, demoEmail('us', 'public-affairs'));
  });

  it('a published readout is public and frozen; an edit starts version 2', async () => {
    const url = `${M1}/${us.id}`;
    for (const who of [undefined, 'cn:lead', 'us:reporter']) {
      const res = await as(who, 'GET', url);
      assert.equal(res.statusCode, 200, String(who));
      // Out of date is the side's own business: neither the public nor the other side is told.
      assert.equal((res.json() as Readout).outOfDate, undefined, String(who));
      const list = (await as(who, 'GET', M1)).json() as { items: Readout[] };
      assert.deepEqual(
        list.items.map((r) => r.state),
        ['published'],
      );
    }
    assert.equal(((await as('us:analyst', 'GET', url)).json() as Readout).outOfDate, true);
    assert.equal((await as('us:lead', 'POST', `${url}/approve`)).json().error.code, 'readout-published');
    assert.equal((await as('us:public-affairs', 'POST', `${url}/publish`)).json().error.code, 'readout-published');
    // The database itself refuses to change it.
    await assert.rejects(sql`update readouts set text = 'changed' where id = ${us.id}`.execute(h.t.db), /frozen/);
    await assert.rejects(sql`delete from readouts where id = ${us.id}`.execute(h.t.db), /frozen/);

    const edited = await as('us:public-affairs', 'PATCH', url, { text: `${us.text}\nA correction.\n` }, etag(us));
    assert.equal(edited.statusCode, 201, edited.body);
    const v2 = edited.json() as Readout;
    assert.notEqual(v2.id, us.id);
    assert.equal(v2.state, 'draft');
    assert.equal((await as('us:lead', 'GET', url)).json().text, us.text, 'version 1 unchanged');
    await as('us:lead', 'POST', `${M1}/${v2.id}/approve`);
    const p2 = (await as('us:public-affairs', 'POST', `${M1}/${v2.id}/publish`)).json() as Readout;
    assert.equal(p2.publishedNumber, 2);
    const publicList = (await as(undefined, 'GET', M1)).json() as { items: Readout[] };
    assert.deepEqual(
      publicList.items.map((r) => r.publishedNumber),
      [2, 1],
    );
  });

  it('China’s draft is China’s: the U.S. does not see it, China’s lead approves it', async () => {
    const m4 = '/api/v1/dialogues/us-cn-ciwg/meetings/1/readouts';
    const res = await as('cn:public-affairs', 'POST', m4, { side: 'cn', lang: 'zh' });
    assert.equal(res.statusCode, 201, res.body);
    const cn = res.json() as Readout;
    assert.equal((await as('us:lead', 'GET', `${m4}/${cn.id}`)).statusCode, 404);
    assert.equal((await as('cn:lead', 'POST', `${m4}/${cn.id}/approve`)).statusCode, 200);
  });

  it('every step is in the audit trail, and the chain holds', async () => {
    const rows = await sql<{
      action: string;
    }>`select action from audit_log where record_kind = 'readout' order by position`.execute(h.t.db);
    const actions = rows.rows.map((r) => r.action);
    for (const a of ['readout.draft', 'readout.edit', 'readout.approve', 'readout.publish']) {
      assert.ok(actions.includes(a), a);
    }
    const entries = [];
    for await (const e of h.t.store.auditTrail()) entries.push(e);
    assert.equal(verifyChain(entries).problem, undefined);
  });
});

describe('the demo readout', () => {
  it('publishes the U.S. readout of the inaugural meeting once, as the system', async () => {
    const d = await testApp();
    try {
      const { publishDemoReadout } = await import('../src/demo/demo-readouts.js');
      const first = await publishDemoReadout(d.t.store);
      const again = await publishDemoReadout(d.t.store);
      assert.equal(again.id, first.id);
      assert.equal(first.state, 'published');
      assert.equal(first.published?.by, 'system');
      const res = await d.app.inject({ method: 'GET', url: M1 });
      const items = (res.json() as { items: Readout[] }).items;
      assert.deepEqual(
        items.map((r) => [r.side, r.lang, r.publishedNumber]),
        [['us', 'en', 1]],
      );
    } finally {
      await d.close();
    }
  });
});
