import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, demoApi, renderApp, type Handler } from '../test/render.js';
import * as fx from '../test/fixtures.js';

const base = `/dialogues/${fx.dialogue.key}`;

describe('language switch', () => {
  it('changes every string on the page, the html lang, the URL and the stored choice', async () => {
    const { router } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dialogues' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'U.S.-China Commercial Issues Working Group' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');

    fireEvent.click(screen.getByRole('button', { name: '中文' }));

    expect(await screen.findByRole('heading', { level: 1, name: '对话机制' })).toBeTruthy();
    // Record texts switch too, not only the interface's own strings.
    expect(screen.getByRole('link', { name: '美中商业问题工作组' })).toBeTruthy();
    expect(screen.getByText('副部长级')).toBeTruthy();
    expect(screen.queryByText('Dialogues', { selector: 'h1' })).toBeNull();
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(window.localStorage.getItem('parley.lang')).toBe('zh');
    expect(new URLSearchParams(router.state.location.search).get('lang')).toBe('zh');
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('lang')).toBe('en');

    // And back: the URL catching up a moment later must not switch it to Chinese again.
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dialogues' })).toBeTruthy();
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('lang')).toBe('en'));
    expect(screen.getByRole('heading', { level: 1, name: 'Dialogues' })).toBeTruthy();
    expect(window.localStorage.getItem('parley.lang')).toBe('en');
  });

  it('follows ?lang= in the address', async () => {
    renderApp(`${base}?lang=zh`);
    expect(await screen.findByRole('heading', { level: 1, name: '美中商业问题工作组' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '原则立场' })).toBeTruthy();
  });

  it('shows the other language, marked with its lang, when a text lacks the interface language', async () => {
    const api = demoApi();
    api[`/api/v1/dialogues/${fx.dialogue.key}`] = () => ({
      body: { ...fx.dialogue, mandate: { en: 'Take up trade and investment issues.' } },
    });
    renderApp(base, { lang: 'zh', api });
    const mandate = await screen.findByText('Take up trade and investment issues.');
    expect(mandate.getAttribute('lang')).toBe('en');
  });
});

describe('dialogue page', () => {
  it('shows the names per side, the principle, the people and the meetings', async () => {
    renderApp(base);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'U.S.-China Commercial Issues Working Group' }),
    ).toBeTruthy();
    const names = screen.getByRole('region', { name: 'Names' });
    expect(within(names).getByText('China calls it')).toBeTruthy();
    expect(within(names).getByText('中美商贸工作组').getAttribute('lang')).toBe('zh-Hans');
    expect(screen.getByText('The United States does not negotiate on matters of U.S. national security.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Non-negotiable: National security' })).toBeTruthy();
    expect(screen.getByText('Under Secretary of Commerce for International Trade', { selector: 'td' })).toBeTruthy();
    expect(screen.getByText('publicaffairs@trade.gov')).toBeTruthy();
    const meetings = await screen.findByRole('region', { name: 'Meetings' });
    const row = within(meetings).getByRole('row', { name: /Inaugural meeting/ });
    expect(within(row).getByText('April 4, 2024')).toBeTruthy();
    expect(within(row).getByText('In person')).toBeTruthy();
    // The accounts column lists the sides that published an account.
    expect(within(row).getByText('United States', { selector: '.parley-role' })).toBeTruthy();
    expect(within(row).getByText('China', { selector: '.parley-role' })).toBeTruthy();
  });
});

