/**
 * The web app in a real browser against a real server: an official opens the
 * list, the dialogue, the inaugural meeting with both sides' accounts, reads it
 * in Chinese, filters the issues and opens one.
 *
 * Needs dist/web (built here with Vite when missing) and Debian's Chromium at
 * /usr/bin/chromium (never downloaded: see docs/STACK.md); without Chromium
 * the test is skipped. The server always runs on the embedded database, even
 * when TEST_DATABASE_URL is set: this test is about the pages, not the engine.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

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
const INSTALLATION_NAME = 'Parley — end-to-end test';
const hasChromium = fs.existsSync(CHROMIUM);

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
    PARLEY_INSTALLATION_NAME: INSTALLATION_NAME,
    LOG_LEVEL: 'warn',
  };
  // The embedded engine, whatever the surrounding test run uses.
  delete env.DATABASE_URL;
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

describe('web app in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;

  before(async () => {
    if (!hasChromium) return;
    if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
      const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'vite build failed');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-web-e2e-'));
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A page that fails the test on any script error or console error. */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    assert.ok(browser && server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${server.url}${path}`);
    return { page, problems };
  }

  test('an official reads the inaugural meeting in English and Chinese', { timeout: 120_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
    const { page, problems } = await open('/');

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
    await page.goto(`${server?.url}/dialogues/us-cn-ciwg/issues`);
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
    await page.close();
  });

  test('an unknown address shows the not-found page', { timeout: 60_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
    const { page, problems } = await open('/no/such/page?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Go to the list of dialogues', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
