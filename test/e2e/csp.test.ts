/**
 * The Content-Security-Policy in a real browser: the built web app (dist/web)
 * and the API documentation (Swagger UI) load and work under the policies the
 * server sends, with no violation reported, signed out and signed in; and a
 * readout previewed in an `<iframe srcdoc>` (which inherits the page's policy)
 * keeps its style sheet.
 *
 * Set-up and problem collection: browser.ts; the app runs in this process.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { demoEmail } from '../../src/demo/demo-users.js';
import { testApp } from '../helpers/app.js';
import { noChromium, useBrowser, watch, WEB_ROOT, type Site } from './browser.js';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** The app in this process, on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
async function inProcess(): Promise<Site> {
  const h = await testApp({ webRoot: WEB_ROOT });
  try {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await h.close();
    throw error;
  }
  return { url: `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`, stop: () => h.close() };
}

describe('Content-Security-Policy in Chromium', { skip: noChromium }, () => {
  const e2e = useBrowser({ site: inProcess });

  /**
   * A context whose pages record every CSP violation, and every problem (script
   * error, console error, failed response: see browser.ts `watch`).
   */
  async function context(): Promise<{ ctx: BrowserContext; problems: string[]; open: (p: string) => Promise<Page> }> {
    const ctx = await e2e.browser.newContext();
    await ctx.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}`);
      });
    });
    const problems: string[] = [];
    const open = async (p: string) => {
      const page = await ctx.newPage();
      watch(page, undefined, problems);
      const res = await page.goto(`${e2e.url}${p}`);
      assert.ok(res, `${p} answered`);
      assert.match(String(res.headers()['content-security-policy']), /default-src 'self'/);
      return page;
    };
    return { ctx, problems, open };
  }

  async function violations(page: Page): Promise<string[]> {
    return page.evaluate(() => window.__cspViolations ?? []);
  }

  test('the web app renders its pages with no violation, signed out and signed in', { timeout: 120_000 }, async () => {
    const { ctx, problems, open } = await context();
    const pages = [
      '/',
      '/dialogues/us-cn-ciwg',
      '/dialogues/us-cn-ciwg/meetings/1',
      '/dialogues/us-cn-ciwg/issues',
      '/dialogues/us-cn-ciwg/issues/cross-border-data-flows',
      '/sign-in',
    ];
    const seen: string[] = [];
    const visit = async (p: string) => {
      const page = await open(p);
      await page.locator('h1').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      seen.push(...(await violations(page)).map((v) => `${p}: ${v}`));
      return page;
    };
    for (const p of pages) await (await visit(p)).close();

    // Signed in as the U.S. administrator (one click on a demo installation), then the pages only staff see.
    const signIn = await ctx.request.post(`${e2e.url}/api/v1/demo/session`, {
      data: { email: demoEmail('us', 'admin') },
    });
    assert.equal(signIn.status(), 204);
    for (const p of [...pages.slice(1, 3), '/account', '/admin/users']) await (await visit(p)).close();
    await ctx.close();
    assert.deepEqual([...seen, ...problems], []);
  });

  test('a readout previewed in an iframe srcdoc keeps its style sheet', { timeout: 60_000 }, async () => {
    const { ctx, problems, open } = await context();
    const page = await open('/dialogues/us-cn-ciwg/meetings/1');
    await page.locator('h1').first().waitFor();
    const colour = await page.evaluate(async () => {
      const res = await fetch('/api/v1/dialogues/us-cn-ciwg/meetings/1/readout?side=us&format=html');
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-same-origin');
      frame.srcdoc = await res.text();
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
      document.body.append(frame);
      await loaded;
      const h1 = frame.contentDocument?.querySelector('h1');
      return h1 ? getComputedStyle(h1).color : 'no h1';
    });
    // h1 { color: #162e51 } comes from the readout's own style sheet.
    assert.equal(colour, 'rgb(22, 46, 81)');
    assert.deepEqual([...(await violations(page)), ...problems], []);
    await ctx.close();
  });

  test('the API documentation (Swagger UI) works under its own policy', { timeout: 60_000 }, async () => {
    const { ctx, problems, open } = await context();
    const page = await open('/api/docs');
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    assert.match((await page.locator('.swagger-ui .info .title').textContent()) ?? '', /Parley API/);
    await page.locator('.opblock').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual([...(await violations(page)), ...problems], []);
    await ctx.close();
  });
});
