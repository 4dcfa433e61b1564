/**
 * Single sign-on end to end: a real OpenID Connect provider (oauth2-mock-server)
 * on a local port, Parley listening on another, and a "browser" made of fetch
 * calls that follows the redirects by hand and carries the cookies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OAuth2Server, type MutableResponse, type MutableToken } from 'oauth2-mock-server';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { addUser, disableUser, type AuthDeps } from '../src/domain/auth/auth.service.js';
import { buildApp } from '../src/http/app.js';
import type { OidcSettings } from '../src/http/oidc.js';
import { isReachable } from '../src/storage/db.js';
import { argon2Hasher } from '../src/storage/passwords.js';
import { createUserStore } from '../src/storage/user.repository.js';
import { testDatabase, type TestDatabase } from './helpers/db.js';
import { freePort } from './helpers/server.js';

interface OidcTestApp {
  app: FastifyInstance;
  auth: AuthDeps;
  t: TestDatabase;
  /** The warnings logged so far: why each sign-in was refused. */
  warnings: string[];
  close(): Promise<void>;
}

/** Like helpers/app.ts, without the demo, with single sign-on, and with the log kept to check refusals' reasons. */
async function oidcTestApp(oidc?: OidcSettings): Promise<OidcTestApp> {
  const t = await testDatabase();
  const auth = { users: createUserStore(t.db), passwords: argon2Hasher };
  const warnings: string[] = [];
  const app = await buildApp(
    {
      store: t.store,
      auth,
      engine: t.engine,
      isReachable: () => isReachable(t.db),
      installationName: 'Parley test',
      version: '0.0.0-test',
      oidc,
    },
    { level: 'warn', stream: { write: (line: string) => void warnings.push(line) } },
  );
  await app.ready();
  return {
    app,
    auth,
    t,
    warnings,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

const CLIENT_ID = 'parley-test';
let provider: OAuth2Server;
let h: OidcTestApp;
let base: string;
/** Claims the provider adds to the next tokens and to UserInfo; each test sets its own. */
let tokenClaims: Record<string, unknown> = {};
let userinfoClaims: Record<string, unknown> = {};

before(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token: MutableToken) => Object.assign(token.payload, tokenClaims));
  provider.service.on('beforeUserinfo', (response: MutableResponse) => {
    response.body = { ...(response.body as object), ...userinfoClaims };
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  h = await oidcTestApp({
    issuer: provider.issuer.url!,
    clientId: CLIENT_ID,
    clientSecret: 'test-secret',
    redirectUri: `${base}/api/v1/auth/oidc/callback`,
  });
  await h.app.listen({ port, host: '127.0.0.1' });
  await addUser(h.auth, SYSTEM_ACTOR, { email: 'Analyst@Example.gov', side: 'us', role: 'analyst' });
  await addUser(h.auth, SYSTEM_ACTOR, { email: 'gone@example.gov', side: 'us', role: 'lead' });
  await disableUser(h.auth, SYSTEM_ACTOR, 'gone@example.gov');
});

after(async () => {
  await h?.close();
  await provider?.stop();
});

/** `name=value` of each Set-Cookie that sets (not clears) a cookie. */
function cookiesOf(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .filter((c) => !/max-age=0|expires=thu, 01 jan 1970/i.test(c))
    .map((c) => c.split(';')[0]!);
}

interface Landing {
  /** Where Parley finally sends the browser. */
  location: string;
  sessionCookie: string | undefined;
  callback: Response;
  authorizeUrl: URL;
}

/**
 * start → the provider's authorize endpoint → the callback, as a browser
 * would, with `alter` to play an attacker between the provider and Parley.
 */
async function signInViaProvider(
  options: { returnTo?: string; alter?: (callback: URL) => void; cookie?: string; keepLoginCookie?: boolean } = {},
): Promise<Landing> {
  const startUrl = new URL(`${base}/api/v1/auth/oidc/start`);
  if (options.returnTo !== undefined) startUrl.searchParams.set('returnTo', options.returnTo);
  const start = await fetch(startUrl, { redirect: 'manual' });
  assert.equal(start.status, 302, await start.text());
  const loginCookies = cookiesOf(start);
  assert.equal(loginCookies.length, 1, 'one cookie holds the login in progress');
  const authorizeUrl = new URL(start.headers.get('location')!);
  assert.equal(authorizeUrl.origin, provider.issuer.url);

  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(authorize.status, 302);
  const callbackUrl = new URL(authorize.headers.get('location')!);
  assert.equal(callbackUrl.origin + callbackUrl.pathname, `${base}/api/v1/auth/oidc/callback`);
  options.alter?.(callbackUrl);

  const cookie = [
    ...(options.keepLoginCookie === false ? [] : loginCookies),
    ...(options.cookie ? [options.cookie] : []),
  ];
  const callback = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: cookie.join('; ') } });
  assert.equal(callback.status, 302, await callback.text());
  const session = cookiesOf(callback).find((c) => c.startsWith('parley_session='));
  return { location: callback.headers.get('location')!, sessionCookie: session, callback, authorizeUrl };
}

