/**
 * Issue 5, outcome follow-up: a progress update with a change of status is one
 * write (the update, the status and their audit entries land together or not
 * at all), and an outcome's "meetings where it came up" lists every meeting
 * whose accounts report it and every meeting at which an update was recorded,
 * as far as the caller may see those meetings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from './helpers/app.js';
import { callers, inject, type Method } from './helpers/session.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const D = '/api/v1/dialogues/us-cn-ciwg';
const signIn = callers(() => h.app);

async function as(who: string | undefined, method: Method, url: string, payload?: unknown) {
  const c = who ? await signIn(...(who.split('-') as [string, string])) : undefined;
  return inject(h.app, c, method, url, payload);
}

interface Followed {
  key: string;
  status: string;
  meetings: number[];
  updates: { id: string; meeting?: number; statusChange?: { from: string | null; to: string } }[];
}

async function register(who?: string): Promise<Followed[]> {
  const res = await as(who, 'GET', `${D}/outcomes/register`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: Followed[] }).items;
}

async function counts(outcomeKey: string) {
  const r = await sql<{ updates: string; audit: string; status: string; version: number }>`
    select (select count(*) from outcome_updates u where u.outcome_id = o.id) as updates,
      (select count(*) from audit_log) as audit, o.status, o.version
    from outcomes o where o.key = ${outcomeKey}`.execute(h.t.db);
  const row = r.rows[0]!;
  return { updates: Number(row.updates), audit: Number(row.audit), status: row.status, version: row.version };
}

describe('a progress update with a change of status', () => {
  const KEY = 'trade-facilitation';

  it('leaves no progress update behind when the status change fails', async () => {
    // The database refuses this one change of status, as it would a broken constraint.
    await sql`create function refuse_dropped() returns trigger language plpgsql as $$
      begin
        if new.status = 'dropped' then raise exception 'test: the status change fails'; end if;
        return new;
      end $$`.execute(h.t.db);
    await sql`create trigger refuse_dropped before update on outcomes
      for each row execute function refuse_dropped()`.execute(h.t.db);
    try {
      await signIn('cn', 'analyst'); // signing in is audited too: done before counting
      const before = await counts(KEY);
      const res = await as('cn-analyst', 'POST', `${D}/outcomes/${KEY}/updates`, {
        rag: 'red',
        text: { en: 'Given up.' },
        status: 'dropped',
      });
      assert.equal(res.statusCode, 500, res.body);
      assert.deepEqual(await counts(KEY), before, 'no update, no audit entry, the status and version unchanged');
    } finally {
      await sql`drop trigger refuse_dropped on outcomes`.execute(h.t.db);
      await sql`drop function refuse_dropped()`.execute(h.t.db);
    }
  });

  it('leaves the status unchanged when the progress update cannot be stored', async () => {
    await sql`create function refuse_update() returns trigger language plpgsql as $$
      begin
        if new.text ->> 'en' = 'cannot be stored' then raise exception 'test: the update fails'; end if;
        return new;
      end $$`.execute(h.t.db);
    await sql`create trigger refuse_update before insert on outcome_updates
      for each row execute function refuse_update()`.execute(h.t.db);
    try {
      const before = await counts(KEY);
      const res = await as('cn-analyst', 'POST', `${D}/outcomes/${KEY}/updates`, {
        rag: 'amber',
        text: { en: 'cannot be stored' },
        status: 'in-progress',
      });
      assert.equal(res.statusCode, 500, res.body);
      assert.deepEqual(await counts(KEY), before);
      assert.equal((await register('cn-analyst')).find((o) => o.key === KEY)?.status, 'agreed');
    } finally {
      await sql`drop trigger refuse_update on outcome_updates`.execute(h.t.db);
      await sql`drop function refuse_update()`.execute(h.t.db);
    }
  });

  it('audits the update and the status change as one group: one request, consecutive entries', async () => {
    const before = await counts(KEY);
    const res = await as('cn-analyst', 'POST', `${D}/outcomes/${KEY}/updates`, {
      rag: 'amber',
      text: { en: 'Experts met.' },
      status: 'in-progress',
    });
    assert.equal(res.statusCode, 201, res.body);
    const now = await counts(KEY);
    assert.equal(now.updates, before.updates + 1);
    assert.equal(now.status, 'in-progress');
    const entries = await sql<{ position: string; record_kind: string; request_id: string | null }>`
      select position, record_kind, request_id from audit_log where position > ${before.audit}
      order by position`.execute(h.t.db);
    const kinds = entries.rows.map((e) => e.record_kind);
    assert.equal(kinds[0], 'outcome-update');
    assert.ok(kinds.includes('outcome'), `the status change is audited as an outcome change: ${kinds.join(', ')}`);
    assert.equal(new Set(entries.rows.map((e) => e.request_id)).size, 1, 'one request');
    assert.ok(entries.rows[0]!.request_id, 'the request is named');
    entries.rows.forEach((e, i) => assert.equal(Number(e.position), before.audit + 1 + i, 'consecutive'));
  });
});

describe('the meetings where an outcome came up', () => {
  const KEY = 'clean-energy-and-womens-health';

  it('lists the meeting whose accounts report it and every meeting an update was recorded at', async () => {
    // Meeting 2, planned by the U.S. lead: shared with both delegations, not public.
    const planned = await as('us-lead', 'POST', `${D}/meetings`, {
      key: 'meeting-2',
      number: 2,
      date: '2099-05-01',
      format: 'video',
    });
    assert.equal(planned.statusCode, 201, planned.body);
    assert.deepEqual((await register('cn-lead')).find((o) => o.key === KEY)?.meetings, [1]);

    const res = await as('cn-lead', 'POST', `${D}/outcomes/${KEY}/updates`, {
      rag: 'green',
      text: { en: 'Reviewed at the second meeting.', zh: '第二次会议审议。' },
      meeting: 2,
    });
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json() as Followed;
    assert.deepEqual(o.meetings, [1, 2]);
    assert.equal(o.updates.at(-1)!.meeting, 2);

    // Both delegations see it; the public does not see meeting 2, so neither the list nor the update names it.
    assert.deepEqual((await register('us-analyst')).find((x) => x.key === KEY)?.meetings, [1, 2]);
    const pub = (await register()).find((x) => x.key === KEY)!;
    assert.deepEqual(pub.meetings, [1]);
    assert.equal(pub.updates.at(-1)!.meeting, undefined);
    assert.ok(!JSON.stringify(pub).includes('"meeting":2'));
  });

  it('refuses a meeting that does not exist or comes before the outcome, naming the field', async () => {
    const none = await as('cn-lead', 'POST', `${D}/outcomes/${KEY}/updates`, { rag: 'green', meeting: 9 });
    assert.equal(none.statusCode, 400, none.body);
    const problems = (none.json() as { error: { details: { problems: { pointer: string }[] } } }).error.details
      .problems;
    assert.deepEqual(
      problems.map((p) => p.pointer),
      ['/meeting'],
    );

    // An outcome agreed at meeting 2 cannot be followed up at meeting 1.
    const account = await as('us-lead', 'PUT', `${D}/meetings/2/accounts/us`, {
      raised: [],
      outcomes: [{ key: 'later-outcome', kind: 'action', title: { en: 'A later outcome' }, owners: ['us'] }],
    });
    assert.equal(account.statusCode, 200, account.body);
    const before = await counts('later-outcome');
    const early = await as('us-lead', 'POST', `${D}/outcomes/later-outcome/updates`, {
      rag: 'green',
      meeting: 1,
      status: 'in-progress',
    });
    assert.equal(early.statusCode, 400, early.body);
    assert.match(early.body, /"pointer":"\/meeting"/);
    assert.deepEqual(await counts('later-outcome'), before, 'an invalid write changes nothing');
  });
});
