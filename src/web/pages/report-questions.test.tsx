import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

/** Pages load lazily: the first look waits longer than the default second on a busy machine. */
const LAZY = { timeout: 15_000 };

const status = (questions: unknown[]) => ({
  reference: 'R-2026-000123',
  receivedAt: '2026-01-05T08:00:00.000Z',
  status: 'received',
  meetings: [],
  questions,
});
const open = {
  id: '0b6f4f3c-1111-4d2a-9c1e-5f1a2b3c4d5e',
  question: '每年受影响的数据量大约是多少？',
  askedAt: '2026-01-06T09:30:00.000Z',
};

describe('the answer form on the reporter’s status page', () => {
  it('shows the open question, checks the answer, sends it through the link and shows it, in Chinese', async () => {
    const sent: unknown[] = [];
    const { requests } = renderApp('/reports/status/tok-abc', {
      lang: 'zh',
      neverSignedIn: true,
      api: {
        ...demoApi(),
        '/api/v1/reports/status/tok-abc': () => ({ body: status([open]) }),
        '/api/v1/reports/status/tok-abc/answers': (_url, request) => {
          sent.push(request.body);
          return {
            body: { items: [{ ...open, answer: '每年约 20 TB。', answeredAt: '2026-01-07T10:00:00.000Z' }] },
          };
        },
      } satisfies Record<string, Handler>,
    });
    expect(await screen.findByRole('heading', { name: '分析人员的问题' }, LAZY)).toBeTruthy();
    expect(screen.getByText('每年受影响的数据量大约是多少？')).toBeTruthy();

    // Empty: a message on the field, and nothing sent.
    fireEvent.click(screen.getByRole('button', { name: '提交回答' }));
    expect(await screen.findByText('请先填写回答。')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByLabelText('您的回答'), { target: { value: '每年约 20 TB。' } });
    fireEvent.click(screen.getByRole('button', { name: '提交回答' }));
    expect(await screen.findByText('谢谢！您的回答已附在报告中。')).toBeTruthy();
    expect(sent).toEqual([{ question: open.id, answer: '每年约 20 TB。' }]);
    expect(screen.getByText('每年约 20 TB。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交回答' })).toBeNull();
  }, 30_000);

  it('puts the server’s word on the field, and keeps what was typed', async () => {
    renderApp('/reports/status/tok-abc', {
      neverSignedIn: true,
      api: {
        ...demoApi(),
        '/api/v1/reports/status/tok-abc': () => ({ body: status([open]) }),
        '/api/v1/reports/status/tok-abc/answers': () => ({
          status: 400,
          body: {
            error: {
              code: 'validation-failed',
              message: 'bad',
              details: { problems: [{ pointer: '/body/answer', message: 'must be well-formed Unicode text' }] },
            },
          },
        }),
      },
    });
    expect(await screen.findByRole('heading', { name: 'Questions from the analysts' }, LAZY)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: 'About 20 TB a year.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the answer' }));
    expect(await screen.findByText('must be well-formed Unicode text')).toBeTruthy();
    expect((screen.getByLabelText('Your answer') as HTMLTextAreaElement).value).toBe('About 20 TB a year.');
  }, 30_000);

  it('shows nothing of questions when there are none', async () => {
    renderApp('/reports/status/tok-abc', {
      neverSignedIn: true,
      api: { ...demoApi(), '/api/v1/reports/status/tok-abc': () => ({ body: status([]) }) },
    });
    expect(await screen.findByText('Received: analysts will read it.', {}, LAZY)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Questions from the analysts' })).toBeNull();
  }, 30_000);
});

describe('questions on the triage page', () => {
  it('lists the questions with their answers, and asks a new one', async () => {
    let asked: unknown;
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
      attachments: [],
    };
    renderApp('/triage', {
      api: {
        ...demoApi(),
        '/api/v1/me': () => ({ body: fx.me('us', 'analyst') }),
        '/api/v1/reports': () => ({ body: { items: [report] } }),
        '/api/v1/reports/R-2026-000001/questions': (_url, request) => {
          if (request.method === 'POST') {
            asked = request.body;
            return { status: 201, body: { ...open, askedBy: 'analyst@us.example', question: 'Which ports?' } };
          }
          return {
            body: {
              items: [
                {
                  ...open,
                  askedBy: 'lead@us.example',
                  answer: '每年约 20 TB。',
                  answeredAt: '2026-01-07T10:00:00.000Z',
                },
              ],
            },
          };
        },
      },
    });
    expect(await screen.findByRole('heading', { name: 'Questions to the reporter' }, LAZY)).toBeTruthy();
    expect(await screen.findByText('每年约 20 TB。')).toBeTruthy();
    expect(screen.getByText(/by lead@us\.example/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send the question' }));
    expect(await screen.findByText('Write the question first.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Ask the reporter a question'), { target: { value: 'Which ports?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the question' }));
    expect(await screen.findByText('The question was sent to the reporter.')).toBeTruthy();
    await waitFor(() => expect(asked).toEqual({ question: 'Which ports?' }));
  }, 30_000);
});
