import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

const sides = {
  items: [
    {
      sides: [
        { key: 'us', country: 'US' },
        { key: 'cn', country: 'CN' },
      ],
    },
  ],
};

function reportApi(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return { ...demoApi(), '/api/v1/dialogues': () => ({ body: sides }), ...extra };
}

/** Pages load lazily: the first look waits longer than the default second on a busy machine. */
const LAZY = { timeout: 15_000 };

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('report a problem', () => {
  it('checks each step, keeps what was typed, summarises, then sends in the reader’s language', async () => {
    let sent: unknown;
    const { requests } = renderApp('/report', {
      neverSignedIn: true,
      api: reportApi({
        '/api/v1/reports': (_url, request) => {
          sent = request.body;
          return { status: 201, body: { reference: 'R-2026-000123', statusUrl: '/api/v1/reports/status/tok' } };
        },
        '/api/v1/taxonomy/hs': (url) => ({
          body: {
            items:
              url.searchParams.get('q') === 'photovoltaic'
                ? [
                    {
                      code: '854142',
                      description: 'Photovoltaic cells not assembled',
                      parent: '8541',
                      level: 6,
                      section: 'XVI',
                    },
                    {
                      code: '854143',
                      description: 'Photovoltaic cells in modules',
                      parent: '8541',
                      level: 6,
                      section: 'XVI',
                    },
                  ]
                : [],
          },
        }),
      }),
    });
    expect(await screen.findByRole('heading', { name: 'Report a problem', level: 1 }, LAZY)).toBeTruthy();
    await screen.findByRole('option', { name: 'CN' }, LAZY);

    // Step 1, empty: one message per required field, and no move.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findAllByText('This field is required.')).length).toBe(4);
    type(/Your e-mail address/, 'not an address');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Enter an e-mail address like name@example.org.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/government you are writing to/), { target: { value: 'us' } });
    type(/Name of your organisation/, 'Acme Solar');
    type(/Your name/, 'Ann Lee');
    type(/Your e-mail address/, 'ann@acme.example');
    fireEvent.click(screen.getByLabelText(/other government/));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('heading', { name: 'The problem' })).toBeTruthy();

    // Step 2: a bad economy stops it; nothing of step 1 is lost on the way back.
    type(/Where the problem is/, 'China');
    type(/Describe the problem/, 'Our modules are held at customs for months.');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Enter a two-letter country code, such as CN or US.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText(/Name of your organisation/) as HTMLInputElement).value).toBe('Acme Solar');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect((screen.getByLabelText(/Describe the problem/) as HTMLTextAreaElement).value).toBe(
      'Our modules are held at customs for months.',
    );
    type(/Where the problem is/, 'cn');
    // The HS picker finds codes by words.
    type(/^Search the Harmonized System/, 'photovoltaic');
    fireEvent.click(screen.getByRole('button', { name: 'Search the Harmonized System' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add 854143' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    // Step 3: impact, optional.
    type(/Trade value affected/, '2500000');
    type(/Currency/, 'usd');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    // Summary, then send.
    expect(await screen.findByRole('heading', { name: 'Check and send' })).toBeTruthy();
    expect(screen.getByText('Acme Solar')).toBeTruthy();
    expect(screen.getByText('2500000 USD')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(await screen.findByText('Your reference: R-2026-000123')).toBeTruthy();
    expect(sent).toEqual({
      language: 'en',
      addressedTo: 'us',
      organisation: { name: 'Acme Solar', kind: 'company' },
      contact: { name: 'Ann Lee', email: 'ann@acme.example' },
      consent: { shareWithCounterpart: true, shareWithPublic: false },
      economy: 'CN',
      products: ['854143'],
      description: 'Our modules are held at customs for months.',
      impact: { tradeValue: 2500000, currency: 'USD' },
    });
    expect(screen.getByTestId('status-link').getAttribute('href')).toBe('/reports/status/tok');
  }, 30_000);

  it('speaks Chinese, sends language zh, and puts the server’s per-field answer on its field', async () => {
    let body: Record<string, unknown> | undefined;
    renderApp('/report', {
      lang: 'zh',
      neverSignedIn: true,
      api: reportApi({
        '/api/v1/reports': (_url, request) => {
          body = request.body as Record<string, unknown>;
          return {
            status: 400,
            body: {
              error: {
                code: 'validation-failed',
                message: 'bad',
                details: { problems: [{ pointer: '/body/organisation/name', message: '服务器：名称有误' }] },
              },
            },
          };
        },
      }),
    });
    expect(await screen.findByRole('heading', { name: '反映问题', level: 1 }, LAZY)).toBeTruthy();
    await screen.findByRole('option', { name: 'CN' }, LAZY);
    fireEvent.change(screen.getByLabelText(/您要反映的政府/), { target: { value: 'cn' } });
    type(/机构名称/, '上海某公司');
    type(/联系人姓名/, '王芳');
    type(/电子邮箱/, 'wang@example.cn');
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    type(/问题所在国家或地区/, 'US');
    type(/问题描述/, '跨境数据流动审批不明确。');
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    fireEvent.click(await screen.findByRole('button', { name: '下一步' }));
    fireEvent.click(await screen.findByRole('button', { name: '提交报告' }));
    expect(await screen.findByText('服务器：名称有误')).toBeTruthy();
    expect(body?.language).toBe('zh');
    // Back on the step of the field, with the value kept.
    expect((screen.getByLabelText(/机构名称/) as HTMLInputElement).value).toBe('上海某公司');
  }, 30_000);
});