/** The sign-in was refused with `code`, no session was started, and the log says why. */
async function assertRefused(run: () => Promise<Landing>, code: string, reason: RegExp) {
  const logged = h.warnings.length;
  const landing = await run();
  assert.equal(landing.location, `/sign-in?error=${code}`);
  assert.equal(landing.sessionCookie, undefined);
  const said = h.warnings.slice(logged).join('\n');
  assert.match(said, reason);
}

async function me(cookie: string) {
  const res = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as { user: { email: string; role: string } } };
}

describe('single sign-on with OpenID Connect', () => {
  it('says it is enabled', async () => {
    const res = await fetch(`${base}/api/v1/auth/oidc`);
    assert.deepEqual(await res.json(), { enabled: true });
  });

  it('signs in the account with the e-mail the provider vouches for, and returns to the page asked for', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true };
    userinfoClaims = {};
    const landing = await signInViaProvider({ returnTo: '/dialogues/us-cn-ciwg?tab=issues' });

    // PKCE, state and nonce went out with the authorization request.
    const q = landing.authorizeUrl.searchParams;
    assert.equal(q.get('client_id'), CLIENT_ID);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.ok(q.get('code_challenge') && q.get('state') && q.get('nonce'));
    assert.match(q.get('scope') ?? '', /\bopenid\b.*\bemail\b/);

    assert.equal(landing.location, '/dialogues/us-cn-ciwg?tab=issues');
    assert.ok(landing.sessionCookie, 'a session cookie was set');
    const setCookie = landing.callback.headers.getSetCookie().find((c) => c.startsWith('parley_session='))!;
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    assert.ok(
      landing.callback.headers
        .getSetCookie()
        .some((c) => c.startsWith('parley_oidc_') && /max-age=0|expires=/i.test(c)),
      'the login cookie is cleared',
    );

    const who = await me(landing.sessionCookie);
    assert.equal(who.status, 200);
    assert.equal(who.body.user.email, 'Analyst@Example.gov');
    assert.equal(who.body.user.role, 'analyst');
    const sessions = await fetch(`${base}/api/v1/me/sessions`, { headers: { cookie: landing.sessionCookie } });
    const items = ((await sessions.json()) as { items: { method: string; current: boolean }[] }).items;
    assert.equal(items.find((s) => s.current)?.method, 'oidc');
  });

  it('takes the e-mail from UserInfo when the ID token has none', async () => {
    tokenClaims = {};
    userinfoClaims = { email: 'analyst@example.gov', email_verified: true };
    const landing = await signInViaProvider();
    assert.equal(landing.location, '/');
    assert.equal((await me(landing.sessionCookie!)).body.user.email, 'Analyst@Example.gov');
  });

  it('accepts an e-mail without email_verified, since not every provider sends it', async () => {
    tokenClaims = { email: 'analyst@example.gov' };
    userinfoClaims = {};
    const landing = await signInViaProvider();
    assert.ok(landing.sessionCookie);
  });

  it('ends the session the browser had before (a fresh id at every sign-in)', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true };
    const first = await signInViaProvider();
    const second = await signInViaProvider({ cookie: first.sessionCookie });
    assert.notEqual(second.sessionCookie, first.sessionCookie);
    assert.equal((await me(first.sessionCookie!)).status, 401);
    assert.equal((await me(second.sessionCookie!)).status, 200);
  });

  for (const returnTo of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'x']) {
    it(`returns to / rather than to ${JSON.stringify(returnTo)}`, async () => {
      tokenClaims = { email: 'analyst@example.gov', email_verified: true };
      const landing = await signInViaProvider({ returnTo });
      assert.equal(landing.location, '/');
      assert.ok(landing.sessionCookie);
    });
  }

  it('refuses an e-mail without an account, and creates none', async () => {
    tokenClaims = { email: 'stranger@example.gov', email_verified: true };
    const before = (await h.auth.users.list()).length;
    await assertRefused(() => signInViaProvider({ returnTo: '/dialogues' }), 'no-account', /no account for stranger/);
    assert.equal((await h.auth.users.list()).length, before);
    assert.equal(await h.auth.users.byEmail('stranger@example.gov'), undefined);
  });

  it('refuses a disabled account', async () => {
    tokenClaims = { email: 'gone@example.gov', email_verified: true };
    await assertRefused(() => signInViaProvider(), 'account-disabled', /account of gone@example.gov is disabled/);
  });

  it('refuses an e-mail the provider has not verified', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: false };
    await assertRefused(() => signInViaProvider(), 'sso-failed', /has not verified analyst@example.gov/);
  });

  it('refuses a tampered state', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true };
    await assertRefused(
      () =>
        signInViaProvider({
          alter: (url) => url.searchParams.set('state', `${url.searchParams.get('state')!.slice(0, -2)}xx`),
        }),
      'sso-failed',
      /no login in progress/,
    );
  });

  it('refuses a callback without the login cookie (another browser, or an expired login)', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true };
    await assertRefused(() => signInViaProvider({ keepLoginCookie: false }), 'sso-failed', /no login in progress/);
  });

  it('refuses an ID token with another nonce (a replayed token)', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true, nonce: 'replayed' };
    await assertRefused(() => signInViaProvider(), 'sso-failed', /nonce/);
  });

  it('refuses an ID token issued to another client', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true, aud: 'another-client' };
    await assertRefused(() => signInViaProvider(), 'sso-failed', /audience/);
  });

  it('refuses when the provider says no', async () => {
    tokenClaims = { email: 'analyst@example.gov', email_verified: true };
    await assertRefused(
      () =>
        signInViaProvider({
          alter: (url) => {
            url.searchParams.delete('code');
            url.searchParams.set('error', 'access_denied');
          },
        }),
      'sso-failed',
      /authorization response|access_denied/i,
    );
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const p of ['/api/v1/auth/oidc', '/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback']) {
      assert.ok(doc.paths[p], `${p} is documented`);
    }
  });
});

