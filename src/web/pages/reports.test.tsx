import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

const sides = {
  items: [
    {
      sides: [
        {
          key: 'us',
          country: 'US',
          agency: { en: 'International Trade Administration', zh: '美国商务部国际贸易管理局' },
        },
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
    // The governments by name, with the agency that receives reports where the dialogue gives it.
    await screen.findByRole('option', { name: 'China' }, LAZY);
    expect(screen.getByRole('option', { name: 'United States (International Trade Administration)' })).toBeTruthy();

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
    // In Chinese too: the country's name, the agency in full-width brackets.
    await screen.findByRole('option', { name: '中国' }, LAZY);
    expect(screen.getByRole('option', { name: '美国（美国商务部国际贸易管理局）' })).toBeTruthy();
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

describe('the attachments of a report', () => {
  const MB = 1024 * 1024;
  const pick = (input: HTMLElement, files: File[]) => fireEvent.change(input, { target: { files } });
  const sized = (name: string, size: number, type = 'application/pdf') => {
    const f = new File(['%PDF-1.4'], name, { type });
    Object.defineProperty(f, 'size', { value: size });
    return f;
  };

  it('are chosen on the impact step, checked for size, summarised, sent as multipart; a refused one is named', async () => {
    const sent: FormData[] = [];
    renderApp('/report', {
      neverSignedIn: true,
      api: reportApi({
        '/api/v1/reports': (_url, request) => {
          sent.push(request.body as FormData);
          return {
            status: 400,
            body: {
              error: {
                code: 'validation-failed',
                message: 'The report was not received',
                details: {
                  problems: [
                    {
                      pointer: '/body/attachments/1',
                      message:
                        '"invoice.pdf" must be a PDF, a Word document or an image; it looks like a Windows program',
                    },
                  ],
                },
              },
            },
          };
        },
      }),
    });
    // The governments by name, with the agency that receives reports where the dialogue gives it.
    await screen.findByRole('option', { name: 'China' }, LAZY);
    expect(screen.getByRole('option', { name: 'United States (International Trade Administration)' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/government you are writing to/), { target: { value: 'us' } });
    type(/Name of your organisation/, 'Acme Solar');
    type(/Your name/, 'Ann Lee');
    type(/Your e-mail address/, 'ann@acme.example');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByLabelText(/Where the problem is/);
    type(/Where the problem is/, 'CN');
    type(/Describe the problem/, 'Our modules are held at customs for months.');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    // The impact step has the files, with the kinds and limits said.
    expect(await screen.findByRole('heading', { name: 'Impact and documents' })).toBeTruthy();
    const input = screen.getByLabelText('Documents and pictures');
    expect(input.getAttribute('accept')).toContain('application/pdf');
    expect(screen.getByText(/PDF, Word \(\.docx\), .*at most 5 files, 10 MB each, 25 MB in all/)).toBeTruthy();
    type(/Steps already taken/, 'We wrote to the agency.');

    // A file over 10 MB is named and stops the step; removing it lets the reader on, nothing else lost.
    pick(input, [sized('inspection.pdf', 2 * MB), sized('huge-scan.pdf', 11 * MB)]);
    expect(screen.getByText('inspection.pdf')).toBeTruthy();
    expect(screen.getByText('This file is larger than 10 MB.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Impact and documents' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove huge-scan.pdf' }));
    expect(screen.queryByText('This file is larger than 10 MB.')).toBeNull();
    pick(input, [sized('invoice.pdf', 300 * 1024)]);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    // The summary lists the files with their sizes.
    expect(await screen.findByRole('heading', { name: 'Check and send' })).toBeTruthy();
    expect(screen.getByText(/inspection\.pdf \(2 MB\)\s+invoice\.pdf \(300 KB\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));

    // Sent as a form: the report as JSON text and the two files; the server's word lands by the refused file.
    expect(
      await screen.findByText(
        '"invoice.pdf" must be a PDF, a Word document or an image; it looks like a Windows program',
      ),
    ).toBeTruthy();
    expect(sent).toHaveLength(1);
    const form = sent[0]!;
    expect(JSON.parse(form.get('report') as string)).toMatchObject({ addressedTo: 'us', economy: 'CN' });
    expect((form.getAll('attachments') as File[]).map((f) => f.name)).toEqual(['inspection.pdf', 'invoice.pdf']);
    expect(screen.getByRole('heading', { name: 'Impact and documents' })).toBeTruthy();
    expect((screen.getByLabelText(/Steps already taken/) as HTMLTextAreaElement).value).toBe('We wrote to the agency.');
    expect(screen.getByText('inspection.pdf')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText(/Describe the problem/) as HTMLTextAreaElement).value).toBe(
      'Our modules are held at customs for months.',
    );
  }, 30_000);

  it('speak Chinese', async () => {
    renderApp('/report', { lang: 'zh', neverSignedIn: true, api: reportApi() });
    // In Chinese too: the country's name, the agency in full-width brackets.
    await screen.findByRole('option', { name: '中国' }, LAZY);
    expect(screen.getByRole('option', { name: '美国（美国商务部国际贸易管理局）' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/您要反映的政府/), { target: { value: 'cn' } });
    type(/机构名称/, '上海某公司');
    type(/联系人姓名/, '王芳');
    type(/电子邮箱/, 'wang@example.cn');
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    type(/问题所在国家或地区/, 'US');
    type(/问题描述/, '跨境数据流动审批不明确。');
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByRole('heading', { name: '影响和材料' })).toBeTruthy();
    pick(
      screen.getByLabelText('文件和图片'),
      Array.from({ length: 6 }, (_, i) => sized(`${i}.png`, 1000, 'image/png')),
    );
    expect(screen.getByText('每份报告最多可附 5 个文件。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '移除 5.png' })).toBeTruthy();
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
      attachments: [
        {
          id: '5f0c2a9e-1d7b-4c1e-9a51-3b8f4f6e2d10',
          name: '海关通知.pdf',
          mediaType: 'application/pdf',
          size: 2048,
          sha256: 'ab'.repeat(32),
        },
      ],
    };
    renderApp('/triage', {
      api: reportApi({
        '/api/v1/me': () => ({ body: fx.me('us', 'analyst') }),
        // Once merged, the report is no longer new: the queue's refetch no longer has it.
        '/api/v1/reports': () => ({ body: { items: merged ? [] : [report] } }),
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
    const file = screen.getByRole('link', { name: 'Download 海关通知.pdf' });
    expect(file.getAttribute('href')).toBe(
      '/api/v1/reports/R-2026-000001/attachments/5f0c2a9e-1d7b-4c1e-9a51-3b8f4f6e2d10',
    );
    expect(screen.getByText(/\(PDF, 2 KB\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show similar items' }));
    expect(await screen.findByText(/Matched: term: cross-border data flows \/ 跨境数据流动/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Merge into this issue' }));
    expect(await screen.findByText('Merged into cross-border-data-flows.')).toBeTruthy();
    await waitFor(() => expect(merged).toEqual({ reports: ['R-2026-000001'], dialogue: 'us-cn-ciwg' }));
    // The queue is read again and is empty; the handled report keeps its card and what became of it.
    expect(await screen.findByText('No new reports.')).toBeTruthy();
    expect(screen.getByText('Merged into cross-border-data-flows.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'R-2026-000001' })).toBeTruthy();
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
