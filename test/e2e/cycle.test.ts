/**
 * The meeting cycle (issue 5) in a real browser against a real demo server:
 * a U.S. lead plans meeting 2 and proposes an item; the China lead is refused
 * an item on the U.S. non-negotiable topic (the principle is quoted), keeps
 * it in China's internal briefing, and agrees the agenda, which is then
 * shared; China records its account; the accounts of meeting 1 are compared;
 * an outcome gets a progress update with a RAG rating.
 *
 * Same set-up as web.test.ts and auth.test.ts.
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

describe('the meeting cycle, in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;

  before(async () => {
    if (!hasChromium) return;
    if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
      const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'vite build failed');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cycle-e2e-'));
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(): Promise<{ page: Page; problems: string[] }> {
    assert.ok(browser && server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A refused write (409) is logged by the browser as a failed resource: that is the test.
      if (message.type() === 'error' && !expected(message) && !message.text().includes('409')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    return { page, problems };
  }

  async function signInAsDemo(page: Page, side: 'United States' | 'China', name: RegExp): Promise<void> {
    assert.ok(server);
    await page.goto(`${server.url}/sign-in?lang=en`);
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
    async (t) => {
      if (!hasChromium) {
        t.skip('chromium not installed');
        return;
      }
      assert.ok(server);
      const { page, problems } = await open();
      const US = /U\.S\. lead \(demo\)/;
      const CN = /China lead \(demo\)/;

      // Planning: the next number and the alternating host are suggested.
      await signInAsDemo(page, 'United States', US);
      await page.goto(`${server.url}${DIALOGUE}/plan-meeting`);
      await page.getByText('Suggested: meeting 2, hosted by cn.').waitFor();
      await page.getByLabel('Date', { exact: true }).fill('2099-05-01');
      await page.getByLabel('Format', { exact: true }).selectOption('call');
      await page.getByRole('button', { name: 'Plan the meeting' }).click();
      await page.getByText('Meeting 2 is planned.').waitFor();

      // The U.S. side proposes one of its issues, marked carried over, and agrees.
      await page.goto(`${server.url}${DIALOGUE}/meetings/2/agenda`);
      await page.getByRole('heading', { level: 1, name: 'Agenda of meeting 2' }).waitFor();
      await page.locator('button[data-issue="industrial-overcapacity"]').click();
      const joint = page.locator('table').first();
      await joint.getByText('carried over').waitFor();
      await page.getByRole('button', { name: 'Agree the joint agenda' }).click();
      await page.getByText('Agreed by: us').waitFor();
      await signOut(page, US);

      // China: the non-negotiable gate refuses, quoting the principle; the item stays in China's briefing.
      await signInAsDemo(page, 'China', CN);
      await page.goto(`${server.url}${DIALOGUE}/meetings/2/agenda`);
      await page.getByRole('heading', { level: 1, name: 'Agenda of meeting 2' }).waitFor();
      await page.locator('button[data-issue="overstretched-national-security"]').click();
      const refusal = page.getByTestId('refusal');
      await refusal
        .getByText(/The United States does not negotiate on matters of U\.S\. national security\./)
        .waitFor();
      await page.getByRole('button', { name: 'Keep in our briefing only' }).click();
      await page.getByTestId('briefing').getByText('overstretched-national-security').waitFor();
      await page.getByRole('button', { name: 'Agree the joint agenda' }).click();
      await page.getByText('Shared: agreed by both leads').waitFor();

      // China records its account of meeting 2.
      await page.goto(`${server.url}${DIALOGUE}/meetings/2/record`);
      await page.getByRole('heading', { level: 1, name: 'Record our account of meeting 2' }).waitFor();
      await page.locator('label[for="raise-section-301-tariffs"]').click();
      await page.locator('#stance-section-301-tariffs').selectOption('strong-concern');
      await page.getByLabel('New outcomes (one title per line)').fill('Joint workshop on tariff exclusions');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor();
      await signOut(page, CN);

      // The U.S. side does not see China's internal briefing.
      await signInAsDemo(page, 'United States', US);
      await page.goto(`${server.url}${DIALOGUE}/meetings/2/agenda`);
      await page.getByText('Shared: agreed by both leads').waitFor();
      assert.equal(await page.getByText('overstretched-national-security').count(), 0);

      // Comparing the two accounts of the inaugural meeting.
      await page.goto(`${server.url}${DIALOGUE}/meetings/1/compare`);
      await page.getByRole('heading', { level: 1, name: 'The two accounts of meeting 1 compared' }).waitFor();
      const pairs = page.getByTestId('pairs');
      await pairs
        .getByText(/confidence \d+%/)
        .first()
        .waitFor();
      assert.ok((await pairs.locator('tbody tr').count()) >= 2);

      // Following up an outcome with a RAG rating.
      await page.goto(`${server.url}${DIALOGUE}/outcomes`);
      await page.getByRole('heading', { level: 1, name: 'Outcomes register' }).waitFor();
      const entry = page.locator('li[data-outcome="trade-facilitation"]');
      await entry.getByText('Add an update').click();
      await entry.getByLabel('RAG').selectOption('amber');
      await entry.getByLabel('Status').selectOption('in-progress');
      await entry.getByLabel('Note (English)').fill('First meeting of experts held.');
      await entry.getByRole('button', { name: 'Save' }).click();
      await entry.getByText('First meeting of experts held.').waitFor();
      await entry.getByText(/agreed → in-progress/).waitFor();

      assert.deepEqual(problems, []);
    },
  );
});
