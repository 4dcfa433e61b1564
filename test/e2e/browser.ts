/**
 * What the browser tests share: the built web app (dist/web, built with Vite
 * when missing), Debian's Chromium at /usr/bin/chromium (never downloaded; the
 * tests are skipped without it), a `parley serve --demo` process on a free
 * port with a fresh embedded database, and pages that record every problem a
 * reader would meet: a script error, a console error, a request that failed,
 * and every response with a status of 400 or more that the test does not list
 * as expected, by method, address and status.
 *
 * In a `describe`, `const e2e = useBrowser()` starts the server and Chromium
 * before the tests and stops them after; `await e2e.open('/path')` gives a page
 * in a fresh browser context (no cookies) and its list of problems, which the
 * test asserts empty at its end.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT } from '../helpers/cli.js';
import { startServerProcess } from '../helpers/server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
/** Skip a suite without Chromium: `describe(name, { skip: noChromium }, …)`. */
export const noChromium = hasChromium ? false : `${CHROMIUM} is not installed`;
/** See docs/STACK.md: no sandbox in containers, no GPU, and nothing that calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const WEB_ROOT = path.join(ROOT, 'dist/web');
/** Generous: CI machines are loaded, and the first start migrates and loads the demo. */
const SERVER_START_MS = 180_000;
const BUILD_LOCK = path.join(ROOT, 'dist/.web-build.lock');

/**
 * Builds the web app into dist/web when it is missing. Test files run in
 * parallel: a lock (a directory, created atomically) makes one of them build
 * while the others wait, so that none reads a half-written dist/web.
 */
export async function ensureWebApp(): Promise<void> {
  fs.mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  const deadline = Date.now() + SERVER_START_MS;
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a process that died mid-build is old: nobody builds for five minutes.
      const age = Date.now() - (fs.statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${BUILD_LOCK} was held for too long`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (fs.existsSync(path.join(WEB_ROOT, 'index.html'))) return;
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'vite build failed');
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A running site for the browser to visit. */
export interface Site {
  url: string;
  stop(): Promise<void>;
}

/**
 * `parley serve --demo` on a free port with a fresh embedded database in a
 * temporary folder (whatever DATABASE_URL the test run has: these tests are
 * about the pages, not the engine), without single sign-on.
 */
export async function startDemoServer(env: Record<string, string | undefined> = {}): Promise<Site> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
  try {
    const server = await startServerProcess(
      {
        PARLEY_DATA_DIR: dataDir,
        OIDC_ISSUER: undefined,
        OIDC_CLIENT_ID: undefined,
        OIDC_CLIENT_SECRET: undefined,
        ...env,
      },
      ['--demo'],
    );
    return {
      url: server.url,
      async stop() {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A response that is not a problem, and why. */
export interface ExpectedResponse {
  method: string;
  /** The address's path (without the query), or a pattern it matches. */
  path: string | RegExp;
  status: number;
  why: string;
}

/**
 * The failed response that every signed-out page may cause: the sign-in page
 * asks GET /api/v1/me whether a session exists (see useVerifySession), and the
 * API answers 401 to the public.
 */
export const SIGNED_OUT_ME: ExpectedResponse = {
  method: 'GET',
  path: '/api/v1/me',
  status: 401,
  why: 'the sign-in page asks whether a session exists; the public is answered 401',
};

function isExpected(expected: readonly ExpectedResponse[], method: string, pathname: string, status: number): boolean {
  return expected.some(
    (e) =>
      e.method === method &&
      e.status === status &&
      (typeof e.path === 'string' ? e.path === pathname : e.path.test(pathname)),
  );
}

/**
 * Records the page's problems into `into` (returned; the test asserts it
 * empty): script errors, console errors, requests that failed for another
 * reason than being cancelled, and responses with a status of 400 or more not
 * in `expected`, as "METHOD /path?query → status". Each ends with the page it
 * happened on, "(on /path)".
 */
export function watch(
  page: Page,
  expected: readonly ExpectedResponse[] = [SIGNED_OUT_ME],
  into: string[] = [],
): string[] {
  const on = () => {
    try {
      return `(on ${new URL(page.url()).pathname})`;
    } catch {
      return `(on ${page.url()})`;
    }
  };
  page.on('pageerror', (error) => into.push(`page error: ${error.message} ${on()}`));
  page.on('console', (message) => {
    // The browser logs every failed response as "Failed to load resource", without its method and
    // with its address only in the message's location: the listeners below report them better.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      into.push(`console error: ${message.text()} ${on()}`);
    }
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status < 400) return;
    const method = response.request().method();
    const url = new URL(response.url());
    if (isExpected(expected, method, url.pathname, status)) return;
    into.push(`${method} ${url.pathname}${url.search} → ${status} ${on()}`);
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'failed';
    // Cancelled (a read no longer needed, or the page navigated away): nothing the reader sees.
    if (error === 'net::ERR_ABORTED') return;
    const url = new URL(request.url());
    into.push(`${request.method()} ${url.pathname}${url.search} failed: ${error} ${on()}`);
  });
  return into;
}

export interface WatchedPage {
  page: Page;
  /** See `watch`. */
  problems: string[];
  /** Closes the page and its browser context. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Failed responses that are not problems; default: only SIGNED_OUT_ME. */
  expected?: readonly ExpectedResponse[];
  context?: BrowserContextOptions;
}

export interface BrowserSuite {
  /** The site's address, e.g. http://127.0.0.1:41234 (set once the suite has started). */
  readonly url: string;
  readonly browser: Browser;
  /** A page in a fresh browser context (no cookies), watched; when `path` is given, loaded. */
  open(path?: string, options?: OpenOptions): Promise<WatchedPage>;
}

/**
 * Registers before/after hooks in the calling `describe` that build the web
 * app when missing, start the site (default: a demo server, `env` added to its
 * environment) and Chromium, and stop both.
 */
export function useBrowser(
  options: { env?: Record<string, string | undefined>; site?: () => Promise<Site> } = {},
): BrowserSuite {
  let site: Site | undefined;
  let browser: Browser | undefined;

  before(async () => {
    if (!hasChromium) return;
    await ensureWebApp();
    site = await (options.site ?? (() => startDemoServer(options.env)))();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await site?.stop();
  });

  const suite: BrowserSuite = {
    get url() {
      assert.ok(site, 'the site has not started');
      return site.url;
    },
    get browser() {
      assert.ok(browser, 'Chromium has not started');
      return browser;
    },
    async open(path, { expected, context } = {}) {
      const ctx = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, ...context });
      const page = await ctx.newPage();
      const problems = watch(page, expected);
      if (path !== undefined) await page.goto(`${suite.url}${path}`);
      return { page, problems, close: () => ctx.close() };
    },
  };
  return suite;
}
