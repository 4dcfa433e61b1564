import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp } from '../test/render.js';

const ISSUE = 'industrial-overcapacity';
const timelinePath = `/api/v1/dialogues/${fx.dialogue.key}/issues/${ISSUE}/timeline`;
const timeline = {
  issue: ISSUE,
  status: 'resolved-in-part',
  firstRaised: { meeting: 1, side: 'us', date: '2024-04-04' },
  timesRaised: 1,
  raisings: [{ meeting: 1, date: '2024-04-04', side: 'us', stance: 'raised' }],
  statusChanges: [{ at: '2024-06-01T10:00:00.000Z', from: 'open', to: 'resolved-in-part', by: 'someone' }],
  dormancyReview: false,
};

function api() {
  return { ...demoApi(), [timelinePath]: () => ({ body: timeline }) };
}

describe('issue timeline', () => {
  it('names the side, the stance and the statuses in words, in English', async () => {
    renderApp(`/dialogues/${fx.dialogue.key}/issues/${ISSUE}`, { api: api() });
    const region = await screen.findByRole('region', { name: 'Timeline' }, { timeout: 15_000 });
    const items = within(region)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toMatch(/United States · Raised$/);
    expect(items[1]).toMatch(/Open → Resolved in part$/);
  });

  it('and in Chinese, with nothing left in English or as a code', async () => {
    renderApp(`/dialogues/${fx.dialogue.key}/issues/${ISSUE}`, { api: api(), lang: 'zh' });
    const region = await screen.findByRole('region', { name: '时间线' }, { timeout: 15_000 });
    const text = region.textContent ?? '';
    expect(text).toContain('美国');
    expect(text).toContain('（2024年4月4日）');
    expect(text).not.toMatch(/\b(us|raised|open|resolved-in-part)\b/);
  });
});