describe('without single sign-on configured', () => {
  let plain: OidcTestApp;
  before(async () => {
    plain = await oidcTestApp();
  });
  after(async () => {
    await plain?.close();
  });

  it('says it is not enabled, and its routes are not there', async () => {
    const status = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' });
    assert.equal(status.statusCode, 200);
    assert.deepEqual(status.json(), { enabled: false });
    const start = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start?returnTo=/' });
    assert.equal(start.statusCode, 404);
    assert.equal((start.json() as { error: { code: string } }).error.code, 'not-found');
    const callback = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/callback?code=x&state=y' });
    assert.equal(callback.statusCode, 404);
  });
});

describe('with the provider unreachable', () => {
  let down: OidcTestApp;
  before(async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    down = await oidcTestApp({
      issuer: closed,
      clientId: CLIENT_ID,
      clientSecret: 'test-secret',
      redirectUri: 'http://127.0.0.1:1/api/v1/auth/oidc/callback',
    });
  });
  after(async () => {
    await down?.close();
  });

  it('sends the browser back to the sign-in page rather than failing with an error page', async () => {
    const start = await down.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    assert.equal(start.statusCode, 302);
    assert.equal(start.headers.location, '/sign-in?error=sso-failed');
    assert.equal(start.headers['set-cookie'], undefined);
  });
});
