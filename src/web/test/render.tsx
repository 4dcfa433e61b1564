/**
 * Renders the whole app at a URL, as the browser would, with the API replaced
 * by a fetch mock that answers from a table of paths.
 */
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { App, appRoutes, createQueryClient } from '../App.js';
import { SESSION_HINT_KEY } from '../hooks/session.js';
import { createI18n, type UiLanguage } from '../i18n/index.js';
import * as fx from './fixtures.js';

export interface MockResponse {
  status?: number;
  /** Omitted for 204 No Content. */
  body?: unknown;
}
/** What a handler sees of the request besides its URL: method, headers and the parsed JSON body (or the FormData). */
export interface MockRequest {
  method: string;
  headers: Headers;
  body: unknown;
}
/** A handler answers one API path; it sees the full URL so it can look at the query. */
export type Handler = (url: URL, request: MockRequest) => MockResponse | Promise<MockResponse>;
/** A request the app made, for assertions. */
export interface Call extends MockRequest {
  url: URL;
}

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
    // The public: not signed in, no demo, no single sign-on (a server without those routes answers 404).
    '/api/v1/me': apiError(401, 'unauthenticated', 'Sign in first.'),
  };
  for (const issue of fx.issues) api[`${base}/issues/${issue.key}`] = ok(fx.issueDetail(issue.key));
  return api;
}

export function apiError(status: number, code: string, message: string): Handler {
  return () => ({ status, body: { error: { code, message } } });
}

export function renderApp(
  path: string,
  options: {
    lang?: UiLanguage;
    api?: Record<string, Handler>;
    /** A browser that has never signed in: the app does not ask GET /api/v1/me (see hooks/session.ts). */
    neverSignedIn?: boolean;
  } = {},
) {
  const api = options.api ?? demoApi();
  if (!options.neverSignedIn) window.localStorage.setItem(SESSION_HINT_KEY, '1');
  const calls: URL[] = [];
  const requests: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://parley.test',
    );
    const request: MockRequest = {
      method: (init?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers),
      body:
        typeof init?.body === 'string'
          ? (JSON.parse(init.body) as unknown)
          : init?.body instanceof FormData
            ? init.body
            : undefined,
    };
    calls.push(url);
    requests.push({ url, ...request });
    const handler = api[url.pathname];
    const { status = 200, body } = handler
      ? await handler(url, request)
      : { status: 404, body: { error: { code: 'route-not-found', message: `No route ${url.pathname}` } } };
    if (status === 204) return new Response(null, { status });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  // Failures must show at once in tests, not after the production retries.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const i18n = createI18n(options.lang ?? 'en');
  const result = render(<App router={router} queryClient={queryClient} i18n={i18n} />);
  return { ...result, router, calls, requests, i18n, queryClient };
}
