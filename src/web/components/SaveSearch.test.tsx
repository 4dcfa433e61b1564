import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResultT } from '../hooks/register.js';
import type { SavedSearchT } from '../hooks/saved-searches.js';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

const empty: SearchResultT = {
  total: 0,
  facets: { kind: {}, category: {}, status: {}, side: {}, economy: {}, sector: {}, chapter: {}, meeting: {}, year: {} },
  items: [],
};

function api(extra: Record<string, Handler>, signedIn = true): Record<string, Handler> {
  const base = demoApi();
  if (signedIn) base['/api/v1/me'] = () => ({ body: { ...fx.me('us', 'analyst'), csrfToken: 'csrf-1' } });
  base['/api/v1/search'] = () => ({ body: empty });
  return { ...base, ...extra };
}

describe('save this search', () => {
  it('saves the query and filters of the page with a name and the alert choice, in the reader’s language', async () => {
    let posted: unknown;
    const { requests } = renderApp('/search?q=data%20flows&kind=issue&year=2024&sort=date', {
      lang: 'zh',
      api: api({
        '/api/v1/me/searches': (_url, req) => {
          posted = req.body;
          return { status: 201, body: { id: 'x', name: '数据', createdAt: '', lastAlertedAt: null } };
        },
      }),
    });
    const section = await screen.findByRole('region', { name: '保存此搜索' });
    fireEvent.change(within(section).getByLabelText('名称'), { target: { value: '数据' } });
    const alert = within(section).getByLabelText('有新结果时发邮件通知我') as HTMLInputElement;
    expect(alert.checked).toBe(true);
    fireEvent.click(alert);
    fireEvent.click(within(section).getByRole('button', { name: '保存搜索' }));
    expect(await within(section).findByText(/已保存为“数据”/)).toBeTruthy();
    expect(posted).toEqual({
      name: '数据',
      query: { q: 'data flows', kind: 'issue', year: 2024 },
      alert: false,
      language: 'zh',
    });
    const post = requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/me/searches');
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it('asks the public to sign in instead', async () => {
    renderApp('/search?q=data', { api: api({}, false) });
    expect(
      await screen.findByRole('link', { name: 'Sign in to save this search and get e-mail alerts.' }),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save search' })).toBeNull();
  });
});

describe('saved searches on the account page', () => {
  const saved: SavedSearchT[] = [
    {
      id: '3b1f6a2e-0c1d-4e5f-8a9b-0c1d2e3f4a5b',
      name: 'Data flows',
      query: { q: 'data flows', kind: 'issue' },
      alert: true,
      language: 'en',
      createdAt: '2025-01-02T03:04:05Z',
      lastAlertedAt: null,
      version: 1,
    },
  ];

  /** The account page over a saved-search API that answers PATCH with `patch`; records what was sent. */
  function account(
    patch: (body: Record<string, unknown>, ifMatch: string | null) => { status: number; body: unknown },
  ) {
    let items = [...saved];
    const sent: { body: Record<string, unknown>; ifMatch: string | null }[] = [];
    const handlers: Record<string, Handler> = {
      '/api/v1/me/searches': () => ({ body: { items } }),
      '/api/v1/me/tokens': () => ({ body: { items: [] } }),
      '/api/v1/me/sessions': () => ({ body: { items: [] } }),
      [`/api/v1/me/searches/${saved[0]!.id}`]: (_url, req) => {
        const body = req.body as Record<string, unknown>;
        const ifMatch = req.headers.get('if-match');
        sent.push({ body, ifMatch });
        const answer = patch(body, ifMatch);
        if (answer.status === 200) items = [answer.body as SavedSearchT];
        return answer;
      },
    };
    return { handlers, sent, replace: (next: SavedSearchT[]) => (items = next) };
  }

  it('renames one with the version it shows (If-Match), in Chinese', async () => {
    const { handlers, sent } = account((body) => ({
      status: 200,
      body: { ...saved[0]!, ...body, version: 2 },
    }));
    renderApp('/account', { lang: 'zh', api: api(handlers) });
    const section = await screen.findByRole('region', { name: '已保存的搜索' });
    fireEvent.click(await within(section).findByRole('button', { name: '重命名“Data flows”' }));
    const input = within(section).getByLabelText('“Data flows”的新名称');
    fireEvent.change(input, { target: { value: '  数据流动 ' } });
    fireEvent.click(within(section).getByRole('button', { name: '保存名称' }));
    await waitFor(() => expect(sent).toEqual([{ body: { name: '数据流动' }, ifMatch: '"1"' }]));
    expect(await within(section).findByRole('link', { name: '运行“数据流动”' })).toBeTruthy();
    expect(within(section).queryByLabelText(/的新名称/)).toBeNull();
  });

  it('turns the e-mail alert off and on from the version it shows', async () => {
    const { handlers, sent } = account((body) => ({
      status: 200,
      body: { ...saved[0]!, ...body, version: sent.length + 1 },
    }));
    renderApp('/account', { api: api(handlers) });
    const section = await screen.findByRole('region', { name: 'Saved searches' });
    const toggle = (await within(section).findByLabelText('E-mail alerts for “Data flows”')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    expect(await within(section).findByText('No e-mail alerts')).toBeTruthy();
    expect((within(section).getByLabelText('E-mail alerts for “Data flows”') as HTMLInputElement).checked).toBe(false);
    await waitFor(() =>
      expect((within(section).getByLabelText('E-mail alerts for “Data flows”') as HTMLInputElement).disabled).toBe(
        false,
      ),
    );
    fireEvent.click(within(section).getByLabelText('E-mail alerts for “Data flows”'));
    expect(await within(section).findByText('E-mail alerts on')).toBeTruthy();
    expect(sent).toEqual([
      { body: { alert: false }, ifMatch: '"1"' },
      { body: { alert: true }, ifMatch: '"2"' },
    ]);
  });

  it('a change from a stale version (412) says so and shows the version that won', async () => {
    const { handlers, sent, replace } = account(() => {
      // Somebody renamed it in another tab meanwhile.
      replace([{ ...saved[0]!, name: 'Renamed elsewhere', version: 2 }]);
      return { status: 412, body: { error: { code: 'version-conflict', message: 'changed' } } };
    });
    renderApp('/account', { api: api(handlers) });
    const section = await screen.findByRole('region', { name: 'Saved searches' });
    fireEvent.click(await within(section).findByLabelText('E-mail alerts for “Data flows”'));
    expect(await within(section).findByText(/was changed elsewhere/)).toBeTruthy();
    expect(await within(section).findByRole('link', { name: 'Run “Renamed elsewhere”' })).toBeTruthy();
    expect((within(section).getByLabelText('E-mail alerts for “Renamed elsewhere”') as HTMLInputElement).checked).toBe(
      true,
    );
    expect(sent).toEqual([{ body: { alert: false }, ifMatch: '"1"' }]);
  });

  it('lists them with a link that runs each, and deletes one after confirmation', async () => {
    let items = [...saved];
    const deleted: string[] = [];
    const handlers: Record<string, Handler> = {
      '/api/v1/me/searches': () => ({ body: { items } }),
      '/api/v1/me/tokens': () => ({ body: { items: [] } }),
      '/api/v1/me/sessions': () => ({ body: { items: [] } }),
      [`/api/v1/me/searches/${saved[0]!.id}`]: (_url, req) => {
        if (req.method === 'DELETE') {
          deleted.push(saved[0]!.id);
          items = [];
        }
        return { status: 204 };
      },
    };
    renderApp('/account', { api: api(handlers) });
    const section = await screen.findByRole('region', { name: 'Saved searches' });
    const run = await within(section).findByRole('link', { name: 'Run “Data flows”' });
    expect(run.getAttribute('href')).toBe('/search?q=data+flows&kind=issue');
    expect(within(section).getByText('E-mail alerts on')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Delete' }));
    expect(deleted).toEqual([]);
    expect(within(section).getByText('Delete the saved search “Data flows”?')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() => expect(deleted).toEqual([saved[0]!.id]));
    expect(await within(section).findByText(/You have no saved searches/)).toBeTruthy();
  });
});
