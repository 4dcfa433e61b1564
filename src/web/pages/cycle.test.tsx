import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoApi, renderApp, type Handler } from '../test/render.js';
import * as fx from '../test/fixtures.js';
import type { AgendaT } from './CyclePages.js';

const base = `/api/v1/dialogues/${fx.dialogue.key}`;

// The pages load lazily: loading them once before the tests keeps the first test's waits about the page, not the loader.
beforeAll(async () => {
  await import('./CyclePages.js');
}, 30_000);
const PRINCIPLE = 'The United States does not negotiate on matters of U.S. national security.';

function agendaApi(agenda: AgendaT): { api: Record<string, Handler>; posted: unknown[] } {
  const api = demoApi();
  const posted: unknown[] = [];
  api['/api/v1/me'] = () => ({ body: fx.me('cn', 'lead') });
  api[`${base}/meetings/2/agenda`] = () => ({ body: agenda });
  api[`${base}/meetings/2/agenda/proposals`] = () => ({
    body: {
      items: [
        {
          issue: 'overstretched-national-security',
          title: { en: 'Overstretched national security' },
          mark: 'carried-over',
          timesRaised: 1,
        },
        { issue: 'section-301-tariffs', title: { en: 'Section 301 tariffs' }, mark: 'stalled', timesRaised: 2 },
      ],
    },
  });
  api[`${base}/meetings/2/agenda/items`] = (_url, request) => {
    posted.push(request.body);
    const body = request.body as { issue: string; internalOnly?: boolean };
    if (body.issue === 'overstretched-national-security' && !body.internalOnly) {
      return {
        status: 409,
        body: {
          error: {
            code: 'non-negotiable-topic',
            message: `The us side declared "national-security" non-negotiable: "${PRINCIPLE}".`,
          },
        },
      };
    }
    return { status: 201, body: agenda };
  };
  return { api, posted };
}

const EMPTY: AgendaT = {
  meeting: 2,
  cutoffPassed: false,
  agreedBy: ['us'],
  state: 'draft',
  items: [],
  briefing: { side: 'cn', items: [] },
};

