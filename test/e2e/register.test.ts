/**
 * The public register in a real browser, signed out, in English and Chinese
 * (issue 7, acceptance 3): the register, a dialogue, an issue's permalink,
 * the open data page and a search; and an axe check on every one of them
 * that finds no serious or critical accessibility violation.
 *
 * Set-up and problem collection: browser.ts. axe-core is injected from node_modules (the page's CSP
 * is bypassed for that script only in this test's browser context).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { noChromium, useBrowser } from './browser.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe('public register in Chromium, signed out', { skip: noChromium }, () => {
  const e2e = useBrowser();
  /** The public never asks who it is here: every failed response is a problem, even GET /api/v1/me. */
  const open = (url: string) => e2e.open(url, { expected: [], context: { bypassCSP: true } });

  const PAGES = {
    en: {
      register: 'Public register',
      dialogue: 'U.S.-China Commercial Issues Working Group',
      issue: 'Cross-border data flows',
      readout: 'Readout of meeting 1 (United States)',
      openData: 'Open data',
      search: 'Search',
      history: 'Status history',
      since: /since [A-Z][a-z]+ \d{1,2}, \d{4}/,
    },
    zh: {
      register: '公开登记册',
      dialogue: '中美商贸工作组',
      issue: '跨境数据流动',
      readout: '第1次会议新闻稿（美国）',
      openData: '开放数据',
      search: '搜索',
      history: '状态变化',
      since: /自\d{4}年\d{1,2}月\d{1,2}日起/,
    },
  } as const;

  for (const lang of ['en', 'zh'] as const) {
    test(`browses the register in ${lang} with no accessibility violation`, { timeout: 180_000 }, async () => {
      const words = PAGES[lang];
      const violations: string[] = [];
      const { page, problems, close } = await open(`/register?lang=${lang}`);
      const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

      await h1(words.register);
      violations.push(...(await axeProblems(page)));

      // A dialogue: its published issues, with status history, and no internal one.
      await page.getByRole('main').getByRole('link').first().click();
      await page.getByRole('heading', { level: 3, name: words.issue }).waitFor();
      await page.getByText(words.history).first().waitFor();
      await page.getByText(words.since).first().waitFor();
      assert.equal(await page.getByText(/medical devices|医疗器械/).count(), 0, 'nothing internal');
      violations.push(...(await axeProblems(page)));

      // The published readout, named by meeting and side, opens as a page anyone may read.
      const readout = page.getByRole('link', { name: words.readout, exact: true });
      const href = await readout.getAttribute('href');
      assert.ok(href, 'the readout is linked');
      const doc = await page.request.get(new URL(href, e2e.url).toString());
      assert.equal(doc.status(), 200);
      assert.match(doc.headers()['content-type'] ?? '', /text\/html/);

      // An issue's permalink.
      await page.getByRole('link', { name: words.issue, exact: true }).click();
      await h1(words.issue);
      assert.match(page.url(), /\/register\/us-cn-ciwg\/issues\/cross-border-data-flows/);
      violations.push(...(await axeProblems(page)));

      // Open data, with its dictionary and downloads.
      await page.goto(`${e2e.url}/open-data?lang=${lang}`);
      await h1(words.openData);
      await page.getByRole('link', { name: 'issues.csv' }).waitFor();
      violations.push(...(await axeProblems(page)));

      // Search from the header box: 跨境数据 finds the issue.
      await page.getByRole('search').first().getByRole('searchbox').fill('跨境数据');
      await page.getByRole('search').first().getByRole('button').click();
      await h1(words.search);
      await page.locator('mark').first().waitFor();
      await page.getByRole('link', { name: words.issue }).first().waitFor();
      violations.push(...(await axeProblems(page)));

      assert.deepEqual(violations, [], 'no serious or critical accessibility violation');
      assert.deepEqual(problems, []);
      await close();
    });
  }
});
