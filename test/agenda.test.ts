/**
 * Issue 5, the meeting cycle's rules through the API: planning the next
 * meeting, the agenda builder (own open issues, cut-off and a lead's audited
 * override, the non-negotiable gate, internal briefings never shown to the
 * other side, agreement by both leads), the resolution rule, outcome updates
 * with RAG and the overdue flag, and the dashboard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoEmail } from '../src/demo/demo-users.js';
import { testApp, type TestApp } from './helpers/app.js';
import { callers, inject, type Caller, type Method } from './helpers/session.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const signIn = callers(() => h.app);

/** A request as `who` ("us-lead", "cn-public-affairs"…; undefined is the public), signed in on first use. */
async function as(
  who: string | undefined,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  let c: Caller | undefined;
  if (who) {
    const [side, ...role] = who.split('-');
    c = await signIn(side!, role.join('-'));
  }
  return inject(h.app, c, method, url, payload, headers);
}

const D = '/api/v1/dialogues/us-cn-ciwg';
const AGENDA = `${D}/meetings/2/agenda`;

interface AgendaBody {
  state: string;
  agreedBy: string[];
  items: { id: string; issue: string; side: string; status: string; late: boolean; version: number; mark?: string }[];
  briefing: {
    side: string;
    items: { item: string; issue: string; joint: boolean; notes?: string; refusedBy?: unknown }[];
  };
}

describe('planning the next meeting', () => {
  it('suggests the next number and the other side as host, and plans it', async () => {
    const next = await as('us-lead', 'GET', `${D}/meetings/next`);
    assert.equal(next.statusCode, 200, next.body);
    assert.deepEqual(next.json(), {
      number: 2,
      key: 'meeting-2',
      host: 'cn',
      lastMeeting: { number: 1, date: '2024-04-04', host: 'us' },
    });
    const created = await as('us-lead', 'POST', `${D}/meetings`, {
      key: 'meeting-2',
      number: 2,
      date: '2099-05-01',
      format: 'call',
      host: 'cn',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await as('us-lead', 'GET', `${D}/meetings/next`)).json().number, 3);
  });
});

