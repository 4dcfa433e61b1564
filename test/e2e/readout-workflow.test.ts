/**
 * The readout workflow in a real browser against a real demo server (issue 6):
 * the demo has published the U.S. readout of the inaugural meeting; U.S.
 * public affairs draft a new version, the U.S. lead approves it, U.S. public
 * affairs publish it; the public then sees both published versions and no
 * draft. Same set-up as auth.test.ts (Debian's Chromium, `parley serve --demo`).
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
  const deadline = Date.now() + 150_000;
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
  throw new Error(`parley serve was not ready within 150 s:\n${output}`);
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

describe('the readout workflow, in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;

  before(async () => {
    if (!hasChromium) return;
    if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
      const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'vite build failed');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-readout-e2e-'));
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser (no cookies) that fails the test on any script error. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    assert.ok(browser && server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected(message) && !message.text().includes('409')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    return { page, problems };
  }

  async function signInAs(page: Page, role: 'Lead' | 'Public affairs', name: RegExp): Promise<void> {
    assert.ok(server);
    await page.goto(`${server.url}/sign-in?lang=en`);
    const demo = page.getByRole('region', { name: 'Demo accounts', exact: true });
    await demo
      .getByRole('region', { name: 'United States', exact: true })
      .getByRole('button', { name: role, exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    await page.getByRole('banner').getByRole('button', { name }).waitFor();
  }

  async function signOut(page: Page, name: RegExp): Promise<void> {
    assert.ok(server);
    await page.goto(`${server.url}/dialogues?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Dialogues', exact: true }).waitFor();
    await page.getByRole('banner').getByRole('button', { name }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
  }

  async function meetingPage(page: Page) {
    assert.ok(server);
    await page.goto(`${server.url}${DIALOGUE}/meetings/1?lang=en`);
    const flow = page.getByTestId('readout-workflow');
    await flow.waitFor();
    return flow;
  }

  test('U.S. public affairs draft, the U.S. lead approves, public affairs publish', { timeout: 300_000 }, async (t) => {
    if (!hasChromium) {
      t.skip('chromium not installed');
      return;
    }
    const { page, problems } = await open();

    // The public: the demo's published readout, and nothing to do.
    let flow = await meetingPage(page);
    await flow
      .getByTestId('readout-published')
      .getByText(/Version 1/)
      .waitFor();
    assert.equal(await flow.getByRole('button', { name: 'Create draft from the record' }).count(), 0);

    await signInAs(page, 'Public affairs', /U\.S\. public-affairs \(demo\)/);
    flow = await meetingPage(page);
    await flow.getByRole('button', { name: 'Create draft from the record' }).click();
    await flow.getByText('Working copy').waitFor();
    await flow.locator('[data-state="draft"]').first().waitFor();
    const box = flow.getByLabel('Text (Markdown)');
    const text = await box.inputValue();
    await box.fill(text.replace(/^# .*$/m, '# U.S. and China hold the inaugural working group meeting'));
    await flow.getByRole('button', { name: 'Save text' }).click();
    await flow.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(await flow.getByRole('button', { name: 'Approve' }).count(), 0, 'public affairs do not approve');
    await signOut(page, /U\.S\. public-affairs \(demo\)/);

    await signInAs(page, 'Lead', /U\.S\. lead \(demo\)/);
    flow = await meetingPage(page);
    await flow.getByRole('button', { name: 'Approve', exact: true }).click();
    await flow.locator('[data-state="approved"]').first().waitFor();
    await signOut(page, /U\.S\. lead \(demo\)/);

    await signInAs(page, 'Public affairs', /U\.S\. public-affairs \(demo\)/);
    flow = await meetingPage(page);
    await flow.getByRole('button', { name: 'Publish', exact: true }).click();
    await flow
      .getByTestId('readout-published')
      .getByText(/Version 2/)
      .waitFor();
    await signOut(page, /U\.S\. public-affairs \(demo\)/);

    // The public sees both published versions, the edited headline in the new one, and no draft.
    flow = await meetingPage(page);
    await flow
      .getByTestId('readout-published')
      .getByText(/Version 2/)
      .waitFor();
    assert.equal(await flow.getByText('Working copy').count(), 0);
    const list = (await (await fetch(`${server!.url}/api/v1/dialogues/us-cn-ciwg/meetings/1/readouts`)).json()) as {
      items: { id: string; publishedNumber: number; text: string }[];
    };
    assert.deepEqual(
      list.items.map((r) => r.publishedNumber),
      [2, 1],
    );
    assert.match(list.items[0]!.text, /^# U\.S\. and China hold the inaugural working group meeting/);
    assert.deepEqual(problems, []);
  });
});
