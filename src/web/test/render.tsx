/**
 * Renders the whole app at a URL, as the browser would, with the API replaced
 * by a fetch mock that answers from a table of paths.
 */
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { App, appRoutes, createQueryClient } from '../App.js';
import { createI18n, type UiLanguage } from '../i18n/index.js';
import * as fx from './fixtures.js';

export interface MockResponse {
  status?: number;
  body: unknown;
}
/** A handler answers one API path; it sees the full URL so it can look at the query. */
export type Handler = (url: URL) => MockResponse | Promise<MockResponse>;

const ok =
  (body: unknown): Handler =>
  () => ({ body });

/** The demo dialogue, as a server with the demo data would answer. */
export function demoApi(): Record<string, Handler> {
  const base = `/api/v1/dialogues/${fx.dialogue.key}`;
  const api: Record<string, Handler> = {
    '/api/v1/installation': ok(fx.installation),
    '/api/v1/dialogues': ok({ items: [fx.dialogueSummary] }),
    [base]: ok(fx.dialogue),
    [`${base}/meetings`]: ok({ items: [fx.meeting] }),
    [`${base}/meetings/1`]: ok(fx.meetingDetail),
    [`${base}/issues`]: ok({ items: fx.issues }),
  };
  for (const issue of fx.issues) api[`${base}/issues/${issue.key}`] = ok(fx.issueDetail(issue.key));
  return api;
}

export function apiError(status: number, code: string, message: string): Handler {
  return () => ({ status, body: { error: { code, message } } });
}

export function renderApp(path: string, options: { lang?: UiLanguage; api?: Record<string, Handler> } = {}) {
  const api = options.api ?? demoApi();
  const calls: URL[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://parley.test',
    );
    calls.push(url);
    const handler = api[url.pathname];
    const { status = 200, body } = handler
      ? await handler(url)
      : { status: 404, body: { error: { code: 'not-found', message: `No route ${url.pathname}` } } };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  // Failures must show at once in tests, not after the production retries.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const i18n = createI18n(options.lang ?? 'en');
  const result = render(<App router={router} queryClient={queryClient} i18n={i18n} />);
  return { ...result, router, calls, i18n, queryClient };
}
