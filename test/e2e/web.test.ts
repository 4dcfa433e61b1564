/**
 * The web app in a real browser against a real server: an official opens the
 * list, the dialogue, the inaugural meeting with both sides' accounts, reads it
 * in Chinese, filters the issues and opens one.
 *
 * Set-up and problem collection: browser.ts. The server always runs on the
 * embedded database, even when TEST_DATABASE_URL is set: this test is about
 * the pages, not the engine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { noChromium, useBrowser } from './browser.js';

const INSTALLATION_NAME = 'Parley — end-to-end test';

describe('web app in Chromium', { skip: noChromium }, () => {
  const e2e = useBrowser({ env: { PARLEY_INSTALLATION_NAME: INSTALLATION_NAME } });
  /** Nobody signs in here, so nothing may fail, not even GET /api/v1/me. */
  const open = (path: string) => e2e.open(path, { expected: [] });

  test('an official reads the inaugural meeting in English and Chinese', { timeout: 120_000 }, async () => {
    const { page, problems, close } = await open('/');

    // The list, under the installation's own name (no U.S. government banner).
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: INSTALLATION_NAME }).waitFor();
    assert.equal(await page.getByText(/official website of the United States government/i).count(), 0);

    // The dialogue: names per side and the non-negotiable principle.
    await page.getByRole('link', { name: 'U.S.-China Commercial Issues Working Group', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'U.S.-China Commercial Issues Working Group', exact: true })
      .waitFor();
    await page.getByText('中美商贸工作组').waitFor();
    await page.getByText('The United States does not negotiate on matters of U.S. national security.').waitFor();

    // The meeting: each side's account in its own column.
    await page.getByRole('link', { name: 'Inaugural meeting', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inaugural meeting', exact: true }).waitFor();
    const us = page.locator('article[data-side="us"]');
    const cn = page.locator('article[data-side="cn"]');
    await us.getByRole('link', { name: 'Cross-border data flows', exact: true }).waitFor();
    await cn.getByRole('link', { name: /Section 301/ }).waitFor();
    assert.equal(await us.getByText(/Section 301/).count(), 0, 'Section 301 is in China’s account only');
    assert.equal(await cn.getByText('Cross-border data flows').count(), 0, 'data flows are in the U.S. account only');
    const [usBox, cnBox] = [await us.boundingBox(), await cn.boundingBox()];
    assert.ok(usBox && cnBox);
    assert.ok(Math.abs(usBox.y - cnBox.y) < 2 && usBox.x + usBox.width <= cnBox.x, 'the accounts are side by side');
    await page.getByText('April 4, 2024').first().waitFor();

    // 中文: interface strings, record texts and dates all switch.
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '首次会议', exact: true }).waitFor();
    await us.getByRole('link', { name: '跨境数据流动', exact: true }).waitFor();
    await cn.getByRole('link', { name: '301关税和相关301调查申请', exact: true }).waitFor();
    await us.getByText('严重关切').waitFor();
    await page.getByText('2024年4月4日').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh');

    // A deep link loads in the remembered language (SPA fallback, localStorage).
    await page.goto(`${e2e.url}/dialogues/us-cn-ciwg/issues`);
    await page.getByRole('heading', { level: 1, name: '问题', exact: true }).waitFor();
    await page.getByRole('link', { name: '跨境数据流动', exact: true }).waitFor();

    // Filter the issues: the choice goes into the URL, the table follows.
    await page.getByLabel('提出方', { exact: true }).selectOption('cn');
    await page.waitForURL(/raisedBy=cn/);
    await page.getByRole('link', { name: '301关税和相关301调查申请', exact: true }).waitFor();
    await page.getByRole('link', { name: '跨境数据流动', exact: true }).waitFor({ state: 'detached' });

    // The issue and where it was raised.
    await page.getByRole('link', { name: '301关税和相关301调查申请', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '301关税和相关301调查申请', exact: true }).waitFor();
    const raisedAt = page.getByRole('region', { name: '在会议上提出', exact: true });
    await raisedAt.getByRole('link', { name: '首次会议', exact: true }).waitFor();
    await raisedAt.getByText('关切').waitFor();

    // And back to English.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Section 301 tariffs and related petitions', exact: true })
      .waitFor();

    assert.deepEqual(problems, []);
    await close();
  });

  test('an unknown address shows the not-found page', { timeout: 60_000 }, async () => {
    const { page, problems, close } = await open('/no/such/page?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Go to the list of dialogues', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    assert.deepEqual(problems, []);
    await close();
  });
});
