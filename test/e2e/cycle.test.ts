/**
 * The meeting cycle (issue 5) in a real browser against a real demo server:
 * a U.S. lead plans meeting 2 and proposes an item; the China lead is refused
 * an item on the U.S. non-negotiable topic (the principle is quoted), keeps
 * it in China's internal briefing, and agrees the agenda, which is then
 * shared; China records its account; the accounts of meeting 1 are compared;
 * an outcome gets a progress update with a RAG rating.
 *
 * Set-up and problem collection: browser.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { noChromium, SIGNED_OUT_ME, useBrowser, type ExpectedResponse } from './browser.js';

const DIALOGUE = '/dialogues/us-cn-ciwg';

/** China's item on the U.S. non-negotiable topic: the refusal is what the test checks. */
const REFUSED_ITEM: ExpectedResponse = {
  method: 'POST',
  path: `/api/v1${DIALOGUE}/meetings/2/agenda/items`,
  status: 409,
  why: 'the non-negotiable gate refuses the item, quoting the principle',
};

describe('the meeting cycle, in Chromium', { skip: noChromium }, () => {
  const e2e = useBrowser();

  async function signInAsDemo(page: Page, side: 'United States' | 'China', name: RegExp): Promise<void> {
    await page.goto(`${e2e.url}/sign-in?lang=en`);
    const demo = page.getByRole('region', { name: 'Demo accounts', exact: true });
    await demo
      .getByRole('region', { name: side, exact: true })
      .getByRole('button', { name: 'Lead', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    await page.getByRole('banner').getByRole('button', { name }).waitFor();
  }

  async function signOut(page: Page, name: RegExp): Promise<void> {
    await page.getByRole('banner').getByRole('button', { name }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
  }

  test(
    'plan a meeting, build its agenda as each side, record an account, compare accounts, update an outcome',
    { timeout: 180_000 },
    async () => {
      const { page, problems, close } = await e2e.open(undefined, { expected: [SIGNED_OUT_ME, REFUSED_ITEM] });
      const US = /U\.S\. lead \(demo\)/;
      const CN = /China lead \(demo\)/;

      // Planning: the next number and the alternating host are suggested.
      await signInAsDemo(page, 'United States', US);
      await page.goto(`${e2e.url}${DIALOGUE}/plan-meeting`);
      await page.getByText('Suggested: meeting 2, hosted by China.').waitFor();
      await page.getByLabel('Date', { exact: true }).fill('2099-05-01');
      await page.getByLabel('Format', { exact: true }).selectOption('call');
      await page.getByRole('button', { name: 'Plan the meeting' }).click();
      await page.getByText('Meeting 2 is planned.').waitFor();

      // The U.S. side proposes one of its issues, marked carried over, and agrees.
      await page.goto(`${e2e.url}${DIALOGUE}/meetings/2/agenda`);
      await page.getByRole('heading', { level: 1, name: 'Agenda of meeting 2' }).waitFor();
      await page.locator('button[data-issue="industrial-overcapacity"]').click();
      const joint = page.locator('table').first();
      await joint.getByText('carried over').waitFor();
      await page.getByRole('button', { name: 'Agree the joint agenda' }).click();
      await page.getByText('Agreed by: United States').waitFor();
      await signOut(page, US);

      // China: the non-negotiable gate refuses, quoting the principle; the item stays in China's briefing.
      await signInAsDemo(page, 'China', CN);
      await page.goto(`${e2e.url}${DIALOGUE}/meetings/2/agenda`);
      await page.getByRole('heading', { level: 1, name: 'Agenda of meeting 2' }).waitFor();
      await page.locator('button[data-issue="overstretched-national-security"]').click();
      const refusal = page.getByTestId('refusal');
      await refusal
        .getByText(/The United States does not negotiate on matters of U\.S\. national security\./)
        .waitFor();
      await page.getByRole('button', { name: 'Keep in our briefing only' }).click();
      await page.getByTestId('briefing').getByText('Overstretching the concept of national security').waitFor();
      await page.getByRole('button', { name: 'Agree the joint agenda' }).click();
      await page.getByText('Shared: agreed by both leads').waitFor();

      // China records its account of meeting 2.
      await page.goto(`${e2e.url}${DIALOGUE}/meetings/2/record`);
      await page.getByRole('heading', { level: 1, name: 'Record our account of meeting 2' }).waitFor();
      await page.locator('label[for="raise-section-301-tariffs"]').click();
      await page.locator('#stance-section-301-tariffs').selectOption('strong-concern');
      await page.getByLabel('New outcomes (one title per line)').fill('Joint workshop on tariff exclusions');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor();
      await signOut(page, CN);

      // The U.S. side does not see China's internal briefing.
      await signInAsDemo(page, 'United States', US);
      await page.goto(`${e2e.url}${DIALOGUE}/meetings/2/agenda`);
      await page.getByText('Shared: agreed by both leads').waitFor();
      assert.equal(await page.getByText('overstretched-national-security').count(), 0);
      assert.equal(await page.getByText('Overstretching the concept of national security').count(), 0);

      // Comparing the two accounts of the inaugural meeting.
      await page.goto(`${e2e.url}${DIALOGUE}/meetings/1/compare`);
      await page.getByRole('heading', { level: 1, name: 'The two accounts of meeting 1 compared' }).waitFor();
      const pairs = page.getByTestId('pairs');
      await pairs
        .getByText(/confidence \d+%/)
        .first()
        .waitFor();
      assert.ok((await pairs.locator('tbody tr').count()) >= 2);

      // Following up an outcome with a RAG rating.
      await page.goto(`${e2e.url}${DIALOGUE}/outcomes`);
      await page.getByRole('heading', { level: 1, name: 'Outcomes register' }).waitFor();
      const entry = page.locator('li[data-outcome="trade-facilitation"]');
      await entry.getByText('Add an update').click();
      await entry.getByLabel('RAG').selectOption('amber');
      await entry.getByLabel('Status').selectOption('in-progress');
      await entry.getByLabel('Note (English)').fill('First meeting of experts held.');
      await entry.getByRole('button', { name: 'Save' }).click();
      await entry.getByText('First meeting of experts held.').waitFor();
      await entry.getByText(/Agreed → In progress/).waitFor();

      assert.deepEqual(problems, []);
      await close();
    },
  );
});
