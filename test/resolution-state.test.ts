/**
 * Issue 5, the resolution rule as the issue page reads it: each side's view,
 * who proposed the issue resolved and who is awaited, for the delegations'
 * staff only (the reasons are theirs, the public sees the status).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoEmail } from '../src/demo/demo-users.js';
import { testApp, type TestApp } from './helpers/app.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const ISSUE = '/api/v1/dialogues/us-cn-ciwg/issues/cross-border-data-flows';

async function as(who: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown) {
  let headers: Record<string, string> = {};
  if (who) {
    const [side, role] = who.split('-') as [string, string];
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { email: demoEmail(side, role) },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    headers = { cookie, 'x-csrf-token': (me.json() as { csrfToken: string }).csrfToken };
  }
  return h.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

interface Resolution {
  status: string;
  raisedBy: string;
  respondent: string;
  views: { side: string; resolved: boolean; reason: string }[];
  resolvedBy: string[];
  awaiting: string[];
}

describe('the resolution state of an issue', () => {
  it('says who proposed it resolved and who is awaited, then that both agree', async () => {
    const none = await as('us-lead', 'GET', `${ISSUE}/resolution`);
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json(), {
      issue: 'cross-border-data-flows',
      status: 'open',
      raisedBy: 'us',
      respondent: 'cn',
      views: [],
      resolvedBy: [],
      awaiting: [],
    });

    const proposed = await as('us-lead', 'POST', `${ISSUE}/resolve`, { resolved: true, reason: 'Rules relaxed.' });
    assert.equal(proposed.statusCode, 200, proposed.body);
    const seenByCn = (await as('cn-analyst', 'GET', `${ISSUE}/resolution`)).json() as Resolution;
    assert.equal(seenByCn.status, 'resolved-in-part');
    assert.deepEqual([seenByCn.resolvedBy, seenByCn.awaiting], [['us'], ['cn']]);
    assert.equal(seenByCn.views[0]!.reason, 'Rules relaxed.');

    const agreed = (
      await as('cn-lead', 'POST', `${ISSUE}/resolve`, { resolved: true, reason: 'Agreed.' })
    ).json() as Resolution;
    assert.equal(agreed.status, 'resolved');
    assert.deepEqual([agreed.resolvedBy, agreed.awaiting], [['us', 'cn'], []]);

    // Withdrawing one side's word leaves the other's proposal, awaiting the side that withdrew.
    const withdrawn = (
      await as('us-lead', 'POST', `${ISSUE}/resolve`, { resolved: false, reason: 'Reversed.' })
    ).json() as Resolution;
    assert.equal(withdrawn.status, 'resolved-in-part');
    assert.deepEqual([withdrawn.resolvedBy, withdrawn.awaiting], [['cn'], ['us']]);
  });

  it('is for the delegations: 401 for the public, 403 for a reporter; the status stays public', async () => {
    assert.equal((await as(undefined, 'GET', `${ISSUE}/resolution`)).statusCode, 401);
    assert.equal((await as('us-reporter', 'GET', `${ISSUE}/resolution`)).statusCode, 403);
    assert.equal(((await as(undefined, 'GET', ISSUE)).json() as { status: string }).status, 'resolved-in-part');
  });
});
