import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import analyticsEn from '../i18n/analytics.en.json' with { type: 'json' };
import analyticsZh from '../i18n/analytics.zh.json' with { type: 'json' };
import cycleEn from '../i18n/cycle.en.json' with { type: 'json' };
import cycleZh from '../i18n/cycle.zh.json' with { type: 'json' };
import { demoApi, renderApp, type Handler } from '../test/render.js';
import * as fx from '../test/fixtures.js';
import type { ChartTableT } from './AnalyticsPage.js';

const base = `/api/v1/dialogues/${fx.dialogue.key}`;

beforeAll(async () => {
  await import('./AnalyticsPage.js');
}, 30_000);

const SCORECARD: ChartTableT = {
  chart: 'scorecard',
  title: { en: "The dialogue's scorecard", zh: '对话成绩单' },
  columns: ['state', 'issues'],
  columnLabels: [
    { en: 'State', zh: '状态' },
    { en: 'Issues', zh: '问题数' },
  ],
  rows: [
    ['resolved', 1],
    ['resolved-in-part', 0],
    ['open', 6],
    ['stalled', 2],
  ],
  rowLabels: [
    { en: 'Resolved', zh: '已解决' },
    { en: 'Resolved in part', zh: '部分解决' },
    { en: 'Open', zh: '待解决' },
    { en: 'Stalled', zh: '停滞' },
  ],
};
const REPORTS: ChartTableT = {
  chart: 'reports-by-economy',
  title: { en: 'Reports by economy', zh: '按经济体统计的企业反映' },
  columns: ['economy', 'new', 'merged', 'rejected'],
  columnLabels: [
    { en: 'Economy', zh: '经济体' },
    { en: 'New', zh: '新收到' },
    { en: 'Merged into an issue', zh: '已并入问题' },
    { en: 'Rejected', zh: '未采纳' },
  ],
  rows: [['CN', 2, 1, 0]],
  rowLabels: [{ en: 'China', zh: '中国' }],
  note: { en: 'A note on what is left out.', zh: '关于未计入内容的说明。' },
};

function analyticsApi(tables: ChartTableT[]): Record<string, Handler> {
  const api = demoApi();
  api[`${base}/analytics`] = () => ({ body: { items: tables.map((t) => ({ chart: t.chart, title: t.title })) } });
  for (const t of tables) api[`${base}/analytics/${t.chart}.json`] = () => ({ body: t });
  return api;
}

describe('the analytics page', () => {
  it('shows each chart as the server’s SVG with its data table and CSV, as the server offers them', async () => {
    renderApp(`/dialogues/${fx.dialogue.key}/analytics`, { api: analyticsApi([SCORECARD]) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Analytics' }, { timeout: 5000 })).toBeTruthy();
    const section = within(
      (await screen.findByRole('heading', { level: 2, name: "The dialogue's scorecard" })).closest('section')!,
    );
    const img = section.getByRole('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(`${base}/analytics/scorecard.svg?lang=en`);
    expect(img.alt).toBe("The dialogue's scorecard: the numbers are in the data table beside the chart.");
    const table = section.getByRole('table', { name: 'Data table' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['State', 'Issues']);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['Resolved1', 'Resolved in part0', 'Open6', 'Stalled2']);
    expect(section.getByRole('link', { name: 'Download the CSV' }).getAttribute('href')).toBe(
      `${base}/analytics/scorecard.csv?lang=en`,
    );
    // The public is offered no reports chart, and no word about them.
    expect(screen.queryByText("The reports charts count your side's own reports only.")).toBeNull();
  });

  it('speaks Chinese: the labels, the SVG’s language and the CSV’s, and a side’s reports', async () => {
    const api = analyticsApi([SCORECARD, REPORTS]);
    api['/api/v1/me'] = () => ({ body: fx.me('us', 'analyst') });
    renderApp(`/dialogues/${fx.dialogue.key}/analytics`, { api, lang: 'zh' });
    expect(await screen.findByRole('heading', { level: 1, name: '数据分析' }, { timeout: 5000 })).toBeTruthy();
    const reports = within(
      (await screen.findByRole('heading', { level: 2, name: '按经济体统计的企业反映' })).closest('section')!,
    );
    expect((reports.getByRole('img') as HTMLImageElement).getAttribute('src')).toBe(
      `${base}/analytics/reports-by-economy.svg?lang=zh`,
    );
    const table = reports.getByRole('table', { name: '数据表' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['经济体', '新收到', '已并入问题', '未采纳']);
    expect(within(table).getByRole('rowheader').textContent).toBe('中国');
    expect(reports.getByText('关于未计入内容的说明。')).toBeTruthy();
    expect(reports.getByRole('link', { name: '下载CSV文件' }).getAttribute('href')).toBe(
      `${base}/analytics/reports-by-economy.csv?lang=zh`,
    );
    expect(screen.getByText('企业反映图表仅统计本方收到的企业反映。')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: '对话成绩单' })).toBeTruthy();
  });

  it('is linked from the dialogue page', async () => {
    renderApp(`/dialogues/${fx.dialogue.key}`, { api: analyticsApi([]) });
    const links = await screen.findByTestId('cycle-links', {}, { timeout: 5000 });
    expect(within(links).getByRole('link', { name: 'Analytics' }).getAttribute('href')).toBe(
      `/dialogues/${fx.dialogue.key}/analytics`,
    );
  });
});

describe('the analytics and meeting-cycle catalogues', () => {
  type Tree = { [key: string]: string | Tree };
  const flatten = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
    );
  const holes = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

  it.each([
    ['analytics', analyticsEn, analyticsZh],
    ['cycle', cycleEn, cycleZh],
  ])('%s: the same keys and placeholders in English and Chinese, Chinese in Chinese', (_name, en, zh) => {
    const e = new Map(flatten(en as Tree));
    const z = new Map(flatten(zh as Tree));
    expect([...z.keys()].sort()).toEqual([...e.keys()].sort());
    for (const [k, v] of e) expect(holes(z.get(k)!), k).toEqual(holes(v));
    for (const [k, v] of z) expect(/\p{Script=Han}/u.test(v), k).toBe(true);
  });
});