describe('meeting page', () => {
  it('shows both accounts, each with its own issues, stances and outcomes', async () => {
    const { container } = renderApp(`${base}/meetings/1`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Inaugural meeting' })).toBeTruthy();

    const us = await screen.findByRole('article', { name: 'United States' });
    const cn = screen.getByRole('article', { name: 'China' });
    expect(within(us).getByRole('link', { name: 'Cross-border data flows' })).toBeTruthy();
    expect(within(us).getByText('Strong concern')).toBeTruthy();
    expect(within(us).getByRole('heading', { name: 'Areas of cooperation' })).toBeTruthy();
    expect(within(us).getByText('clean and environmental technologies')).toBeTruthy();
    expect(within(us).getByText('later this year')).toBeTruthy();
    expect(within(us).queryByText('Section 301 tariffs and related petitions')).toBeNull();

    expect(within(cn).getByRole('link', { name: 'Section 301 tariffs and related petitions' })).toBeTruthy();
    expect(within(cn).getAllByText('Concern')).toHaveLength(6);
    expect(within(cn).getByText('second half of 2024')).toBeTruthy();
    expect(within(cn).getByText('Marisa Lago')).toBeTruthy();
    expect(within(cn).queryByText('Cross-border data flows')).toBeNull();

    // Side by side: the two accounts sit in sibling half-width columns of one row.
    const columns = container.querySelectorAll('.parley-accounts > .desktop\\:grid-col-6');
    expect(columns).toHaveLength(2);
  });

  it('writes the meeting in Chinese', async () => {
    renderApp(`${base}/meetings/1`, { lang: 'zh' });
    expect(await screen.findByRole('heading', { level: 1, name: '首次会议' })).toBeTruthy();
    expect(screen.getAllByText('2024年4月4日').length).toBeGreaterThan(0);
    const us = await screen.findByRole('article', { name: '美国' });
    expect(await within(us).findByRole('link', { name: '跨境数据流动' })).toBeTruthy();
    expect(within(us).getByText('严重关切')).toBeTruthy();
    expect(within(us).getByText('2024年4月5日至12月31日')).toBeTruthy();
  });

  it('shows a joint statement full width above the sides', async () => {
    const api = demoApi();
    const joint = { ...fx.meetingDetail.accounts[0]!, id: '00000000-0000-4000-8000-999999999999', side: null };
    api[`/api/v1/dialogues/${fx.dialogue.key}/meetings/1`] = () => ({
      body: { ...fx.meetingDetail, accounts: [joint, ...fx.meetingDetail.accounts] },
    });
    renderApp(`${base}/meetings/1`, { api });
    const statement = await screen.findByRole('article', { name: 'Joint statement' });
    expect(statement.closest('.parley-accounts')).toBeNull();
  });

  it('treats a meeting number that is not a number as not found', async () => {
    renderApp(`${base}/meetings/first`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});

describe('issues list', () => {
  it('puts a filter in the URL query and asks the API for it', async () => {
    const { router, calls } = renderApp(`${base}/issues`);
    expect(await screen.findByRole('link', { name: 'Cross-border data flows' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Section 301 tariffs and related petitions' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Raised by'), { target: { value: 'cn' } });
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('raisedBy')).toBe('cn'));
    await waitFor(() =>
      expect(calls.some((url) => url.pathname.endsWith('/issues') && url.searchParams.get('raisedBy') === 'cn')).toBe(
        true,
      ),
    );

    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'tariffs' } });
    await waitFor(() => {
      const search = new URLSearchParams(router.state.location.search);
      expect(search.get('category')).toBe('tariffs');
      expect(search.get('raisedBy')).toBe('cn');
    });
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('tariffs');
  });

  it('reads filters from the URL and fetches the next page with the cursor', async () => {
    const api = demoApi();
    const handler: Handler = (url) => {
      const page = url.searchParams.get('cursor') === 'c2' ? fx.issues.slice(2, 4) : fx.issues.slice(0, 2);
      return { body: { items: page, nextCursor: url.searchParams.get('cursor') ? undefined : 'c2' } };
    };
    api[`/api/v1/dialogues/${fx.dialogue.key}/issues`] = handler;
    const { calls } = renderApp(`${base}/issues?status=open&category=not-a-category`, { api });
    expect(await screen.findByText('2 issues shown')).toBeTruthy();
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('open');
    const first = calls.find((url) => url.pathname.endsWith('/issues'));
    expect(first?.searchParams.get('status')).toBe('open');
    // An unknown category in a hand-edited URL is dropped, not sent to the server.
    expect(first?.searchParams.has('category')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    expect(await screen.findByText('4 issues shown')).toBeTruthy();
    expect(
      calls.some((url) => url.searchParams.get('cursor') === 'c2' && url.searchParams.get('status') === 'open'),
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
  });
});

describe('issue page', () => {
  it('shows the classification and where the issue was raised', async () => {
    renderApp(`${base}/issues/industrial-overcapacity`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Overcapacity in Chinese industrial sectors' }),
    ).toBeTruthy();
    expect(screen.getByText('Subheading 8541.42')).toBeTruthy();
    expect(screen.getByText('Chapter 72')).toBeTruthy();
    expect(screen.getByText('Electric vehicles')).toBeTruthy();
    const raised = screen.getByRole('region', { name: 'Raised at meetings' });
    const row = within(raised).getByRole('row', { name: /Inaugural meeting/ });
    expect(within(row).getByText('Strong concern')).toBeTruthy();
  });

  it('warns when a side has declared the topic non-negotiable', async () => {
    renderApp(`${base}/issues/sanctions-on-chinese-firms`);
    expect(await screen.findByText(/Non-negotiable for United States: National security/)).toBeTruthy();
  });
});

describe('errors', () => {
  it('shows the message the API sent', async () => {
    const api = demoApi();
    api['/api/v1/dialogues/nope'] = apiError(404, 'not-found', 'No dialogue with key "nope".');
    renderApp('/dialogues/nope', { api });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('No dialogue with key "nope".')).toBeTruthy();
    expect(within(alert).getByText('Error code: not-found')).toBeTruthy();
  });

  it('offers to try again after a server error', async () => {
    const api = demoApi();
    let failures = 1;
    api['/api/v1/dialogues'] = () =>
      failures-- > 0
        ? { status: 503, body: { error: { code: 'unavailable', message: 'The database is starting.' } } }
        : { body: { items: [fx.dialogueSummary] } };
    renderApp('/', { api });
    expect(await screen.findByText('The database is starting.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'U.S.-China Commercial Issues Working Group' })).toBeTruthy();
  });

  it('shows a not-found page for an unknown address', async () => {
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the list of dialogues' })).toBeTruthy();
  });
});

describe('frame', () => {
  it('names the installation, offers a skip link and has the landmarks', async () => {
    renderApp('/');
    expect(await screen.findByRole('link', { name: fx.installation.name })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main-content');
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main').id).toBe('main-content');
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Primary navigation' })).toBeTruthy();
    expect(screen.queryByText(/official website of the United States government/i)).toBeNull();
    await waitFor(() => expect(document.title).toBe(`Dialogues · ${fx.installation.name}`));
  });
});
