/**
 * Signing in, in a real browser against a real demo server: each side's
 * analyst signs in with the demo's one-click sign-in and sees its own internal
 * issues and the shared ones, never the other side's; a U.S. analyst edits a
 * U.S. issue and finds the change in its history; a China analyst gets no Edit
 * button on a U.S. issue.
 *
 * Same set-up as web.test.ts: dist/web (built when missing), Debian's Chromium
 * at /usr/bin/chromium (skipped without it), `parley serve --demo` on a free
 * port with a fresh embedded database.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = fs.existsSync(CHROMIUM);
const DIALOGUE = '/dialogues/us-cn-ciwg';
const US_INTERNAL = 'medical-device-procurement';
const CN_INTERNAL = 'business-visa-delays';
const SHARED = 'agricultural-inspection-delays';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  // The embedded engine, whatever the surrounding test run uses; and no single sign-on.
  delete env.DATABASE_URL;
  delete env.OIDC_ISSUER;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/parley.js'), 'serve', '--demo'], { cwd: ROOT, env });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`parley serve exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child, output: () => output };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`parley serve was not ready within 180 s:\n${output}`);
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The one error a browser logs that is not a problem: the sign-in page asks
 * GET /api/v1/me whether a session exists, and the API answers 401 when not.
 */
function expected(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return (
    message.text().startsWith('Failed to load resource') &&
    message.text().includes('401') &&
    url !== '' &&
    new URL(url).pathname === '/api/v1/me'
  );
}

describe('signing in, in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;

  before(async () => {
    if (!hasChromium) return;
    if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
      const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'vite build failed');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-auth-e2e-'));
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser (no cookies) that fails the test on any script error or unexpected console error. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    assert.ok(browser && server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected(message)) problems.push(`console error: ${message.text()}`);
    });
    return { page, problems };
  }

  /** One click on a demo account of the sign-in page; back on the list of dialogues, signed in. */
  async function signInAsDemo(page: Page, side: 'United States' | 'China', name: RegExp): Promise<void> {
    assert.ok(server);
    await page.goto(`${server.url}/sign-in?lang=en`);
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
    assert.ok(server);
    await page.goto(`${server.url}${DIALOGUE}/issues`);
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
    async (t) => {
      if (!hasChromium) {
        t.skip('chromium not installed');
        return;
      }
      const { page, problems } = await open();

      // The public: neither internal issue, nor the shared one.
      assert.ok(server);
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: false, [SHARED]: false, [CN_INTERNAL]: false });

      await signInAsDemo(page, 'United States', /U\.S\. analyst \(demo\)/);
      await page.getByRole('banner').getByText('United States · Analyst').waitFor();
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: true, [SHARED]: true, [CN_INTERNAL]: false });
      await signOut(page, /U\.S\. analyst \(demo\)/);
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: false, [SHARED]: false, [CN_INTERNAL]: false });

      await signInAsDemo(page, 'China', /China analyst \(demo\)/);
      assert.deepEqual(await listedIssues(page), { [US_INTERNAL]: false, [SHARED]: true, [CN_INTERNAL]: true });

      assert.deepEqual(problems, []);
      await page.close();
    },
  );

  test('a U.S. analyst edits a U.S. issue and finds the change in its history', { timeout: 120_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
    const { page, problems } = await open();
    assert.ok(server);
    await signInAsDemo(page, 'United States', /U\.S\. analyst \(demo\)/);
    await page.goto(`${server.url}${DIALOGUE}/issues/${US_INTERNAL}`);
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
    await page.goto(`${server.url}${DIALOGUE}/issues/${US_INTERNAL}?lang=zh`);
    await page.getByRole('heading', { level: 1, name: '医院采购中对国产医疗器械的优先政策', exact: true }).waitFor();
    const zhHistory = page.getByRole('region', { name: '历史记录', exact: true });
    await zhHistory.getByRole('row').nth(1).getByText('修改', { exact: true }).waitFor();
    await zhHistory.getByText('待解决').first().waitFor();

    assert.deepEqual(problems, []);
    await page.close();
  });

  test(
    'a China analyst gets no Edit button on a U.S. issue, but one on a China issue',
    { timeout: 120_000 },
    async (t) => {
      if (!hasChromium) {
        t.skip('chromium not installed');
        return;
      }
      const { page, problems } = await open();
      assert.ok(server);
      await signInAsDemo(page, 'China', /China analyst \(demo\)/);

      // The shared U.S. issue: China may read it and its history, not change it.
      await page.goto(`${server.url}${DIALOGUE}/issues/${SHARED}?lang=en`);
      await page.getByRole('region', { name: 'History', exact: true }).getByRole('row').nth(1).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Edit', exact: true }).count(), 0);

      // Its own side's issue: the button is there (the check above is not vacuous).
      await page.goto(`${server.url}${DIALOGUE}/issues/${CN_INTERNAL}`);
      await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();

      assert.deepEqual(problems, []);
      await page.close();
    },
  );
});
