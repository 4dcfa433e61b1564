import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoApi, renderApp, type Handler } from '../test/render.js';
import * as fx from '../test/fixtures.js';
import type { AgendaT } from './CyclePages.js';

const base = `/api/v1/dialogues/${fx.dialogue.key}`;
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
  it('marks proposals, shows the non-negotiable refusal with the principle, and offers the briefing instead', async () => {
    const { api, posted } = agendaApi(EMPTY);
    renderApp(`/dialogues/${fx.dialogue.key}/meetings/2/agenda`, { api });
    expect(await screen.findByRole('heading', { level: 1, name: 'Agenda of meeting 2' })).toBeTruthy();
    expect(screen.getByText('Draft: not yet agreed by both leads')).toBeTruthy();
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
  });

  it('speaks Chinese', async () => {
    const { api } = agendaApi({ ...EMPTY, state: 'shared', agreedBy: ['cn', 'us'] });
    renderApp(`/dialogues/${fx.dialogue.key}/meetings/2/agenda`, { api, lang: 'zh' });
    expect(await screen.findByRole('heading', { level: 1, name: '第2次会议议程' })).toBeTruthy();
    expect(screen.getByText('已共享：双方牵头人均已同意')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意联合议程' })).toBeNull();
  });
});
