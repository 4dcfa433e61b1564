import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IssueT } from '../../shared/api.js';
import type { HistoryEntryT, MeT } from '../hooks/types.js';
import * as fx from '../test/fixtures.js';
import { apiError, demoApi, renderApp, type Handler } from '../test/render.js';

const base = `/dialogues/${fx.dialogue.key}`;
const issuePath = `/api/v1/dialogues/${fx.dialogue.key}/issues`;

/** The demo API as seen by `who`, or by the public when `who` is null. */
function apiAs(who: MeT | null, extra: Record<string, Handler> = {}): Record<string, Handler> {
  const api = demoApi();
  if (who) api['/api/v1/me'] = () => ({ body: who });
  return { ...api, ...extra };
}

/** An API whose /me answers 401 until a sign-in succeeds, then `who`. */
function signInApi(who: MeT, signIn: Handler, extra: Record<string, Handler> = {}) {
  let signedIn = false;
  return apiAs(null, {
    '/api/v1/me': () =>
      signedIn
        ? { body: who }
        : { status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in first.' } } },
    '/api/v1/session': async (url, request) => {
      const answer = await signIn(url, request);
      if ((answer.status ?? 200) === 204) signedIn = true;
      return answer;
    },
    '/api/v1/demo/session': () => {
      signedIn = true;
      return { status: 204 };
    },
    ...extra,
  });
}

describe('sign-in page', () => {
  it('names each missing or malformed field and sends nothing', async () => {
    const { requests } = renderApp('/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your e-mail address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    const email = screen.getByLabelText(/E-mail address/);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);

    fireEvent.change(email, { target: { value: 'not an address' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter an e-mail address like name@example.org.')).toBeTruthy();
    expect(screen.queryByText('Enter your password.')).toBeNull();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    // The form's own messages follow a switch of language.
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(await screen.findByText('请输入有效的电子邮箱，例如 name@example.org。')).toBeTruthy();
  });

  it("shows the API's refusal, then its rate limit, in the reader's language", async () => {
    let attempts = 0;
    const api = signInApi(fx.me('us', 'analyst'), () => {
      attempts += 1;
      return attempts === 1
        ? {
            status: 401,
            body: { error: { code: 'sign-in-failed', message: 'The e-mail address or password is not right.' } },
          }
        : {
            status: 429,
            body: {
              error: {
                code: 'too-many-attempts',
                message: 'Too many failed sign-ins. Try again in 10 minutes.',
                details: { retryAfterSeconds: 600 },
              },
            },
          };
    });
    const { requests } = renderApp('/sign-in', { api });
    const submit = async () => {
      fireEvent.change(await screen.findByLabelText(/E-mail address/), { target: { value: 'a@example.org' } });
      fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'wrong' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    };
    await submit();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Sign-in failed')).toBeTruthy();
    expect(
      within(alert).getByText('The e-mail address or password is not right, or the account is disabled.'),
    ).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ email: 'a@example.org', password: 'wrong' });
    // The password is cleared for the next try; the address stays.
    expect((screen.getByLabelText(/^Password/) as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText(/E-mail address/) as HTMLInputElement).value).toBe('a@example.org');

    await submit();
    expect(await screen.findByText('Too many failed sign-ins. Try again in 10 minutes.')).toBeTruthy();
  });

  it('words the rate limit in Chinese too', async () => {
    const api = signInApi(fx.me('us', 'analyst'), () => ({
      status: 429,
      body: { error: { code: 'too-many-attempts', message: 'Too many.', details: { retryAfterSeconds: 60 } } },
    }));
    renderApp('/sign-in', { api, lang: 'zh' });
    fireEvent.change(await screen.findByLabelText(/电子邮箱/), { target: { value: 'a@example.org' } });
    fireEvent.change(screen.getByLabelText(/^密码/), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('登录失败次数过多，请在1分钟后重试。')).toBeTruthy();
  });

  it('signs in and goes back to the page the reader came from', async () => {
    const api = signInApi(fx.me('us', 'analyst'), () => ({ status: 204 }));
    const { router, requests } = renderApp(`/sign-in?returnTo=${encodeURIComponent(`${base}/issues?status=open`)}`, {
      api,
    });
    fireEvent.change(await screen.findByLabelText(/E-mail address/), {
      target: { value: ' us-analyst@demo.parley.invalid ' },
    });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`${base}/issues`));
    expect(router.state.location.search).toBe('?status=open');
    expect(await screen.findByRole('button', { name: /U\.S\. analyst \(demo\)/ })).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/session');
    expect(post?.body).toEqual({ email: 'us-analyst@demo.parley.invalid', password: 'correct horse' });
  });

  it('never returns to another site', async () => {
    const api = signInApi(fx.me('us', 'analyst'), () => ({ status: 204 }));
    const { router } = renderApp(`/sign-in?returnTo=${encodeURIComponent('//evil.example/x')}`, { api });
    fireEvent.change(await screen.findByLabelText(/E-mail address/), { target: { value: 'a@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('lists the demo accounts by side, with translated roles, only when the API answers 200', async () => {
    const api = signInApi(fx.me('cn', 'analyst'), () => ({ status: 204 }), {
      '/api/v1/demo/users': () => ({ body: { items: fx.demoUsers } }),
    });
    const { router, requests } = renderApp('/sign-in?returnTo=%2Faccount', { api });
    const demo = await screen.findByRole('region', { name: 'Demo accounts' });
    const sides = within(demo)
      .getAllByRole('region')
      .map((region) => region.getAttribute('aria-labelledby') && region.querySelector('h3')?.textContent);
    // In the dialogue's order of sides, not the API's.
    expect(sides).toEqual(['United States', 'China']);
    const china = within(demo).getByRole('region', { name: 'China' });
    expect(
      within(china)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Administrator', 'Lead', 'Analyst', 'Public affairs', 'Reporter (company)']);
    fireEvent.click(within(china).getByRole('button', { name: 'Analyst' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
    const post = requests.find((r) => r.url.pathname === '/api/v1/demo/session');
    expect(post?.body).toEqual({ email: 'cn-analyst@demo.parley.invalid' });
  });

  it('has no demo accounts on an installation that is not a demo', async () => {
    renderApp('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText(/E-mail address/)).toBeTruthy());
    expect(screen.queryByText('Demo accounts')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sign in with your organisation' })).toBeNull();
  });

  it('lists the demo accounts in Chinese', async () => {
    const api = apiAs(null, { '/api/v1/demo/users': () => ({ body: { items: fx.demoUsers } }) });
    renderApp('/sign-in', { api, lang: 'zh' });
    const demo = await screen.findByRole('region', { name: '演示账户' });
    const us = within(demo).getByRole('region', { name: '美国' });
    expect(within(us).getByRole('button', { name: '分析员' })).toBeTruthy();
    expect(within(us).getByRole('button', { name: '管理员' })).toBeTruthy();
  });

  it('offers single sign-on when the installation has it, with the way back', async () => {
    const api = apiAs(null, { '/api/v1/auth/oidc': () => ({ body: { enabled: true } }) });
    renderApp(`/sign-in?returnTo=${encodeURIComponent('/dialogues/x')}`, { api });
    const link = await screen.findByRole('link', { name: 'Sign in with your organisation' });
    expect(link.getAttribute('href')).toBe('/api/v1/auth/oidc/start?returnTo=%2Fdialogues%2Fx');
  });

  it('explains a refused single sign-on', async () => {
    renderApp('/sign-in?error=no-account');
    expect(await screen.findByText(/There is no Parley account for the e-mail address/)).toBeTruthy();
  });
});

describe('header', () => {
  it('offers the public a sign-in link that comes back to the page, without asking who they are', async () => {
    const { calls } = renderApp(`${base}/issues?status=open`, { neverSignedIn: true });
    const link = await screen.findByRole('link', { name: 'Sign in' });
    expect(link.getAttribute('href')).toBe(`/sign-in?returnTo=${encodeURIComponent(`${base}/issues?status=open`)}`);
    expect(calls.some((url) => url.pathname === '/api/v1/me')).toBe(false);
  });

  it('treats a 401 from /me as signed out', async () => {
    renderApp('/');
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it("shows an analyst's name, side and role, and a menu without user administration", async () => {
    renderApp('/', { api: apiAs(fx.me('us', 'analyst')) });
    const button = await screen.findByRole('button', { name: /U\.S\. analyst \(demo\)/ });
    expect(within(button).getByText('United States · Analyst')).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const menu = document.getElementById('user-menu')!;
    expect(within(menu).getByRole('link', { name: 'Account' }).getAttribute('href')).toBe('/account');
    expect(within(menu).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(menu).queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('gives administrators the users page', async () => {
    renderApp('/', { api: apiAs(fx.me('cn', 'admin')), lang: 'zh' });
    const button = await screen.findByRole('button', { name: /China admin \(demo\)/ });
    expect(within(button).getByText('中国 · 管理员')).toBeTruthy();
    fireEvent.click(button);
    expect(screen.getByRole('link', { name: '用户管理' }).getAttribute('href')).toBe('/admin/users');
    expect(screen.getByRole('link', { name: '账户' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '退出登录' })).toBeTruthy();
  });

  it('signs out with the CSRF token and returns to the public view', async () => {
    let signedIn = true;
    const who = fx.me('us', 'lead');
    const api = apiAs(who, {
      '/api/v1/me': () =>
        signedIn ? { body: who } : { status: 401, body: { error: { code: 'unauthenticated', message: 'x' } } },
      '/api/v1/session': () => {
        signedIn = false;
        return { status: 204 };
      },
    });
    const { requests, router } = renderApp(`${base}/issues`, { api });
    fireEvent.click(await screen.findByRole('button', { name: /U\.S\. lead/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeTruthy();
    const del = requests.find((r) => r.method === 'DELETE');
    expect(del?.url.pathname).toBe('/api/v1/session');
    expect(del?.headers.get('x-csrf-token')).toBe(who.csrfToken);
    expect(router.state.location.pathname).toBe('/');
    expect(window.localStorage.getItem('parley.session')).toBeNull();
  });
});

describe('account page', () => {
  it('names every permission in words, in both languages, never as a catalogue key', async () => {
    const who: MeT = {
      ...fx.me('us', 'lead'),
      permissions: [
        'issue.create',
        'issue.update',
        'meeting.create',
        'meeting.update',
        'account.write',
        'outcome.write',
        'bundle.import',
        'user.manage',
        'readout.draft',
        'readout.approve',
        'readout.publish',
        'report.triage',
      ],
    };
    for (const lang of ['en', 'zh'] as const) {
      const { unmount } = renderApp('/account', { api: apiAs(who), lang });
      await screen.findByRole('heading', { level: 1, name: lang === 'en' ? 'Your account' : '我的账户' });
      const list = await screen.findByText(
        lang === 'en' ? 'Triage the problem reports sent to your side' : '分拣企业向本方反映的问题',
      );
      const items = within(list.closest('ul')!).getAllByRole('listitem');
      expect(items).toHaveLength(12);
      expect(items.some((li) => /permission\./.test(li.textContent ?? ''))).toBe(false);
      unmount();
    }
  });

  it('sends the public to sign in first, and back here afterwards', async () => {
    const { router } = renderApp('/account');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(router.state.location.search).toBe('?returnTo=%2Faccount');
  });

  it('creates a token, shows it once, and revokes one only after confirmation', async () => {
    const who = fx.me('us', 'analyst');
    const tokens = [
      {
        id: '00000000-0000-4000-a000-000000000001',
        name: 'nightly export',
        prefix: 'AbCdEfGh',
        scope: 'read',
        createdAt: '2024-04-01T08:00:00.000Z',
        lastUsedAt: '2024-04-02T08:00:00.000Z',
      },
    ];
    const api = apiAs(who, {
      '/api/v1/me/sessions': () => ({
        body: {
          items: [
            {
              id: '00000000-0000-4000-b000-000000000001',
              method: 'demo',
              userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
              address: '127.0.0.1',
              createdAt: '2024-04-01T08:00:00.000Z',
              lastSeenAt: '2024-04-01T09:00:00.000Z',
              expiresAt: '2024-04-01T20:00:00.000Z',
              current: true,
            },
          ],
        },
      }),
      '/api/v1/me/tokens': (_url, request) => {
        if (request.method === 'POST') {
          const created = {
            id: '00000000-0000-4000-a000-000000000002',
            ...(request.body as { name: string; scope: string }),
            prefix: 'ZyXwVuTs',
            createdAt: '2024-04-03T08:00:00.000Z',
          };
          tokens.push(created as (typeof tokens)[number]);
          return { status: 201, body: { ...created, token: 'prl_ZyXwVuTs-secret-secret' } };
        }
        return { body: { items: tokens } };
      },
      '/api/v1/me/tokens/00000000-0000-4000-a000-000000000001': () => ({ status: 204 }),
    });
    const { requests } = renderApp('/account', { api });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeTruthy();
    expect(screen.getByText('us-analyst@demo.parley.invalid', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByText("Change your side's issues")).toBeTruthy();
    expect(await screen.findByText('prl_AbCdEfGh…')).toBeTruthy();
    const sessions = screen.getByRole('table', { name: 'Sessions of your account' });
    expect(within(sessions).getByText('This browser')).toBeTruthy();
    expect(within(sessions).getByText('Chrome 131 · Linux')).toBeTruthy();

    // Create: a name is required.
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Enter a name for the token.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'weekly export' } });
    fireEvent.click(screen.getByLabelText(/^Write/));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const shown = await screen.findByRole('region', { name: 'Copy the token “weekly export” now' });
    expect((within(shown).getByLabelText('Token “weekly export”') as HTMLInputElement).value).toBe(
      'prl_ZyXwVuTs-secret-secret',
    );
    expect(within(shown).getByText(/This is the only time Parley shows this token/)).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ name: 'weekly export', scope: 'write' });
    expect(post?.headers.get('x-csrf-token')).toBe(who.csrfToken);
    fireEvent.click(within(shown).getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByDisplayValue('prl_ZyXwVuTs-secret-secret')).toBeNull();

    // Revoke: the first press only asks.
    const row = (await screen.findByText('nightly export')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect(within(row).getByText(/Revoke the token “nightly export”\?/)).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE')).toBe(true));
    const del = requests.find((r) => r.method === 'DELETE');
    expect(del?.url.pathname).toBe('/api/v1/me/tokens/00000000-0000-4000-a000-000000000001');
    expect(del?.headers.get('x-csrf-token')).toBe(who.csrfToken);
  });
});

describe('users page', () => {
  it('tells a non-administrator that it is not allowed', async () => {
    renderApp('/admin/users', { api: apiAs(fx.me('us', 'lead')) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
    expect(screen.getByText(/your role is Lead/)).toBeTruthy();
  });

  it('lists accounts, adds one and disables one after confirmation', async () => {
    const admin = fx.me('us', 'admin');
    const other = { ...fx.me('cn', 'analyst').user, id: '00000000-0000-4000-9000-000000000099' };
    const api = apiAs(admin, {
      '/api/v1/users': (_url, request) =>
        request.method === 'POST'
          ? { status: 201, body: { ...other, ...(request.body as object), id: '00000000-0000-4000-9000-000000000100' } }
          : { body: { items: [admin.user, other] } },
      [`/api/v1/users/${other.id}/disable`]: () => ({ body: { ...other, disabled: true } }),
    });
    const { requests } = renderApp('/admin/users', { api });
    const table = await screen.findByRole('table', { name: 'Accounts' });
    const row = within(table).getByRole('row', { name: /cn-analyst@demo\.parley\.invalid/ });
    expect(within(row).getByText('China')).toBeTruthy();
    expect(within(row).getByText('Analyst')).toBeTruthy();
    // No disabling oneself.
    const mine = within(table).getByRole('row', { name: /us-admin@demo\.parley\.invalid/ });
    expect(within(mine).queryByRole('button', { name: 'Disable' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Disable' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Disable account' }));
    await waitFor(() => expect(requests.some((r) => r.url.pathname.endsWith('/disable'))).toBe(true));

    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    expect(await screen.findByText("Enter the user's e-mail address.")).toBeTruthy();
    expect(screen.getByText('Choose the side the user belongs to.')).toBeTruthy();
    expect(screen.getByText("Choose the user's role.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^E-mail/), { target: { value: 'new@trade.example' } });
    fireEvent.change(screen.getByLabelText(/^Side/), { target: { value: 'cn' } });
    fireEvent.change(screen.getByLabelText(/^Role/), { target: { value: 'public-affairs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    expect(await screen.findByText('new@trade.example was added.')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/users');
    expect(post?.body).toEqual({ email: 'new@trade.example', side: 'cn', role: 'public-affairs' });
    expect(post?.headers.get('x-csrf-token')).toBe(admin.csrfToken);
  });
});

/** A U.S.-owned issue, and an API that accepts its PATCHes through `patch`. */
function editApi(who: MeT, patch: Handler, history: HistoryEntryT[] = []) {
  const issue = fx.issueDetail('cross-border-data-flows');
  return {
    issue,
    api: apiAs(who, {
      [`${issuePath}/${issue.key}`]: (url, request) =>
        request.method === 'PATCH' ? patch(url, request) : { body: issue },
      [`/api/v1/issues/${issue.id}/history`]: () => ({ body: { items: history } }),
    }),
  };
}

describe('issue editing', () => {
  it('is offered only to a role that may change issues, of the side that owns the issue', async () => {
    const cases: [MeT | null, boolean][] = [
      [fx.me('us', 'analyst'), true],
      [fx.me('us', 'lead'), true],
      [fx.me('cn', 'analyst'), false],
      [fx.me('us', 'public-affairs'), false],
      [fx.me('us', 'admin'), false],
      [null, false],
    ];
    for (const [who, offered] of cases) {
      const { api } = editApi(who ?? fx.me('us', 'analyst'), () => ({ status: 500, body: {} }));
      if (!who) api['/api/v1/me'] = apiError(401, 'unauthenticated', 'Sign in first.');
      const { unmount } = renderApp(`${base}/issues/cross-border-data-flows`, { api });
      expect(await screen.findByRole('heading', { level: 1, name: 'Cross-border data flows' })).toBeTruthy();
      await screen.findByRole('heading', { name: 'History' });
      await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
      expect(!!screen.queryByRole('button', { name: 'Edit' }), `${who?.user.email ?? 'public'}`).toBe(offered);
      unmount();
    }
  });

  it('sends only what changed, with If-Match and the CSRF token', async () => {
    const who = fx.me('us', 'analyst');
    const { api, issue } = editApi(who, (_url, request) => ({
      body: { ...issue, ...(request.body as object), version: 2 },
    }));
    const { requests } = renderApp(`${base}/issues/cross-border-data-flows`, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.change(await screen.findByLabelText('Status'), { target: { value: 'resolved-in-part' } });
    fireEvent.change(screen.getAllByLabelText('Chinese')[0]!, { target: { value: '跨境数据流动问题' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved. The issue is now at version 2.')).toBeTruthy();
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers.get('if-match')).toBe('"1"');
    expect(patch?.headers.get('x-csrf-token')).toBe(who.csrfToken);
    expect(patch?.body).toEqual({
      status: 'resolved-in-part',
      title: { en: 'Cross-border data flows', zh: '跨境数据流动问题' },
    });
    expect(screen.queryByRole('form', { name: 'Edit issue' })).toBeNull();
  });

  it('says so when nothing changed, and refuses to drop the title', async () => {
    const { api } = editApi(fx.me('us', 'analyst'), () => ({ status: 500, body: {} }));
    const { requests } = renderApp(`${base}/issues/cross-border-data-flows`, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Nothing has changed, so there is nothing to save.')).toBeTruthy();
    fireEvent.change(screen.getAllByLabelText('English')[0]!, { target: { value: ' ' } });
    fireEvent.change(screen.getAllByLabelText('Chinese')[0]!, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findAllByText('Give the issue a title in at least one language.')).not.toHaveLength(0);
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('puts the server’s problems beside their fields', async () => {
    const { api } = editApi(fx.me('us', 'analyst'), () => ({
      status: 400,
      body: {
        error: {
          code: 'validation-failed',
          message: 'Invalid body: /body/title/en: too long',
          details: { problems: [{ pointer: '/body/title/en', message: 'expected at most 300 characters' }] },
        },
      },
    }));
    renderApp(`${base}/issues/cross-border-data-flows`, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const english = (await screen.findAllByLabelText('English'))[0]!;
    fireEvent.change(english, { target: { value: 'x'.repeat(400) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(english.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = english.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy.split(' ')[0]!)?.textContent).toBe('expected at most 300 characters');
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Title (English)' })).toBeTruthy();
  });

  it('on 412 shows the current values, then applies the change on top of them', async () => {
    const who = fx.me('us', 'analyst');
    const issue = fx.issueDetail('cross-border-data-flows');
    // Somebody else changed the category and the Chinese title meanwhile.
    const current: IssueT = {
      ...issue,
      version: 2,
      category: 'regulatory-transparency',
      title: { ...issue.title, zh: '数据跨境流动' },
    };
    let calls = 0;
    const { api } = editApi(who, (_url, request) => {
      calls += 1;
      if (calls === 1)
        return {
          status: 412,
          body: {
            error: {
              code: 'version-conflict',
              message: 'This issue was changed by someone else (it is now at version 2); nothing was written.',
              details: { currentVersion: 2, current },
            },
          },
        };
      return { body: { ...current, ...(request.body as object), version: 3 } };
    });
    const { requests } = renderApp(`${base}/issues/cross-border-data-flows`, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.change(await screen.findByLabelText('Status'), { target: { value: 'dormant' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByRole('alert');
    expect(within(conflict).getByRole('heading', { name: 'Someone else changed this issue' })).toBeTruthy();
    expect(within(conflict).getByText(/now at version 2/)).toBeTruthy();
    const statusRow = within(conflict).getByRole('row', { name: /Status/ });
    expect(within(statusRow).getByText('Open')).toBeTruthy();
    expect(within(statusRow).getByText('Dormant')).toBeTruthy();
    const categoryRow = within(conflict).getByRole('row', { name: /Category/ });
    expect(within(categoryRow).getByText('Regulatory transparency')).toBeTruthy();
    expect(within(categoryRow).getByText('(not changed by you)')).toBeTruthy();

    fireEvent.click(within(conflict).getByRole('button', { name: 'Apply my changes to the current version' }));
    expect(await screen.findByText(/Your changes are now on top of version 2/)).toBeTruthy();
    // The other person's change is in the form now; the user's own is kept.
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('regulatory-transparency');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('dormant');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved. The issue is now at version 3.')).toBeTruthy();
    const second = requests.filter((r) => r.method === 'PATCH')[1];
    expect(second?.headers.get('if-match')).toBe('"2"');
    // Only the user's own change: nothing of the other person's is sent back over it.
    expect(second?.body).toEqual({ status: 'dormant' });
  });

  it('on 412 can drop the user’s changes and start from the current version', async () => {
    const issue = fx.issueDetail('cross-border-data-flows');
    const current: IssueT = { ...issue, version: 5, status: 'resolved' };
    const { api } = editApi(fx.me('us', 'analyst'), () => ({
      status: 412,
      body: { error: { code: 'version-conflict', message: 'Changed.', details: { currentVersion: 5, current } } },
    }));
    renderApp(`${base}/issues/cross-border-data-flows`, { api, lang: 'zh' });
    fireEvent.click(await screen.findByRole('button', { name: '编辑' }));
    fireEvent.change(await screen.findByLabelText('状态'), { target: { value: 'dormant' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const conflict = await screen.findByRole('alert');
    expect(within(conflict).getByRole('heading', { name: '版本冲突：其他人已修改此问题' })).toBeTruthy();
    fireEvent.click(within(conflict).getByRole('button', { name: '放弃我的修改并重新加载' }));
    expect((screen.getByLabelText('状态') as HTMLSelectElement).value).toBe('resolved');
    expect(screen.getByText('正在编辑第5版')).toBeTruthy();
  });
});

describe('history', () => {
  const entries: HistoryEntryT[] = [
    {
      position: 3,
      at: '2024-04-01T08:00:00.000Z',
      actor: 'system',
      action: 'issue.create',
      changes: null,
      before: null,
      after: { status: 'open' },
      requestId: null,
    },
    {
      position: 41,
      at: '2024-05-02T10:30:00.000Z',
      actor: 'us-analyst@demo.parley.invalid',
      action: 'issue.update',
      changes: [
        { field: 'status', before: 'open', after: 'resolved-in-part' },
        {
          field: 'title',
          before: { en: 'Cross-border data flows', zh: '跨境数据流动' },
          after: { en: 'Cross-border data flows', zh: '数据跨境流动' },
        },
        { field: 'version', before: 1, after: 2 },
      ],
      before: {},
      after: {},
      requestId: 'r-1',
    },
  ];

  it('lists changes newest first, with each field before and after', async () => {
    const { api } = editApi(fx.me('us', 'analyst'), () => ({ status: 500, body: {} }), entries);
    renderApp(`${base}/issues/cross-border-data-flows`, { api });
    const history = await screen.findByRole('region', { name: 'History' });
    const rows = await within(history).findAllByRole('row');
    // The header row, then the newest entry.
    expect(rows).toHaveLength(3);
    const [, newest, oldest] = rows;
    expect(within(newest!).getByText('Changed')).toBeTruthy();
    expect(newest!.textContent).toContain('us-analyst@demo.parley.invalid');
    expect(within(newest!).getByText('status')).toBeTruthy();
    expect(within(newest!).getByText('Open').tagName).toBe('DEL');
    expect(within(newest!).getByText('Resolved in part').tagName).toBe('INS');
    // Only the language that changed, and no bookkeeping fields.
    expect(within(newest!).getByText('title.zh')).toBeTruthy();
    expect(within(newest!).getByText('数据跨境流动').getAttribute('lang')).toBe('zh-Hans');
    expect(within(newest!).queryByText('title.en')).toBeNull();
    expect(within(newest!).queryByText('version')).toBeNull();
    expect(within(oldest!).getByText('Created')).toBeTruthy();
    expect(within(oldest!).getByText('Parley (system)')).toBeTruthy();
    expect(within(oldest!).getByText('First version')).toBeTruthy();
    expect(newest!.querySelector('time')?.getAttribute('datetime')).toBe('2024-05-02T10:30:00.000Z');
  });

  it('is written in Chinese too', async () => {
    const { api } = editApi(fx.me('us', 'analyst'), () => ({ status: 500, body: {} }), entries);
    renderApp(`${base}/issues/cross-border-data-flows`, { api, lang: 'zh' });
    const history = await screen.findByRole('region', { name: '历史记录' });
    expect(await within(history).findByText('修改')).toBeTruthy();
    expect(within(history).getByText('创建')).toBeTruthy();
    expect(within(history).getByText('部分解决')).toBeTruthy();
    expect(within(history).getByText('Parley（系统）')).toBeTruthy();
    expect(within(history).getByText('初始版本')).toBeTruthy();
    expect(within(history).getAllByText(/2024年5月2日/)).not.toHaveLength(0);
  });

  it('says when the earlier versions were not shared with this side', async () => {
    const shared: HistoryEntryT = {
      position: 77,
      at: '2024-06-01T09:00:00.000Z',
      actor: 'cn-analyst@demo.parley.invalid',
      action: 'issue.update',
      changes: null,
      before: null,
      after: { visibility: 'shared' },
      requestId: null,
      beforeWithheld: true,
    };
    for (const [lang, text] of [
      ['en', /earlier versions stay with the side that held it/],
      ['zh', /此前的版本仅由持有该记录的一方查看/],
    ] as const) {
      const { api } = editApi(fx.me('us', 'analyst'), () => ({ status: 500, body: {} }), [shared]);
      const view = renderApp(`${base}/issues/cross-border-data-flows`, { api, lang });
      const history = await screen.findByRole('region', { name: lang === 'en' ? 'History' : '历史记录' });
      expect(await within(history).findByText(text)).toBeTruthy();
      expect(within(history).queryByText(lang === 'en' ? 'First version' : '初始版本')).toBeNull();
      view.unmount();
    }
  });

  it('is on the meeting page too', async () => {
    const api = apiAs(null, {
      [`/api/v1/meetings/${fx.meetingDetail.id}/history`]: () => ({ body: { items: [entries[0]] } }),
    });
    renderApp(`${base}/meetings/1`, { api });
    const history = await screen.findByRole('region', { name: 'History' });
    expect(await within(history).findByText('Created')).toBeTruthy();
  });
});
