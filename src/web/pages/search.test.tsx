import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResultT } from '../hooks/register.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

/** What the server answers to a search by a U.S. analyst: an issue, a report of theirs and a readout. */
const result: SearchResultT = {
  total: 3,
  facets: {
    kind: { issue: 1, report: 1, readout: 1 },
    category: { 'industrial-policy': 1 },
    status: { open: 1, new: 1, published: 1 },
    side: { us: 3 },
    economy: { CN: 2 },
    sector: { Steel: 2 },
    chapter: { '72': 2 },
    meeting: { '1': 2 },
    year: { '2024': 3 },
  },
  items: [
    {
      kind: 'issue',
      key: 'industrial-overcapacity',
      dialogue: 'us-cn-ciwg',
      title: 'Overcapacity in Chinese industrial sectors',
      snippet: '<mark>Overcapacity</mark> in Chinese industrial sectors',
      score: 0.9,
      category: 'industrial-policy',
      status: 'open',
      side: 'us',
      year: 2024,
      date: '2024-04-04',
      priority: 41.5,
    },
    {
      kind: 'report',
      key: 'R-2024-000007',
      dialogue: null,
      title: 'R-2024-000007 · Granite Steel Works',
      snippet: 'Steel <mark>overcapacity</mark> depresses prices',
      score: 0.5,
      category: null,
      status: 'new',
      side: 'us',
      year: 2024,
      date: '2024-05-01',
      priority: 12,
    },
    {
      kind: 'readout',
      key: '1/8d3c9a8e-2f4b-4c1e-9a77-0b5e2c1d4f60',
      dialogue: 'us-cn-ciwg',
      title: 'U.S. and China hold inaugural meeting',
      snippet: 'raised <mark>overcapacity</mark>',
      score: 0.2,
      category: null,
      status: 'published',
      side: 'us',
      year: 2024,
      date: '2024-04-05',
      priority: null,
    },
  ],
};

function searchApi(): { api: Record<string, Handler>; asked: URL[] } {
  const asked: URL[] = [];
  const api = demoApi();
  api['/api/v1/search'] = (url) => {
    asked.push(url);
    return { body: result };
  };
  return { api, asked };
}

describe('search page', () => {
  it('shows every facet, the hits of each kind with their links, and priorities', async () => {
    const { api } = searchApi();
    renderApp('/search?q=overcapacity', { api });
    expect(await screen.findByText('3 results for “overcapacity”')).toBeTruthy();
    const refine = screen.getByRole('complementary', { name: 'Refine' });
    for (const heading of [
      'Kind',
      'Category',
      'Status',
      'Side',
      'Economy',
      'Sector',
      'HS chapter',
      'Meeting',
      'Year',
    ]) {
      expect(within(refine).getByRole('heading', { name: heading })).toBeTruthy();
    }
    expect(within(refine).getByRole('button', { name: 'China (2)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'Steel (2)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'Chapter 72 (2)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'Meeting 1 (2)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'Report (1)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'Readout (1)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'New (1)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: 'Published (1)' })).toBeTruthy();

    expect(screen.getByRole('link', { name: 'Overcapacity in Chinese industrial sectors' }).getAttribute('href')).toBe(
      '/dialogues/us-cn-ciwg/issues/industrial-overcapacity',
    );
    expect(screen.getByRole('link', { name: 'R-2024-000007 · Granite Steel Works' }).getAttribute('href')).toBe(
      '/triage',
    );
    expect(screen.getByRole('link', { name: 'U.S. and China hold inaugural meeting' }).getAttribute('href')).toBe(
      '/dialogues/us-cn-ciwg/meetings/1',
    );
    expect(screen.getByText('Priority 41.5')).toBeTruthy();
    expect(screen.getByText('Priority 12')).toBeTruthy();
  });

  it('narrows by a new facet and sorts by priority, through the URL and the API', async () => {
    const { api, asked } = searchApi();
    const { router } = renderApp('/search?q=overcapacity', { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Chapter 72 (2)' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('chapter')).toBe('72'));
    await waitFor(() => expect(asked.some((u) => u.searchParams.get('chapter') === '72')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'China (2)' }));
    await waitFor(() => expect(asked.some((u) => u.searchParams.get('economy') === 'CN')).toBe(true));

    const sort = screen.getByLabelText('Sort by') as HTMLSelectElement;
    expect([...sort.options].map((o) => o.textContent)).toEqual(['Relevance', 'Date', 'Priority']);
    fireEvent.change(sort, { target: { value: 'priority' } });
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('sort')).toBe('priority'));
    await waitFor(() =>
      expect(
        asked.some(
          (u) =>
            u.searchParams.get('sort') === 'priority' &&
            u.searchParams.get('chapter') === '72' &&
            u.searchParams.get('economy') === 'CN',
        ),
      ).toBe(true),
    );
  });

  it('speaks Chinese: facets, values, kinds and the sort choice', async () => {
    const { api, asked } = searchApi();
    renderApp('/search?q=overcapacity', { api, lang: 'zh' });
    expect(await screen.findByText('“overcapacity”共有3条结果')).toBeTruthy();
    const refine = screen.getByRole('complementary', { name: '筛选' });
    for (const heading of ['所属方', '经济体', '行业', 'HS编码章', '会议']) {
      expect(within(refine).getByRole('heading', { name: heading })).toBeTruthy();
    }
    expect(within(refine).getByRole('button', { name: '中国 (2)' })).toBeTruthy();
    // A side by its country's name, not its key.
    expect(await within(refine).findByRole('button', { name: '美国 (3)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: '第72章 (2)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: '第1次会议 (2)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: '企业反映 (1)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: '会议纪要 (1)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: '新收到 (1)' })).toBeTruthy();
    expect(within(refine).getByRole('button', { name: '已发布 (1)' })).toBeTruthy();
    const sort = screen.getByLabelText('排序') as HTMLSelectElement;
    expect([...sort.options].map((o) => o.textContent)).toEqual(['相关度', '日期', '优先级']);
    expect(screen.getByText('优先级 41.5')).toBeTruthy();
    // Titles and snippets come from the server in the reader's language.
    expect(asked[0]?.searchParams.get('lang')).toBe('zh');
  });
});
