import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IssueReporters } from '../../shared/reports.js';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

const base = `/dialogues/${fx.dialogue.key}`;
const ISSUE = 'industrial-overcapacity';
const reportsPath = `/api/v1/dialogues/${fx.dialogue.key}/issues/${ISSUE}/reports`;

/** The demo API, signed in (or not), with the issue's "Reported by" answer. */
function api(answer: IssueReporters, me?: ReturnType<typeof fx.me>): Record<string, Handler> {
  const handlers = demoApi();
  handlers[reportsPath] = () => ({ body: answer });
  if (me) handlers['/api/v1/me'] = () => ({ body: me });
  return handlers;
}

const receiving: IssueReporters = {
  items: [
    {
      reference: 'R-2026-000012',
      receivedAt: '2026-03-02T09:15:00.000Z',
      language: 'en',
      organisation: { name: 'Acme Solar', kind: 'company' },
      impact: { tradeValue: 2_500_000, currency: 'USD', companiesAffected: 12 },
      status: 'merged',
    },
    {
      reference: 'R-2026-000031',
      receivedAt: '2026-04-11T01:00:00.000Z',
      language: 'zh',
      organisation: { name: '华东光伏行业协会', kind: 'association' },
      status: 'merged',
    },
  ],
  unnamed: 0,
};

const counterpart: IssueReporters = {
  items: [{ organisation: { name: 'Acme Solar', kind: 'company' } }],
  unnamed: 2,
};

async function section() {
  return screen.findByRole('region', { name: /Reported by|报告方/ }, { timeout: 15_000 });
}

describe('issue page: reported by', () => {
  it("shows the receiving side's staff a table of the reports", async () => {
    renderApp(`${base}/issues/${ISSUE}`, { api: api(receiving, fx.me('us', 'analyst')) });
    const region = await section();
    const rows = within(region).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = within(region).getByRole('row', { name: /R-2026-000012/ });
    expect(within(first).getByText('Acme Solar')).toBeTruthy();
    expect(within(first).getByText('Company')).toBeTruthy();
    expect(within(first).getByText('2,500,000 USD')).toBeTruthy();
    expect(within(first).getByText('12 companies affected')).toBeTruthy();
    expect(within(first).getByText('Merged')).toBeTruthy();
    expect(within(first).getByText('March 2, 2026')).toBeTruthy();
    const second = within(region).getByRole('row', { name: /R-2026-000031/ });
    expect(within(second).getByText('Not given')).toBeTruthy();
    expect(within(second).getByText('Association')).toBeTruthy();
    expect(within(region).queryByText(/asked not to be named/)).toBeNull();
  });

  it('the same table in Chinese', async () => {
    renderApp(`${base}/issues/${ISSUE}`, { lang: 'zh', api: api(receiving, fx.me('us', 'analyst')) });
    const region = await section();
    expect(within(region).getByRole('heading', { name: '报告方' })).toBeTruthy();
    const first = within(region).getByRole('row', { name: /R-2026-000012/ });
    expect(within(first).getByText('受影响企业12家')).toBeTruthy();
    expect(within(first).getByText('已并入')).toBeTruthy();
    expect(within(first).getByText('企业')).toBeTruthy();
    expect(within(first).getByText('2026年3月2日')).toBeTruthy();
    expect(within(region).getByRole('columnheader', { name: '涉及金额' })).toBeTruthy();
  });

  it('shows anyone else the consenting names and how many others asked not to be named', async () => {
    renderApp(`${base}/issues/${ISSUE}`, { api: api(counterpart, fx.me('cn', 'analyst')) });
    const region = await section();
    expect(within(region).queryByRole('table')).toBeNull();
    expect(within(region).getByRole('listitem').textContent).toBe('Acme Solar (Company)');
    expect(within(region).getByText('and 2 other companies that asked not to be named')).toBeTruthy();
  });

  it('says one company in the singular, and counts alone when nobody may be named', async () => {
    renderApp(`${base}/issues/${ISSUE}`, { api: api({ items: [], unnamed: 1 }) });
    const region = await section();
    expect(within(region).getByText('1 company that asked not to be named')).toBeTruthy();
    expect(within(region).queryByRole('list')).toBeNull();
  });

  it('in Chinese, for the other side', async () => {
    renderApp(`${base}/issues/${ISSUE}`, { lang: 'zh', api: api(counterpart, fx.me('cn', 'analyst')) });
    const region = await section();
    expect(within(region).getByRole('listitem').textContent).toBe('Acme Solar (企业)');
    expect(within(region).getByText('以及另外2家要求不具名的企业')).toBeTruthy();
  });

  it('shows nothing when no report stands behind the issue', async () => {
    const { calls } = renderApp(`${base}/issues/${ISSUE}`, { api: api({ items: [], unnamed: 0 }) });
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Overcapacity in Chinese industrial sectors' },
        {
          timeout: 15_000,
        },
      ),
    ).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Raised at meetings' })).toBeTruthy();
    // The reporters' answer was asked for; give it time to arrive, then look.
    await waitFor(() => expect(calls.some((url) => url.pathname === reportsPath)).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: 'Reported by' })).toBeNull();
    expect(screen.queryByText(/asked not to be named/)).toBeNull();
  });
});
