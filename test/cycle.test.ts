/** Issue timelines, agenda marks and the comparison of accounts (the meeting cycle). */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { importBundle } from '../src/bundle/import.js';
import { testApp, type TestApp } from './helpers/app.js';

const EXAMPLE = JSON.parse(
  fs.readFileSync(new URL('../../shared/examples/us-cn-ciwg.json', import.meta.url), 'utf8'),
) as {
  dialogue: unknown;
  issues: { visibility: string }[];
};

/** A second meeting in Beijing at which the U.S. raises overcapacity again and China opposes. */
const SECOND_MEETING = {
  format: 'parley-dialogue/1',
  dialogue: EXAMPLE.dialogue,
  meetings: [
    {
      key: 'ciwg-2',
      number: 2,
      date: '2024-11-12',
      format: 'in-person',
      place: { city: { en: 'Beijing', zh: '北京' }, country: 'CN' },
      host: 'cn',
      chairs: ['lago', 'wang-shouwen'],
      accounts: [
        {
          side: 'us',
          published: '2024-11-12',
          raised: [{ by: 'us', issue: 'industrial-overcapacity', stance: 'strong-concern' }],
        },
        {
          side: 'cn',
          published: '2024-11-13',
          raised: [{ by: 'cn', issue: 'industrial-overcapacity', stance: 'opposes' }],
        },
      ],
    },
  ],
};

let h: TestApp;
before(async () => {
  h = await testApp({ demo: false });
  await importBundle(h.t.store, EXAMPLE);
});
after(async () => {
  await h.close();
});

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await h.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as T };
}

interface Timeline {
  firstRaised: { meeting: number; side: string };
  timesRaised: number;
  raisings: { meeting: number; side: string; stance: string }[];
  dormancyReview: boolean;
}

describe('the issue timeline', () => {
  it('counts meetings, lists every side raising, and marks agenda proposals', async () => {
    const one = await get<Timeline>('/api/v1/dialogues/us-cn-ciwg/issues/industrial-overcapacity/timeline');
    // The example's issues are shared: the public sees none of them.
    assert.equal(one.status, 404);

    // Made public so that the public API can read them (the example marks them shared).
    const publicExample = structuredClone(EXAMPLE);
    for (const i of publicExample.issues) i.visibility = 'public';
    await importBundle(h.t.store, publicExample);
    await importBundle(h.t.store, SECOND_MEETING);

    const { status, body } = await get<Timeline>(
      '/api/v1/dialogues/us-cn-ciwg/issues/industrial-overcapacity/timeline',
    );
    assert.equal(status, 200);
    assert.equal(body.timesRaised, 2);
    assert.deepEqual(body.firstRaised, { meeting: 1, side: 'us', date: '2024-04-04' });
    assert.deepEqual(
      body.raisings.map((r) => [r.meeting, r.side, r.stance]),
      [
        [1, 'us', 'strong-concern'],
        [2, 'cn', 'opposes'],
        [2, 'us', 'strong-concern'],
      ],
    );

    const proposals = await get<{ items: { issue: string; mark: string; timesRaised: number; lastStance?: string }[] }>(
      '/api/v1/dialogues/us-cn-ciwg/meetings/3/agenda/proposals?side=us',
    );
    assert.equal(proposals.status, 200);
    const mark = (key: string) => proposals.body.items.find((p) => p.issue === key);
    assert.deepEqual(mark('industrial-overcapacity'), {
      ...mark('industrial-overcapacity'),
      mark: 'stalled',
      timesRaised: 2,
    });
    assert.equal(mark('cross-border-data-flows')?.mark, 'carried-over');
    assert.equal(mark('cross-border-data-flows')?.timesRaised, 1);
    assert.ok(!proposals.body.items.some((p) => p.issue === 'section-301-tariffs'), "only the U.S. side's issues");

    // Meeting 2's own proposals judge only what came before it: overcapacity was raised once.
    const forTwo = await get<{ items: { issue: string; mark: string }[] }>(
      '/api/v1/dialogues/us-cn-ciwg/meetings/2/agenda/proposals?side=us',
    );
    assert.equal(forTwo.body.items.find((p) => p.issue === 'industrial-overcapacity')?.mark, 'carried-over');

    // Section 301 was raised at meeting 1 and left out of meeting 2 only: no dormancy review yet.
    const tariffs = await get<Timeline>('/api/v1/dialogues/us-cn-ciwg/issues/section-301-tariffs/timeline');
    assert.equal(tariffs.body.timesRaised, 1);
    assert.equal(tariffs.body.dormancyReview, false);

    const bad = await get<{ error: { code: string } }>(
      '/api/v1/dialogues/us-cn-ciwg/meetings/3/agenda/proposals?side=eu',
    );
    assert.equal(bad.status, 400);
  });

  it('refuses a missing side on proposals', async () => {
    const res = await get<{ error: { message: string } }>('/api/v1/dialogues/us-cn-ciwg/meetings/3/agenda/proposals');
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /side/);
  });
});

describe('comparing the two accounts of the inaugural meeting', () => {
  it('pairs the outcomes that correspond across wording and language, and lists the rest apart', async () => {
    const { status, body } = await get<{
      sides: [string, string];
      pairs: { left: string; right: string; confidence: number }[];
      onlyIn: { side: string; outcomes: string[]; issues: { issue: string }[] }[];
      nextMeeting: { side: string; statement: { when: { en: string } } }[];
    }>('/api/v1/dialogues/us-cn-ciwg/meetings/1/accounts/compare');
    assert.equal(status, 200);
    assert.deepEqual(body.sides, ['us', 'cn']);
    const pairs = body.pairs.map((p) => `${p.left} ↔ ${p.right}`).sort();
    assert.deepEqual(pairs, [
      'clean-and-environmental-technologies ↔ clean-energy-and-womens-health',
      'healthcare-and-womens-health ↔ clean-energy-and-womens-health',
    ]);
    for (const p of body.pairs) assert.ok(p.confidence > 0 && p.confidence <= 1);
    assert.deepEqual(body.onlyIn[0]!.outcomes.sort(), [
      'services-in-new-regions',
      'subnational-trade-promotion',
      'trade-remedies-technical-exchanges',
    ]);
    assert.deepEqual(body.onlyIn[1]!.outcomes.sort(), [
      'close-contact-with-firms',
      'export-control-information-exchange',
      'standards-issues',
      'support-promotion-events',
      'trade-facilitation',
    ]);
    assert.equal(body.onlyIn[0]!.issues.length, 3, 'the U.S. account raises three issues China does not mention');
    assert.equal(body.onlyIn[1]!.issues.length, 6);
    assert.deepEqual(
      body.nextMeeting.map((n) => n.statement.when.en),
      ['later this year', 'second half of 2024'],
    );
  });

  it('says so when a meeting has fewer than two accounts', async () => {
    const res = await get<{ error: { code: string; message: string } }>(
      '/api/v1/dialogues/us-cn-ciwg/meetings/9/accounts/compare',
    );
    assert.equal(res.status, 404);
  });
});