describe('the reporter’s status page', () => {
  it('shows the issue the report was merged into', async () => {
    renderApp('/reports/status/tok', {
      neverSignedIn: true,
      api: reportApi({
        '/api/v1/reports/status/tok': () => ({
          body: {
            reference: 'R-2026-000123',
            receivedAt: '2026-01-01T00:00:00.000Z',
            status: 'merged',
            issue: { key: 'cloud-data', title: { en: 'Cross-border data flows' }, status: 'open' },
            meetings: [],
          },
        }),
      }),
    });
    expect(await screen.findByText('Merged into issue Cross-border data flows.', {}, LAZY)).toBeTruthy();
  }, 30_000);
});

describe('the triage queue', () => {
  it('lists new reports, shows similar items with what matched, and merges', async () => {
    let merged: unknown;
    const report = {
      reference: 'R-2026-000001',
      addressedTo: 'us',
      language: 'zh',
      organisation: { name: '上海某公司', kind: 'company' },
      contact: { name: '王芳', email: 'wang@example.cn' },
      consent: { shareWithCounterpart: false, shareWithPublic: false },
      economy: 'CN',
      products: [],
      description: '跨境数据流动审批不明确。',
      status: 'new',
      receivedAt: '2026-01-01T00:00:00.000Z',
    };
    renderApp('/triage', {
      api: reportApi({
        '/api/v1/me': () => ({ body: fx.me('us', 'analyst') }),
        '/api/v1/reports': () => ({ body: { items: [report] } }),
        '/api/v1/reports/R-2026-000001/similar': () => ({
          body: {
            items: [
              {
                kind: 'issue',
                key: 'cross-border-data-flows',
                dialogue: 'us-cn-ciwg',
                score: 0.41,
                why: ['term: cross-border data flows / 跨境数据流动'],
              },
            ],
          },
        }),
        '/api/v1/issues/cross-border-data-flows/reports': (_url, request) => {
          merged = request.body;
          return {
            body: { issue: { dialogue: 'us-cn-ciwg', key: 'cross-border-data-flows' }, merged: ['R-2026-000001'] },
          };
        },
      }),
    });
    expect(await screen.findByRole('heading', { name: 'R-2026-000001' }, LAZY)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show similar items' }));
    expect(await screen.findByText(/Matched: term: cross-border data flows \/ 跨境数据流动/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Merge into this issue' }));
    expect(await screen.findByText('Merged into cross-border-data-flows.')).toBeTruthy();
    await waitFor(() => expect(merged).toEqual({ reports: ['R-2026-000001'], dialogue: 'us-cn-ciwg' }));
  }, 30_000);
});

describe('the reports catalogues', () => {
  it('have the same keys and placeholders in English and Chinese', async () => {
    const en = (await import('../i18n/reports.en.json')).default as unknown;
    const zh = (await import('../i18n/reports.zh.json')).default as unknown;
    const leaves = (tree: unknown, prefix = ''): string[] =>
      typeof tree === 'string'
        ? [
            `${prefix}=${[...tree.matchAll(/\{\{(\w+)\}\}/g)]
              .map((m) => m[1])
              .sort()
              .join(',')}`,
          ]
        : Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
    expect(leaves(zh).sort()).toEqual(leaves(en).sort());
  });
});
