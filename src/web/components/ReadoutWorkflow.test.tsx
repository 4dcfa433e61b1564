import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Readout } from '../../shared/readout-workflow.js';
import type { MeT, Permission } from '../hooks/types.js';
import * as fx from '../test/fixtures.js';
import { demoApi, renderApp, type Handler } from '../test/render.js';

const MEETING = `/dialogues/${fx.dialogue.key}/meetings/1`;
const READOUTS = `/api/v1/dialogues/${fx.dialogue.key}/meetings/1/readouts`;

function readout(over: Partial<Readout>): Readout {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    dialogue: fx.dialogue.key,
    meeting: 1,
    side: 'us',
    lang: 'en',
    state: 'draft',
    ownerSide: 'us',
    visibility: 'internal',
    version: 1,
    text: '# U.S. and China meet\n',
    handEdited: false,
    outOfDate: false,
    created: { by: 'us-public-affairs@demo.parley.invalid', at: '2024-04-05T10:00:00Z' },
    ...over,
  };
}

function signedIn(role: 'lead' | 'public-affairs' | 'analyst', extra: string[]): MeT {
  const me = fx.me('us', role);
  return { ...me, permissions: [...me.permissions, ...(extra as Permission[])] };
}

function api(items: Readout[], me?: MeT, onWrite?: Handler): Record<string, Handler> {
  const a = demoApi();
  a[READOUTS] = () => ({ body: { items } });
  if (me) a['/api/v1/me'] = () => ({ body: me });
  if (onWrite) {
    for (const r of items) {
      a[`${READOUTS}/${r.id}`] = onWrite;
      a[`${READOUTS}/${r.id}/approve`] = onWrite;
      a[`${READOUTS}/${r.id}/publish`] = onWrite;
    }
    const list = a[READOUTS]!;
    a[READOUTS] = (url, req) => (req.method === 'POST' ? onWrite(url, req) : list(url, req));
  }
  return a;
}

describe('readout workflow panel', () => {
  it('shows the public the published versions only, with no action', async () => {
    const published = readout({ state: 'published', visibility: 'public', publishedNumber: 1, outOfDate: undefined });
    published.published = { by: 'system', at: '2024-04-06T10:00:00Z' };
    renderApp(MEETING, { api: api([published]) });
    const list = await screen.findByTestId('readout-published');
    expect(within(list).getByText('Published')).toBeTruthy();
    expect(within(list).getByText(/Version 1/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create draft from the record' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('lets public affairs create a draft of their side', async () => {
    const { requests } = renderApp(MEETING, {
      api: api([], signedIn('public-affairs', ['readout.draft', 'readout.publish']), () => ({
        status: 201,
        body: readout({}),
      })),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Create draft from the record' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(READOUTS);
    expect(post.body).toEqual({ side: 'us', lang: 'en' });
  });

  it('lets the lead approve a draft, with If-Match', async () => {
    const { requests } = renderApp(MEETING, {
      api: api([readout({ version: 3 })], signedIn('lead', ['readout.draft', 'readout.approve']), () => ({
        body: readout({ state: 'approved', version: 4 }),
      })),
    });
    expect((await screen.findAllByText('Draft')).length).toBeGreaterThan(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(requests.some((r) => r.url.pathname.endsWith('/approve'))).toBe(true));
    const post = requests.find((r) => r.url.pathname.endsWith('/approve'))!;
    expect(post.headers.get('if-match')).toBe('"3"');
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
  });

  it('warns of an out-of-date approved readout and publishes it only when confirmed', async () => {
    const approved = readout({ state: 'approved', version: 2, outOfDate: true });
    approved.approved = { by: 'us-lead@demo.parley.invalid', at: '2024-04-05T11:00:00Z' };
    const { requests } = renderApp(MEETING, {
      api: api([approved], signedIn('public-affairs', ['readout.draft', 'readout.publish']), () => ({
        body: readout({ state: 'published', publishedNumber: 1 }),
      })),
    });
    expect(await screen.findByTestId('readout-out-of-date')).toBeTruthy();
    const publish = await screen.findByRole('button', { name: 'Publish' });
    expect((publish as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Publish even though the record changed after approval'));
    expect((publish as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(publish);
    await waitFor(() => expect(requests.some((r) => r.url.pathname.endsWith('/publish'))).toBe(true));
    expect(requests.find((r) => r.url.pathname.endsWith('/publish'))!.body).toEqual({ confirmOutOfDate: true });
  });

  it('saves edited text with If-Match, and speaks Chinese', async () => {
    const { requests } = renderApp(MEETING, {
      lang: 'zh',
      api: api([readout({ version: 5, lang: 'zh' })], signedIn('public-affairs', ['readout.draft']), () => ({
        body: readout({ version: 6, lang: 'zh', handEdited: true }),
      })),
    });
    const box = await screen.findByLabelText('正文（Markdown）');
    fireEvent.change(box, { target: { value: '# 新标题\n' } });
    fireEvent.click(screen.getByRole('button', { name: '保存正文' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ text: '# 新标题\n' });
    expect(patch.headers.get('if-match')).toBe('"5"');
  });
});