describe('the agenda builder', () => {
  it('is for delegation staff: 401 for the public, 403 for a reporter', async () => {
    assert.equal((await as(undefined, 'GET', AGENDA)).statusCode, 401);
    assert.equal((await as('us-reporter', 'GET', AGENDA)).statusCode, 403);
    const empty = await as('cn-analyst', 'GET', AGENDA);
    assert.equal(empty.statusCode, 200, empty.body);
    assert.equal((empty.json() as AgendaBody).state, 'draft');
  });

  it('refuses an item on a topic the other side declared non-negotiable, quoting the principle; it can stay in the briefing', async () => {
    const refused = await as('cn-analyst', 'POST', `${AGENDA}/items`, { issue: 'overstretched-national-security' });
    assert.equal(refused.statusCode, 409, refused.body);
    const error = (
      refused.json() as {
        error: { code: string; message: string; details: { principle: { topic: string; side: string } } };
      }
    ).error;
    assert.equal(error.code, 'non-negotiable-topic');
    assert.match(error.message, /does not negotiate on matters of U\.S\. national security/);
    assert.equal(error.details.principle.topic, 'national-security');
    assert.equal(error.details.principle.side, 'us');

    const kept = await as('cn-analyst', 'POST', `${AGENDA}/items`, {
      issue: 'overstretched-national-security',
      internalOnly: true,
      briefing: { notes: 'CN-ONLY: raise it in the margins' },
    });
    assert.equal(kept.statusCode, 201, kept.body);
    const body = kept.json() as AgendaBody;
    assert.deepEqual(body.items, [], 'not on the joint agenda');
    assert.equal(body.briefing.items[0]!.issue, 'overstretched-national-security');
    assert.equal(body.briefing.items[0]!.joint, false);
    assert.ok(body.briefing.items[0]!.refusedBy);
  });

  it("keeps a side's briefing notes internal: the other side never sees them", async () => {
    const res = await as('cn-analyst', 'POST', `${AGENDA}/items`, {
      issue: 'section-301-tariffs',
      briefing: { notes: 'CN-SECRET-NOTE fallback position', stance: 'strong-concern' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const cn = (await as('cn-lead', 'GET', AGENDA)).json() as AgendaBody;
    assert.deepEqual(
      cn.items.map((i) => [i.issue, i.side, i.mark]),
      [['section-301-tariffs', 'cn', 'carried-over']],
    );
    assert.equal(
      cn.briefing.items.find((b) => b.issue === 'section-301-tariffs')!.notes,
      'CN-SECRET-NOTE fallback position',
    );
    for (const who of ['us-lead', 'us-analyst', 'us-admin', 'us-public-affairs']) {
      const us = await as(who, 'GET', AGENDA);
      assert.equal(us.statusCode, 200);
      assert.doesNotMatch(us.body, /CN-SECRET-NOTE|CN-ONLY|overstretched-national-security|strong-concern/, who);
      const u = us.json() as AgendaBody;
      assert.deepEqual(
        u.items.map((i) => i.issue),
        ['section-301-tariffs'],
      );
      assert.deepEqual(u.briefing, { side: 'us', items: [] });
    }
    // Nor can it change or find the other side's briefing-only item.
    const hidden = cn.briefing.items.find((b) => b.issue === 'overstretched-national-security')!;
    const patch = await as(
      'us-lead',
      'PATCH',
      `${AGENDA}/items/${hidden.item}`,
      { status: 'accepted' },
      { 'if-match': '"1"' },
    );
    assert.equal(patch.statusCode, 404);
    const briefing = await as(
      'us-lead',
      'PATCH',
      `${AGENDA}/items/${cn.items[0]!.id}`,
      { briefing: { notes: 'x' } },
      { 'if-match': '"1"' },
    );
    assert.equal(briefing.statusCode, 403);
  });

  it("takes only the side's own open issues", async () => {
    const other = await as('us-analyst', 'POST', `${AGENDA}/items`, { issue: 'trade-remedy-rules' });
    assert.equal(other.statusCode, 403, other.body);
    const twice = await as('cn-analyst', 'POST', `${AGENDA}/items`, { issue: 'section-301-tariffs' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'agenda-item-exists');
  });

  it("enforces the cut-off: late items need a lead's override, recorded in the audit trail", async () => {
    const analystCutoff = await as('us-analyst', 'PATCH', AGENDA, { cutoff: '2020-01-01' });
    assert.equal(analystCutoff.statusCode, 403);
    const after = await as('us-lead', 'PATCH', AGENDA, { cutoff: '2099-06-01' });
    assert.equal(after.statusCode, 400, 'a cut-off after the meeting');
    const set = await as('us-lead', 'PATCH', AGENDA, { cutoff: '2020-01-01' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().cutoffPassed, true);

    const late = await as('us-analyst', 'POST', `${AGENDA}/items`, { issue: 'cross-border-data-flows' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'cut-off-passed');
    const analystOverride = await as('us-analyst', 'POST', `${AGENDA}/items`, {
      issue: 'cross-border-data-flows',
      override: true,
    });
    assert.equal(analystOverride.statusCode, 403);
    const leadOverride = await as('us-lead', 'POST', `${AGENDA}/items`, {
      issue: 'cross-border-data-flows',
      override: true,
    });
    assert.equal(leadOverride.statusCode, 201, leadOverride.body);
    const item = (leadOverride.json() as AgendaBody).items.find((i) => i.issue === 'cross-border-data-flows')!;
    assert.equal(item.late, true);
    const audit = await sql<{ action: string; actor: string; after: { override: boolean; cutoff: string } }>`
      select action, actor, after from audit_log where record_kind = 'agenda-item' and record_id = ${item.id}`.execute(
      h.t.db,
    );
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]!.action, 'create-late-override');
    assert.equal(audit.rows[0]!.actor, demoEmail('us', 'lead'));
    assert.deepEqual([audit.rows[0]!.after.override, audit.rows[0]!.after.cutoff], [true, '2020-01-01']);
    assert.equal((await as('us-lead', 'PATCH', AGENDA, { cutoff: null })).statusCode, 200);
  });

  it('withdraws and accepts items with If-Match', async () => {
    const a = (await as('us-lead', 'GET', AGENDA)).json() as AgendaBody;
    const item = a.items.find((i) => i.issue === 'cross-border-data-flows')!;
    assert.equal((await as('us-lead', 'PATCH', `${AGENDA}/items/${item.id}`, { status: 'withdrawn' })).statusCode, 428);
    const stale = await as(
      'us-lead',
      'PATCH',
      `${AGENDA}/items/${item.id}`,
      { status: 'withdrawn' },
      { 'if-match': '"9"' },
    );
    assert.equal(stale.statusCode, 412);
    const ok = await as(
      'us-lead',
      'PATCH',
      `${AGENDA}/items/${item.id}`,
      { status: 'withdrawn' },
      { 'if-match': `"${item.version}"` },
    );
    assert.equal(ok.statusCode, 200, ok.body);
    const cnItem = a.items.find((i) => i.issue === 'section-301-tariffs')!;
    assert.equal(
      (
        await as(
          'us-analyst',
          'PATCH',
          `${AGENDA}/items/${cnItem.id}`,
          { status: 'accepted' },
          { 'if-match': `"${cnItem.version}"` },
        )
      ).statusCode,
      403,
      'only a lead accepts',
    );
    const accepted = await as(
      'us-lead',
      'PATCH',
      `${AGENDA}/items/${cnItem.id}`,
      { status: 'accepted' },
      { 'if-match': `"${cnItem.version}"` },
    );
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal((accepted.json() as AgendaBody).items.find((i) => i.id === cnItem.id)!.status, 'accepted');
  });

  it('becomes shared once both leads agree it', async () => {
    assert.equal((await as('us-analyst', 'POST', `${AGENDA}/agree`)).statusCode, 403);
    const us = await as('us-lead', 'POST', `${AGENDA}/agree`);
    assert.equal(us.statusCode, 200, us.body);
    assert.deepEqual([us.json().state, us.json().agreedBy], ['draft', ['us']]);
    const cn = await as('cn-lead', 'POST', `${AGENDA}/agree`);
    assert.deepEqual([cn.json().state, cn.json().agreedBy], ['shared', ['cn', 'us']]);
  });
});

describe('the resolution rule', () => {
  const RESOLVE = `${D}/issues/regulatory-transparency/resolve`;
  it('one side → resolved-in-part, both → resolved; reopening is recorded', async () => {
    assert.equal((await as('us-public-affairs', 'POST', RESOLVE, { resolved: true, reason: 'x' })).statusCode, 403);
    assert.equal((await as('us-analyst', 'POST', RESOLVE, { resolved: true, reason: '' })).statusCode, 400);
    const one = await as('us-analyst', 'POST', RESOLVE, { resolved: true, reason: 'The rules were published.' });
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().status, 'resolved-in-part');
    const both = await as('cn-lead', 'POST', RESOLVE, { resolved: true, reason: 'Agreed.' });
    assert.equal(both.json().status, 'resolved');
    const reopened = await as('us-lead', 'POST', RESOLVE, { resolved: false, reason: 'New draft rules undo it.' });
    assert.equal(reopened.json().status, 'resolved-in-part');
    const issue = await as('us-lead', 'GET', `${D}/issues/regulatory-transparency`);
    assert.equal(issue.json().status, 'resolved-in-part');
    const timeline = (await as('us-lead', 'GET', `${D}/issues/regulatory-transparency/timeline`)).json() as {
      statusChanges: { from: string; to: string }[];
    };
    assert.deepEqual(
      timeline.statusChanges.map((c) => `${c.from}→${c.to}`),
      ['open→resolved-in-part', 'resolved-in-part→resolved', 'resolved→resolved-in-part'],
    );
    const audit = await sql<{ action: string; after: { reason: string } }>`
      select action, after from audit_log where record_kind = 'issue-resolution' order by position`.execute(h.t.db);
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['resolve', 'resolve', 'reopen'],
    );
    assert.equal(audit.rows[2]!.after.reason, 'New draft rules undo it.');
  });
});

describe('outcome follow-up', () => {
  const KEY = 'clean-energy-and-womens-health';
  it('records progress updates with a RAG rating and a status change', async () => {
    const res = await as('cn-analyst', 'POST', `${D}/outcomes/${KEY}/updates`, {
      rag: 'amber',
      text: { en: 'First workshop held.', zh: '举办了第一次研讨会。' },
      evidence: ['https://example.org/workshop'],
      status: 'in-progress',
      date: '2024-06-01',
    });
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json() as { status: string; rag: string; updates: { statusChange?: { from: string; to: string } }[] };
    assert.equal(o.status, 'in-progress');
    assert.equal(o.rag, 'amber');
    assert.deepEqual(o.updates[0]!.statusChange, { from: 'agreed', to: 'in-progress' });
    assert.equal((await as('cn-reporter', 'POST', `${D}/outcomes/${KEY}/updates`, { rag: 'red' })).statusCode, 403);
    assert.equal((await as('cn-analyst', 'POST', `${D}/outcomes/${KEY}/updates`, { rag: 'purple' })).statusCode, 400);
  });

  it('flags an outcome overdue when its due date passed and it is not delivered or dropped', async () => {
    const current = (await as('us-lead', 'GET', `${D}/outcomes`))
      .json()
      .items.find((x: { key: string }) => x.key === KEY);
    const due = await as(
      'us-lead',
      'PATCH',
      `${D}/outcomes/${KEY}`,
      { due: '2024-12-31' },
      { 'if-match': `"${current.version}"` },
    );
    assert.equal(due.statusCode, 200, due.body);
    const overdue = (await as('us-lead', 'GET', `${D}/outcomes/register?overdue=true`)).json().items as {
      key: string;
    }[];
    assert.deepEqual(
      overdue.map((x) => x.key),
      [KEY],
    );
    const dash = (await as('us-lead', 'GET', `${D}/dashboard`)).json();
    assert.deepEqual(
      dash.overdueOutcomes.map((x: { key: string }) => x.key),
      [KEY],
    );
    assert.equal(dash.nextMeeting.number, 2);
    assert.equal(dash.nextMeeting.agendaState, 'shared');
    await as('us-lead', 'POST', `${D}/outcomes/${KEY}/updates`, { rag: 'green', status: 'delivered' });
    const none = (await as('us-lead', 'GET', `${D}/outcomes/register?overdue=true`)).json().items;
    assert.deepEqual(none, []);
  });
});

describe('the dashboard', () => {
  it('counts open issues and outcomes, for the public too', async () => {
    const res = await as(undefined, 'GET', `${D}/dashboard`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.ok(d.openIssues.total >= 1);
    assert.equal(typeof d.outcomes.byStatus, 'object');
    assert.ok(Array.isArray(d.stalledIssues));
    assert.ok(Array.isArray(d.dormancyReview));
  });
});
