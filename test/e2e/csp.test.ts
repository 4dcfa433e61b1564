/**
 * The Content-Security-Policy in a real browser: the built web app (dist/web)
 * and the API documentation (Swagger UI) load and work under the policies the
 * server sends, with no violation reported, signed out and signed in; and a
 * readout previewed in an `<iframe srcdoc>` (which inherits the page's policy)
 * keeps its style sheet.
 *
 * Needs dist/web (built here with Vite when missing) and Debian's Chromium at
 * /usr/bin/chromium (never downloaded); without Chromium the test is skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoEmail } from '../../src/demo/demo-users.js';
import { testApp, type TestApp } from '../helpers/app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_ROOT = path.join(ROOT, 'dist/web');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const hasChromium = fs.existsSync(CHROMIUM);

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

describe('Content-Security-Policy in Chromium', () => {
  let h: TestApp | undefined;
  let browser: Browser | undefined;
  let base = '';

  before(async () => {
    if (!hasChromium) return;
    if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
      const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'vite build failed');
    }
    h = await testApp({ webRoot: WEB_ROOT });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A context whose pages record every CSP violation, script error and console error. */
  async function context(): Promise<{ ctx: BrowserContext; problems: string[]; open: (p: string) => Promise<Page> }> {
    const ctx = await browser!.newContext();
    await ctx.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}`);
      });
    });
    const problems: string[] = [];
    const open = async (p: string) => {
      const page = await ctx.newPage();
      page.on('pageerror', (error) => problems.push(`${p}: page error: ${error.message}`));
      page.on('console', (message) => {
        // Only what the policy causes: a signed-out page's 401 from /api/v1/me is an expected console error.
        if (/Content Security Policy|unsafe-eval|unsafe-inline/i.test(message.text())) {
          problems.push(`${p}: console: ${message.text()}`);
        }
      });
      const res = await page.goto(`${base}${p}`);
      assert.ok(res, `${p} answered`);
      assert.match(String(res.headers()['content-security-policy']), /default-src 'self'/);
      return page;
    };
    return { ctx, problems, open };
  }

  async function violations(page: Page): Promise<string[]> {
    return page.evaluate(() => window.__cspViolations ?? []);
  }

  test('the web app renders its pages with no violation, signed out and signed in', { timeout: 120_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
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
    const signIn = await ctx.request.post(`${base}/api/v1/demo/session`, { data: { email: demoEmail('us', 'admin') } });
    assert.equal(signIn.status(), 204);
    for (const p of [...pages.slice(1, 3), '/account', '/admin/users']) await (await visit(p)).close();
    await ctx.close();
    assert.deepEqual([...seen, ...problems], []);
  });

  test('a readout previewed in an iframe srcdoc keeps its style sheet', { timeout: 60_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
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

  test('the API documentation (Swagger UI) works under its own policy', { timeout: 60_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
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