describe('agenda builder page', () => {
  it(
    'marks proposals, shows the non-negotiable refusal with the principle, and offers the briefing instead',
    { timeout: 20_000 },
    async () => {
      const { api, posted } = agendaApi(EMPTY);
      renderApp(`/dialogues/${fx.dialogue.key}/meetings/2/agenda`, { api });
      expect(await screen.findByRole('heading', { level: 1, name: 'Agenda of meeting 2' })).toBeTruthy();
      expect(screen.getByText('Draft: not yet agreed by both leads')).toBeTruthy();
      expect(screen.getByText('No issue is on the joint agenda yet.')).toBeTruthy();
      expect(await screen.findByText('stalled')).toBeTruthy();
      const propose = screen.getAllByRole('button', { name: 'Propose' })[0]!;
      fireEvent.click(propose);
      const alert = await screen.findByTestId('refusal');
      expect(alert.textContent).toContain(PRINCIPLE);
      fireEvent.click(screen.getByRole('button', { name: 'Keep in our briefing only' }));
      await waitFor(() => expect(posted).toHaveLength(2));
      expect(posted[1]).toEqual({ issue: 'overstretched-national-security', internalOnly: true });
      // A lead whose side has not agreed yet may agree.
      expect(screen.getByRole('button', { name: 'Agree the joint agenda' })).toBeTruthy();
    },
  );

  it('speaks Chinese', { timeout: 20_000 }, async () => {
    const item = {
      id: 'i1',
      issue: 'cross-border-data-flows',
      title: { en: 'Cross-border data flows', zh: '跨境数据流动' },
      side: 'us',
      status: 'proposed',
      late: false,
      version: 1,
      mark: 'new',
    };
    const { api } = agendaApi({ ...EMPTY, state: 'shared', agreedBy: ['cn', 'us'], items: [item] });
    renderApp(`/dialogues/${fx.dialogue.key}/meetings/2/agenda`, { api, lang: 'zh' });
    expect(await screen.findByRole('heading', { level: 1, name: '第2次会议议程' })).toBeTruthy();
    expect(screen.getByText('已共享：双方牵头人均已同意')).toBeTruthy();
    const row = (await screen.findByRole('link', { name: '跨境数据流动' })).closest('tr')!;
    expect(within(row).getByText('美国')).toBeTruthy();
    expect(within(row).getByText('已提议')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意联合议程' })).toBeNull();
  });
});

describe('planning a meeting', () => {
  function planApi() {
    const api = demoApi();
    const posted: { path: string; body: unknown }[] = [];
    api['/api/v1/me'] = () => ({ body: fx.me('us', 'lead') });
    api[`${base}/meetings/next`] = () => ({ body: { number: 2, key: 'meeting-2', host: 'cn' } });
    api[`${base}/meetings`] = (_url, request) => {
      if (request.method === 'GET') return { body: { items: [fx.meeting] } };
      posted.push({ path: 'meetings', body: request.body });
      const body = request.body as { chairs?: string[] };
      if (body.chairs?.includes('nobody')) {
        return {
          status: 400,
          body: {
            error: {
              code: 'validation-failed',
              message: 'The meeting breaks a rule: /chairs/1: unknown person key "nobody"',
              details: {
                problems: [
                  { pointer: '/chairs/1', message: 'unknown person key "nobody"' },
                  { pointer: '/body/participants/1/text/zh', message: 'at most 2000 characters' },
                ],
              },
            },
          },
        };
      }
      return { status: 201, body: { ...fx.meeting, number: 2, key: 'meeting-2' } };
    };
    api[`${base}/meetings/2/agenda`] = (_url, request) => {
      posted.push({ path: 'agenda', body: request.body });
      return { body: {} };
    };
    return { api, posted };
  }
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;

  it('sends the chairs (picked or typed by name) and each side’s delegation', { timeout: 20_000 }, async () => {
    const { api, posted } = planApi();
    renderApp(`/dialogues/${fx.dialogue.key}/plan-meeting`, { api });
    expect(await screen.findByRole('heading', { level: 1, name: 'Plan a meeting' }, { timeout: 5000 })).toBeTruthy();
    // The chair boxes offer the side's people.
    const usPeople = document.getElementById('plan-chair-us-people')!;
    expect([...usPeople.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual(['lago', 'raimondo']);
    fireEvent.change(field('Date'), { target: { value: '2099-05-01' } });
    fireEvent.change(field('Submission cut-off'), { target: { value: '2099-04-01' } });
    fireEvent.change(field('Chair for United States'), { target: { value: 'lago' } });
    // Typed by name, in Chinese: turned into the person's key.
    fireEvent.change(field('Chair for China'), { target: { value: '王受文' } });
    const us = within(document.querySelector('fieldset[data-side="us"]') as HTMLElement);
    const cn = within(document.querySelector('fieldset[data-side="cn"]') as HTMLElement);
    fireEvent.change(us.getByLabelText('Participants (English, one per line)'), {
      target: { value: 'International Trade Administration\nU.S. Embassy Beijing' },
    });
    fireEvent.change(us.getByLabelText('Participants (Chinese, one per line, in the same order)'), {
      target: { value: '美国国际贸易管理局' },
    });
    fireEvent.change(cn.getByLabelText('Participants (Chinese, one per line, in the same order)'), {
      target: { value: '中华人民共和国商务部' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(await screen.findByText('Meeting 2 is planned.')).toBeTruthy();
    expect(posted[0]).toEqual({
      path: 'meetings',
      body: {
        key: 'meeting-2',
        number: 2,
        date: '2099-05-01',
        format: 'in-person',
        host: 'cn',
        chairs: ['lago', 'wang-shouwen'],
        participants: [
          { side: 'us', text: { en: 'International Trade Administration', zh: '美国国际贸易管理局' } },
          { side: 'us', text: { en: 'U.S. Embassy Beijing' } },
          { side: 'cn', text: { zh: '中华人民共和国商务部' } },
        ],
      },
    });
    expect(posted[1]).toEqual({ path: 'agenda', body: { cutoff: '2099-04-01' } });
  });

  it(
    'shows each server problem at its field: the chair of its side, the delegation line’s language',
    {
      timeout: 20_000,
    },
    async () => {
      const { api } = planApi();
      renderApp(`/dialogues/${fx.dialogue.key}/plan-meeting`, { api });
      await screen.findByRole('heading', { level: 1, name: 'Plan a meeting' }, { timeout: 5000 });
      fireEvent.change(field('Date'), { target: { value: '2099-05-01' } });
      fireEvent.change(field('Chair for United States'), { target: { value: 'lago' } });
      fireEvent.change(field('Chair for China'), { target: { value: 'nobody' } });
      const cn = within(document.querySelector('fieldset[data-side="cn"]') as HTMLElement);
      fireEvent.change(cn.getByLabelText('Participants (English, one per line)'), { target: { value: 'MOFCOM' } });
      fireEvent.change(cn.getByLabelText('Participants (Chinese, one per line, in the same order)'), {
        target: { value: '商务部' },
      });
      const us = within(document.querySelector('fieldset[data-side="us"]') as HTMLElement);
      fireEvent.change(us.getByLabelText('Participants (English, one per line)'), { target: { value: 'ITA' } });
      fireEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
      const chairError = await screen.findByText('unknown person key "nobody"');
      // At the China chair's box, described by it; the U.S. one is untouched.
      expect(field('Chair for China').getAttribute('aria-describedby')).toContain(chairError.id);
      expect(field('Chair for China').getAttribute('aria-invalid')).toBe('true');
      expect(field('Chair for United States').getAttribute('aria-invalid')).toBeNull();
      // participants/1 is China's first line (the U.S. line comes first): its Chinese text.
      const zh = cn.getByLabelText('Participants (Chinese, one per line, in the same order)');
      expect(zh.getAttribute('aria-describedby')).toContain(screen.getByText('at most 2000 characters').id);
      // What was typed stays.
      expect(field('Chair for China').value).toBe('nobody');
    },
  );

  it('refuses a cut-off after the meeting before sending anything', { timeout: 20_000 }, async () => {
    const { api, posted } = planApi();
    renderApp(`/dialogues/${fx.dialogue.key}/plan-meeting`, { api });
    await screen.findByRole('heading', { level: 1, name: 'Plan a meeting' }, { timeout: 5000 });
    fireEvent.change(field('Date'), { target: { value: '2099-05-01' } });
    fireEvent.change(field('Submission cut-off'), { target: { value: '2099-06-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    expect(await screen.findByText("The cut-off must fall on or before the meeting's date.")).toBeTruthy();
    expect(posted).toEqual([]);
  });

  it('speaks Chinese', { timeout: 20_000 }, async () => {
    const { api } = planApi();
    renderApp(`/dialogues/${fx.dialogue.key}/plan-meeting`, { api, lang: 'zh' });
    expect(await screen.findByRole('heading', { level: 1, name: '计划会议' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('group', { name: '美国代表团' })).toBeTruthy();
    expect(screen.getByLabelText('中国主持人')).toBeTruthy();
    expect(screen.getAllByLabelText('参会人员（英文，每行一个）')).toHaveLength(2);
    // Sides by their names and formats in words, not their keys.
    expect(screen.getByText('建议：第2次会议，由中国主办。')).toBeTruthy();
    const host = screen.getByLabelText('主办方') as HTMLSelectElement;
    expect(host.value).toBe('cn');
    expect([...host.options].map((o) => o.text)).toEqual(['—', '美国', '中国']);
    const format = screen.getByLabelText('形式') as HTMLSelectElement;
    expect([...format.options].map((o) => o.text)).toContain('线下会议');
    expect([...format.options].map((o) => o.text)).not.toContain('in-person');
  });
});

describe('the outcomes register', () => {
  const outcome = fx.meetingDetail.accounts[1]!.outcomes[0]!;
  function registerApi(meetings: number[]) {
    const api = demoApi();
    const posted: unknown[] = [];
    api['/api/v1/me'] = () => ({ body: fx.me('cn', 'analyst') });
    api[`${base}/meetings`] = () => ({
      body: { items: [1, 2].map((n) => ({ ...fx.meeting, number: n, key: `meeting-${n}` })) },
    });
    api[`${base}/outcomes/register`] = () => ({
      body: {
        items: [
          {
            ...outcome,
            overdue: false,
            meetings,
            updates:
              meetings.length > 1
                ? [{ id: 'u1', side: 'cn', date: '2099-05-01', rag: 'green', evidence: [], meeting: 2 }]
                : [],
          },
        ],
      },
    });
    api[`${base}/outcomes/${outcome.key}/updates`] = (_url, request) => {
      posted.push(request.body);
      return { status: 201, body: {} };
    };
    return { api, posted };
  }

  it(
    'lists every meeting where an outcome came up and records an update at a meeting',
    { timeout: 20_000 },
    async () => {
      const { api, posted } = registerApi([1, 2]);
      renderApp(`/dialogues/${fx.dialogue.key}/outcomes`, { api });
      const entry = await screen.findByTestId('outcome-meetings', {}, { timeout: 5000 });
      expect(
        within(entry)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['1', '2']);
      expect(screen.getByText(/at meeting 2/)).toBeTruthy();
      const meeting = screen.getByLabelText('Recorded at a meeting') as HTMLSelectElement;
      expect([...meeting.options].map((o) => o.text)).toEqual(['Not at a meeting', 'Meeting 1', 'Meeting 2']);
      fireEvent.change(meeting, { target: { value: '2' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(posted).toHaveLength(1));
      expect(posted[0]).toEqual({ rag: 'green', meeting: 2 });
    },
  );

  it('names kinds, statuses and sides in Chinese, in the entries and the filters', { timeout: 20_000 }, async () => {
    const { api } = registerApi([1, 2]);
    renderApp(`/dialogues/${fx.dialogue.key}/outcomes`, { api, lang: 'zh' });
    await screen.findByTestId('outcome-meetings', {}, { timeout: 5000 });
    expect(outcome.kind).toBe('commitment');
    expect(screen.getByText(/承诺 · 已商定/)).toBeTruthy();
    expect(screen.getByText(/2099-05-01 · 中国 · 绿/)).toBeTruthy();
    const statuses = [...(screen.getByLabelText('状态', { selector: '#reg-status' }) as HTMLSelectElement).options];
    expect(statuses.map((o) => o.text)).toContain('已商定');
    const kinds = [...(screen.getByLabelText('类型', { selector: '#reg-kind' }) as HTMLSelectElement).options];
    expect(kinds.map((o) => o.text)).toContain('合作领域');
    expect(document.body.textContent).not.toMatch(/commitment|agreed|cooperation-area/);
  });
});

describe('the resolution rule on an issue page', () => {
  const issueKey = 'regulatory-transparency';
  const url = `/dialogues/${fx.dialogue.key}/issues/${issueKey}`;
  function resolutionApi(who: 'cn' | 'us' | 'public') {
    const api = demoApi();
    const posted: unknown[] = [];
    const views = [{ side: 'us', resolved: true, reason: 'The rules were published.', at: '2099-01-02T10:00:00Z' }];
    if (who !== 'public') api['/api/v1/me'] = () => ({ body: fx.me(who, 'lead') });
    api[`${base}/issues/${issueKey}/resolution`] = () => {
      const resolvedBy = views.filter((v) => v.resolved).map((v) => v.side);
      return {
        body: {
          issue: issueKey,
          status: resolvedBy.length === 2 ? 'resolved' : 'resolved-in-part',
          raisedBy: 'us',
          respondent: 'cn',
          views,
          resolvedBy,
          awaiting: resolvedBy.length === 1 ? ['us', 'cn'].filter((s) => !resolvedBy.includes(s)) : [],
        },
      };
    };
    api[`${base}/issues/${issueKey}/resolve`] = (_url, request) => {
      posted.push(request.body);
      const body = request.body as { resolved: boolean; reason: string };
      views.push({ side: 'cn', resolved: body.resolved, reason: body.reason, at: '2099-01-03T10:00:00Z' });
      return { body: {} };
    };
    return { api, posted };
  }

  it(
    'shows who proposed it and who is awaited, and lets the other side agree with a reason',
    { timeout: 20_000 },
    async () => {
      const { api, posted } = resolutionApi('cn');
      renderApp(url, { api });
      const state = await screen.findByTestId('resolution-state', {}, { timeout: 5000 });
      expect(state.textContent).toBe('Proposed as resolved by United States; awaiting China.');
      const panel = within(screen.getByTestId('issue-resolution'));
      expect(panel.getByText(/United States: resolved \(recorded 2099-01-02\)/).textContent).toContain(
        'The rules were published.',
      );
      expect(panel.getByText('China: nothing recorded')).toBeTruthy();
      const agree = panel.getByRole('button', { name: 'Agree with United States that it is resolved' });
      // No reason, nothing sent: the field says why.
      fireEvent.click(agree);
      expect(await panel.findByText("Give the reason: it is recorded with your side's view.")).toBeTruthy();
      expect(posted).toEqual([]);
      fireEvent.change(panel.getByLabelText("Reason (recorded with our side's view)"), {
        target: { value: 'Agreed at the meeting.' },
      });
      fireEvent.click(agree);
      await waitFor(() => expect(posted).toEqual([{ resolved: true, reason: 'Agreed at the meeting.' }]));
      await waitFor(() =>
        expect(screen.getByTestId('resolution-state').textContent).toBe('Resolved: both sides record it so.'),
      );
      expect(panel.getByRole('button', { name: 'Withdraw our proposal' })).toBeTruthy();
    },
  );

  it('offers the proposing side to withdraw, in Chinese', { timeout: 20_000 }, async () => {
    const { api } = resolutionApi('us');
    renderApp(url, { api, lang: 'zh' });
    const state = await screen.findByTestId('resolution-state', {}, { timeout: 5000 });
    expect(state.textContent).toBe('美国提议为已解决，待中国同意。');
    expect(screen.getByRole('button', { name: '撤回我方提议' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '解决情况' })).toBeTruthy();
  });

  it('is not shown to the public, who is not asked for it', { timeout: 20_000 }, async () => {
    const { api } = resolutionApi('public');
    const { calls } = renderApp(url, { api });
    await screen.findByRole('heading', { level: 1 }, { timeout: 5000 });
    expect(screen.queryByTestId('issue-resolution')).toBeNull();
    expect(calls.some((c) => c.pathname.endsWith('/resolution'))).toBe(false);
  });
});

describe('the dashboard', () => {
  it('names categories and statuses in Chinese, and the dialogue by its name', { timeout: 20_000 }, async () => {
    const api = demoApi();
    api['/api/v1/me'] = () => ({ body: fx.me('us', 'lead') });
    api[`${base}/dashboard`] = () => ({
      body: {
        dialogue: fx.dialogue.key,
        openIssues: { total: 11, byCategory: { 'digital-trade': 1 }, byStatus: { open: 10 } },
        outcomes: { total: 11, byStatus: { agreed: 11 } },
        overdueOutcomes: [],
        stalledIssues: [],
        dormancyReview: [],
      },
    });
    renderApp(`/dialogues/${fx.dialogue.key}/dashboard`, { api, lang: 'zh' });
    expect(await screen.findByText('数字贸易: 1', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('待解决: 10')).toBeTruthy();
    expect(screen.getByText('已商定: 11')).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).not.toMatch(/digital-trade|agreed|\bopen\b/);
    await waitFor(() => expect(within(main).queryByRole('link', { name: fx.dialogue.key })).toBeNull());
  });
});

describe('comparing the two accounts', () => {
  it('names the sides, the issues and the stances in Chinese', { timeout: 20_000 }, async () => {
    const api = demoApi();
    api['/api/v1/me'] = () => ({ body: fx.me('us', 'lead') });
    api[`${base}/meetings/1/accounts/compare`] = () => ({
      body: {
        sides: ['us', 'cn'],
        pairs: [],
        onlyIn: [
          { side: 'us', outcomes: [], issues: [{ issue: 'cross-border-data-flows', by: 'us', stance: 'raised' }] },
          { side: 'cn', outcomes: [], issues: [] },
        ],
        nextMeeting: [{ side: 'us' }, { side: null }],
      },
    });
    renderApp(`/dialogues/${fx.dialogue.key}/meetings/1/compare`, { api, lang: 'zh' });
    const issue = await screen.findByRole('link', { name: '跨境数据流动' }, { timeout: 5000 });
    expect(issue.closest('li')?.textContent).toBe('跨境数据流动 (美国, 提出)');
    expect(screen.getByRole('columnheader', { name: '美国' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '联合' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).not.toMatch(/\bus\b|\bcn\b|raised|cross-border-data-flows/);
  });
});
