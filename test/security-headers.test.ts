/**
 * Security basics (issue 3, acceptance 5): the security headers and the strict
 * Content-Security-Policy on pages, API answers and the API documentation;
 * HSTS over HTTPS only; passwords never in the logs; an API token shown once
 * (in the answer that creates it, never in lists, logs or the audit trail).
 *
 * test/e2e/csp.test.ts checks in Chromium that the built web app works under
 * this policy.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { importBundleText } from '../src/bundle/import.js';
import { readDemoBundle } from '../src/demo/demo.js';
import { createDemoUsers } from '../src/demo/demo-users.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { addUser, type AuthDeps } from '../src/domain/auth/auth.service.js';
import { buildApp } from '../src/http/app.js';
import { isReachable } from '../src/storage/db.js';
import { argon2Hasher } from '../src/storage/passwords.js';
import { createUserStore } from '../src/storage/user.repository.js';
import { testDatabase, type TestDatabase } from './helpers/db.js';
import { signInDemo } from './helpers/session.js';

/** Directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  assert.equal(typeof header, 'string', 'a content-security-policy header');
  return new Map(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

let t: TestDatabase;
let auth: AuthDeps;
let app: FastifyInstance;
let webRoot: string;
let log = '';

before(async () => {
  t = await testDatabase();
  await importBundleText(t.store, readDemoBundle());
  auth = { users: createUserStore(t.db), passwords: argon2Hasher };
  await createDemoUsers(auth);
  // A stand-in for the built web app: the headers do not depend on what the page holds.
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-headers-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Parley</title><div id="root"></div>');
  // The most talkative logger there is, writing to a string.
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString('utf8');
      done();
    },
  });
  app = await buildApp(
    {
      store: t.store,
      auth,
      engine: t.engine,
      isReachable: () => isReachable(t.db),
      installationName: 'Parley headers test',
      version: '0.0.0-test',
      webRoot,
    },
    { level: 'trace', stream },
  );
  await app.ready();
});

after(async () => {
  await app?.close();
  await t?.close();
  if (webRoot) fs.rmSync(webRoot, { recursive: true, force: true });
});

function assertCommonHeaders(headers: Record<string, unknown>, where: string) {
  assert.equal(headers['x-content-type-options'], 'nosniff', `${where}: x-content-type-options`);
  assert.equal(headers['referrer-policy'], 'no-referrer', `${where}: referrer-policy`);
  assert.equal(headers['x-frame-options'], 'DENY', `${where}: x-frame-options`);
  assert.equal(headers['strict-transport-security'], undefined, `${where}: no HSTS over plain HTTP`);
  assert.equal(headers['x-powered-by'], undefined, `${where}: no x-powered-by`);
}

describe('security headers', () => {
  it('pages get the strict policy: own scripts only, no inline script, no eval, no framing', async () => {
    for (const url of ['/', '/dialogues/us-cn-ciwg/meetings/1']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assertCommonHeaders(res.headers, url);
      const csp = directives(res.headers['content-security-policy']);
      assert.deepEqual(csp.get('default-src'), ["'self'"]);
      assert.deepEqual(csp.get('script-src'), ["'self'"], 'scripts: files of this site only');
      assert.deepEqual(csp.get('script-src-attr'), ["'none'"], 'no inline event handlers');
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(csp.get('base-uri'), ["'self'"]);
      assert.deepEqual(csp.get('form-action'), ["'self'"]);
      assert.deepEqual(csp.get('img-src'), ["'self'", 'data:']);
      const styles = csp.get('style-src') ?? [];
      assert.equal(styles[0], "'self'");
      // Beyond this site's style sheets, only the readout preview's one style sheet, by its hash.
      assert.ok(
        styles.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)),
        `style-src ${styles.join(' ')}`,
      );
      for (const values of csp.values()) {
        for (const v of values) assert.ok(!/unsafe|\*/.test(v), `nothing unsafe and no wildcard: ${v}`);
      }
    }
  });

  it('API answers carry the same headers', async () => {
    for (const url of ['/api/v1/dialogues', '/api/v1/issues/not-a-uuid', '/api/v1/nowhere', '/healthz']) {
      const res = await app.inject({ method: 'GET', url });
      assertCommonHeaders(res.headers, url);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, url);
    }
  });

  it('the API documentation keeps working: scripts from files only, inline styles allowed', async () => {
    for (const url of ['/api/docs/static/swagger-ui.css', '/api/docs/json']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assertCommonHeaders(res.headers, url);
    }
    // The page itself (a policy on a style sheet or a JSON document changes nothing).
    for (const url of ['/api/docs', '/api/docs/']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assertCommonHeaders(res.headers, url);
      const csp = directives(res.headers['content-security-policy']);
      assert.deepEqual(csp.get('script-src'), ["'self'"], `${url}: script-src`);
      assert.deepEqual(csp.get('style-src'), ["'self'", "'unsafe-inline'"], `${url}: style-src`);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${url}: frame-ancestors`);
    }
  });

  it('a readout as an HTML page keeps its own, stricter policy', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/dialogues/us-cn-ciwg/meetings/1/readout?side=us&format=html',
    });
    assert.equal(res.statusCode, 200);
    const csp = directives(res.headers['content-security-policy']);
    assert.deepEqual(csp.get('default-src'), ["'none'"], 'no script, no external asset');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('sends Strict-Transport-Security over HTTPS, and only there', async (ctx) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-tls-'));
    try {
      const made = spawnSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ]),
        { stdio: 'ignore' },
      );
      if (made.status !== 0) {
        ctx.skip('openssl is not available to make a test certificate');
        return;
      }
      // The same app, behind a TLS socket.
      const server = https.createServer(
        { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
        (req, res) => app.routing(req, res),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
          https
            .get({ host: '127.0.0.1', port, path: '/api/v1/dialogues', rejectUnauthorized: false }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.headers));
            })
            .on('error', reject);
        });
        assert.equal(headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
        assert.equal(headers['x-content-type-options'], 'nosniff');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('secrets', () => {
  it('never writes a password to the logs, whatever happens to the request', async () => {
    const password = 'Tr0ub4dor&3-never-logged';
    await addUser(auth, SYSTEM_ACTOR, { email: 'logged@example.gov', side: 'us', role: 'admin', password });
    const signIn = (body: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    assert.equal((await signIn({ email: 'logged@example.gov', password })).statusCode, 204, 'signed in');
    assert.equal((await signIn({ email: 'logged@example.gov', password: `${password}-wrong` })).statusCode, 401);
    assert.equal((await signIn({ email: 'nobody@example.gov', password })).statusCode, 401);
    assert.equal((await signIn({ email: 'logged@example.gov', password, extra: password })).statusCode, 204);
    assert.equal((await signIn({ email: 42, password })).statusCode, 400, 'invalid input is refused');
    assert.equal((await signIn(`{"email":"x","password":"${password}"`)).statusCode, 400, 'broken JSON');
    const ok = await signIn({ email: 'logged@example.gov', password });
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    const csrf = (me.json() as { csrfToken: string }).csrfToken;
    // An administrator creates an account with a password.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'new@example.gov', side: 'us', role: 'analyst', password: `${password}-new` },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.ok(!created.body.includes(password), 'the answer holds no password');

    assert.ok(log.length > 1000, 'the logger wrote');
    assert.match(log, /"url":"\/api\/v1\/session"/, 'the requests were logged');
    assert.ok(!log.includes(password), 'no password in the logs');
    const audit = await sql<{ row: string }>`select to_jsonb(a)::text as row from audit_log a`.execute(t.db);
    assert.ok(audit.rows.length > 0);
    assert.ok(!audit.rows.some((r) => r.row.includes(password)), 'no password in the audit trail');
  });

  it('shows an API token once: in the answer that creates it only', async () => {
    const { cookie, csrf } = await signInDemo(app, 'cn', 'analyst');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'shown once', scope: 'write' },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(created.statusCode, 201);
    const { token, id, prefix } = created.json() as { token: string; id: string; prefix: string };
    assert.match(token, /^prl_[\w-]{40,}$/);
    const secret = token.slice('prl_'.length);
    assert.ok(secret.startsWith(prefix) && prefix.length < secret.length / 4, 'the list shows a short prefix only');

    // Used, listed, revoked: the token appears nowhere again.
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode, 200);
    const lists = [
      await app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: { cookie } }),
      await app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: bearer }),
      await app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie } }),
    ];
    assert.ok(lists.every((l) => l.statusCode === 200));
    assert.ok(
      (lists[0]!.json() as { items: { id: string }[] }).items.some((i) => i.id === id),
      'the token is listed',
    );
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${id}`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(revoked.statusCode, 204);
    for (const l of lists) assert.ok(!l.body.includes(secret), 'never in a list');

    const audit = await sql<{ row: string }>`select to_jsonb(a)::text as row from audit_log a`.execute(t.db);
    assert.ok(
      audit.rows.some((r) => r.row.includes(id)),
      'the token’s creation and revocation are audited',
    );
    assert.ok(!audit.rows.some((r) => r.row.includes(secret)), 'never in the audit trail');
    const stored = await sql<{ row: string }>`select to_jsonb(t)::text as row from api_tokens t`.execute(t.db);
    assert.ok(!stored.rows.some((r) => r.row.includes(secret)), 'stored as a hash only');
    assert.ok(!log.includes(secret), 'never in the logs');
  });
});
