/**
 * Issue 5, the resolution rule as the issue page reads it: each side's view,
 * who proposed the issue resolved and who is awaited, for the delegations'
 * staff only (the reasons are theirs, the public sees the status).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from './helpers/app.js';
import { inject, signInDemo, type Method } from './helpers/session.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const ISSUE = '/api/v1/dialogues/us-cn-ciwg/issues/cross-border-data-flows';

/** A request as `who` ("us-lead"…; undefined is the public), in a new session each time. */
async function as(who: string | undefined, method: Method, url: string, payload?: unknown) {
  const c = who ? await signInDemo(h.app, ...(who.split('-') as [string, string])) : undefined;
  return inject(h.app, c, method, url, payload);
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
