/**
 * Signing out from a page that reads what only a signed-in user may read: once
 * the session has ended, the page must not ask again (the server would answer
 * 401), and no read on its way may land in the public's cache.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Call, type Handler } from '../test/render.js';

const who = fx.me('us', 'lead');
const refused = { status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in first.' } } };

/** The demo API for `who` until DELETE /api/v1/session, the public's afterwards; `personal` answers only while signed in. */
function sessionApi(personal: Record<string, () => unknown>) {
  const state = { signedIn: true };
  const api: Record<string, Handler> = {
    ...demoApi(),
    '/api/v1/me': () => (state.signedIn ? { body: who } : refused),
    '/api/v1/session': () => {
      state.signedIn = false;
      return { status: 204 };
    },
  };
  for (const [path, body] of Object.entries(personal)) {
    api[path] = () => (state.signedIn ? { body: body() } : refused);
  }
  return { api, state };
}

/** Requests made after the session ended. */
function afterSignOut(requests: Call[]): Call[] {
  const at = requests.findIndex((r) => r.method === 'DELETE' && r.url.pathname === '/api/v1/session');
  expect(at).toBeGreaterThanOrEqual(0);
  return requests.slice(at + 1);
}

async function signOut(): Promise<void> {
  fireEvent.click(await screen.findByRole('button', { name: /U\.S\. lead/ }, { timeout: 5000 }));
  fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
  await screen.findByRole('link', { name: 'Sign in' });
  await screen.findByRole('heading', { level: 1, name: 'Dialogues' });
}

describe('signing out', { timeout: 20_000 }, () => {
  it('from the account page, asks nothing more about the account and reads the list as the public', async () => {
    const { api } = sessionApi({
      '/api/v1/me/tokens': () => ({ items: [] }),
      '/api/v1/me/sessions': () => ({ items: [] }),
    });
    const { requests } = renderApp('/account', { api });
    await screen.findByRole('heading', { level: 1, name: 'Your account' }, { timeout: 5000 });
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/v1/me/sessions')).toBe(true));
    await signOut();
    await screen.findByRole('link', { name: 'U.S.-China Commercial Issues Working Group' });
    // Let anything scheduled by the sign-out run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = afterSignOut(requests).map((r) => `${r.method} ${r.url.pathname}`);
    expect(later.filter((r) => r.includes('/api/v1/me'))).toEqual([]);
    expect(later).toContain('GET /api/v1/dialogues');
  });

  it('from a meeting’s agenda, does not read the agenda again', async () => {
    const agendaPath = `/api/v1/dialogues/${fx.dialogue.key}/meetings/1/agenda`;
    const { api } = sessionApi({
      [agendaPath]: () => ({
        meeting: 1,
        cutoffPassed: false,
        agreedBy: [],
        state: 'draft',
        items: [],
        briefing: { side: 'us', items: [] },
      }),
      [`${agendaPath}/proposals`]: () => ({ items: [] }),
    });
    const { requests } = renderApp(`/dialogues/${fx.dialogue.key}/meetings/1/agenda`, { api });
    await waitFor(() => expect(requests.some((r) => r.url.pathname === agendaPath)).toBe(true));
    await signOut();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(afterSignOut(requests).filter((r) => r.url.pathname.startsWith(agendaPath))).toEqual([]);
  });
});
