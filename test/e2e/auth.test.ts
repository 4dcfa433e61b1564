/**
 * Signing in, in a real browser against a real demo server: each side's
 * analyst signs in with the demo's one-click sign-in and sees its own internal
 * issues and the shared ones, never the other side's; a U.S. analyst edits a
 * U.S. issue and finds the change in its history; a China analyst gets no Edit
 * button on a U.S. issue.
 *
 * Set-up and problem collection (every failed response but the signed-out
 * GET /api/v1/me is one): browser.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { noChromium, useBrowser } from './browser.js';

const DIALOGUE = '/dialogues/us-cn-ciwg';
const US_INTERNAL = 'medical-device-procurement';
const CN_INTERNAL = 'business-visa-delays';
const SHARED = 'agricultural-inspection-delays';

describe('signing in, in Chromium', { skip: noChromium }, () => {
  const e2e = useBrowser();

  /** One click on a demo account of the sign-in page; back on the list of dialogues, signed in. */
  async function signInAsDemo(page: Page, side: 'United States' | 'China', name: RegExp): Promise<void> {
    await page.goto(`${e2e.url}/sign-in?lang=en`);
    const demo = page.getByRole('region', { name: 'Demo accounts', exact: true });
    await demo
      .getByRole('region', { name: side, exact: true })
      .getByRole('button', { name: 'Analyst', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    await page.getByRole('banner').getByRole('button', { name }).waitFor();
  }

  async function signOut(page: Page, name: RegExp): Promise<void> {
    await page.getByRole('banner').getByRole('button', { name }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
  }

  /** Which of the three issues the issues list of the dialogue links to. */
  async function listedIssues(page: Page): Promise<Record<string, boolean>> {
    await page.goto(`${e2e.url}${DIALOGUE}/issues`);
    await page.getByRole('heading', { level: 1, name: 'Issues', exact: true }).waitFor();
    await page.getByText(/\d+ issues shown/).waitFor();
    const listed: Record<string, boolean> = {};
    for (const key of [US_INTERNAL, SHARED, CN_INTERNAL]) {
      listed[key] = (await page.locator(`a[href="${DIALOGUE}/issues/${key}"]`).count()) > 0;
    }
    return listed;
  }

  test(
    'each analyst sees its own side’s internal issues and the shared one, never the other side’s',
    {
      timeout: 120_000,
    },
    async () => {
      const { page, problems, close } = await e2e.open();

      // The public: neither internal issue, nor the shared one.
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: false, [SHARED]: false, [CN_INTERNAL]: false });

      await signInAsDemo(page, 'United States', /U\.S\. analyst \(demo\)/);
      await page.getByRole('banner').getByText('United States · Analyst').waitFor();
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: true, [SHARED]: true, [CN_INTERNAL]: false });
      await signOut(page, /U\.S\. analyst \(demo\)/);
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: false, [SHARED]: false, [CN_INTERNAL]: false });

      await signInAsDemo(page, 'China', /China analyst \(demo\)/);
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: false, [SHARED]: true, [CN_INTERNAL]: true });

      assert.deepEqual(problems, []);
      await close();
    },
  );

  test('a U.S. analyst edits a U.S. issue and finds the change in its history', { timeout: 120_000 }, async () => {
    const { page, problems, close } = await e2e.open();
    await signInAsDemo(page, 'United States', /U\.S\. analyst \(demo\)/);
    await page.goto(`${e2e.url}${DIALOGUE}/issues/${US_INTERNAL}`);
    await page
      .getByRole('heading', { level: 1, name: 'Preferences for domestic medical devices in hospital procurement' })
      .waitFor();
    const history = page.getByRole('region', { name: 'History', exact: true });
    await history.getByText('First version', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit issue' });
    await form.getByLabel('Status', { exact: true }).selectOption('open');
    await form
      .getByLabel('English', { exact: true })
      .first()
      .fill('Preferences for domestic medical devices in public tenders');
    await form.getByRole('button', { name: 'Save', exact: true }).click();

    await page.getByText('Saved. The issue is now at version 2.', { exact: true }).waitFor();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Preferences for domestic medical devices in public tenders',
        exact: true,
      })
      .waitFor();
    const newest = history.getByRole('row').nth(1);
    await newest.getByText('Changed', { exact: true }).waitFor();
    await newest.getByText('us-analyst@demo.parley.invalid').waitFor();
    await newest.getByText('status', { exact: true }).waitFor();
    assert.equal(await newest.locator('del').first().textContent(), 'Reported');
    assert.equal(await newest.locator('ins').first().textContent(), 'Open');
    await newest.getByText('title.en', { exact: true }).waitFor();

    // Stored, not only shown: a fresh load says the same, in Chinese too.
    await page.goto(`${e2e.url}${DIALOGUE}/issues/${US_INTERNAL}?lang=zh`);
    await page.getByRole('heading', { level: 1, name: '医院采购中对国产医疗器械的优先政策', exact: true }).waitFor();
    const zhHistory = page.getByRole('region', { name: '历史记录', exact: true });
    await zhHistory.getByRole('row').nth(1).getByText('修改', { exact: true }).waitFor();
    await zhHistory.getByText('待解决').first().waitFor();

    assert.deepEqual(problems, []);
    await close();
  });

  test(
    'a China analyst gets no Edit button on a U.S. issue, but one on a China issue',
    { timeout: 120_000 },
    async () => {
      const { page, problems, close } = await e2e.open();
      await signInAsDemo(page, 'China', /China analyst \(demo\)/);

      // The shared U.S. issue: China may read it and its history, not change it.
      await page.goto(`${e2e.url}${DIALOGUE}/issues/${SHARED}?lang=en`);
      await page.getByRole('region', { name: 'History', exact: true }).getByRole('row').nth(1).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Edit', exact: true }).count(), 0);

      // Its own side's issue: the button is there (the check above is not vacuous).
      await page.goto(`${e2e.url}${DIALOGUE}/issues/${CN_INTERNAL}`);
      await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();

      assert.deepEqual(problems, []);
      await close();
    },
  );
});
