import assert from 'node:assert/strict';
import { it } from 'node:test';
import { agendaMark, buildTimeline, dueForDormancyReview, type RaisingFact } from './timeline.js';

const raised = (
  meeting: number,
  by: string,
  stance: RaisingFact['stance'] = 'concern',
  account: string | null = by,
): RaisingFact => ({
  meeting,
  date: `2024-0${meeting}-01`,
  account,
  by,
  stance,
});

it('counts meetings, not raisings, and counts a raising told in both accounts once', () => {
  const t = buildTimeline(
    [raised(2, 'us'), raised(1, 'us'), raised(1, 'us', 'concern', 'cn'), raised(2, 'cn', 'opposes')],
    [],
  );
  assert.equal(t.timesRaised, 2);
  assert.deepEqual(
    t.raisings.map((r) => `${r.meeting}:${r.side}`),
    ['1:us', '2:cn', '2:us'],
  );
  assert.deepEqual(t.firstRaised, { meeting: 1, side: 'us', date: '2024-01-01' });
});

it('marks new, carried over and stalled; a status change since first raised is not stalled', () => {
  assert.equal(agendaMark(buildTimeline([], []), 3).mark, 'new');
  assert.equal(agendaMark(buildTimeline([raised(1, 'us')], []), 3).mark, 'carried-over');
  const twice = [raised(1, 'us', 'raised'), raised(2, 'us', 'strong-concern')];
  assert.deepEqual(agendaMark(buildTimeline(twice, []), 3), {
    mark: 'stalled',
    timesRaised: 2,
    lastStance: 'strong-concern',
  });
  const moved = buildTimeline(twice, [{ at: '2024-01-15T10:00:00Z', from: 'open', to: 'resolved-in-part', by: 'x' }]);
  assert.equal(agendaMark(moved, 3).mark, 'carried-over');
  assert.equal(agendaMark(buildTimeline(twice, []), 2).mark, 'carried-over', 'judged on the meetings before');
});

it('flags for dormancy review an issue left out of the last two meetings', () => {
  const t = buildTimeline([raised(1, 'cn')], []);
  assert.equal(dueForDormancyReview(t, [1, 2]), false);
  assert.equal(dueForDormancyReview(t, [1, 2, 3]), true);
  assert.equal(dueForDormancyReview(buildTimeline([raised(1, 'cn'), raised(3, 'cn')], []), [1, 2, 3]), false);
  assert.equal(dueForDormancyReview(buildTimeline([], []), [1, 2, 3]), false, 'never raised: nothing to review');
});
