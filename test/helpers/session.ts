/**
 * Signing in as a demo user and sending requests as them, through
 * `app.inject`: the cookie of a demo session and its CSRF token.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { demoEmail } from '../../src/demo/demo-users.js';

/** A signed-in caller: the session cookie (`name=value`) and its CSRF token. */
export interface Caller {
  cookie: string;
  csrf: string;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Signs in as the demo user of that side and role (`POST /api/v1/demo/session`), then reads the CSRF token. */
export async function signInDemo(app: FastifyInstance, side: string, role: string): Promise<Caller> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/demo/session',
    payload: { email: demoEmail(side, role) },
  });
  assert.equal(res.statusCode, 204, res.body);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  return { cookie, csrf: (me.json() as { csrfToken: string }).csrfToken };
}

/**
 * A sign-in that happens once per side and role: later calls give the same
 * caller. `app` may be a function, for files whose app is made in `before`.
 */
export function callers(
  app: FastifyInstance | (() => FastifyInstance),
): (side: string, role: string) => Promise<Caller> {
  const signedIn = new Map<string, Caller>();
  return async (side, role) => {
    const key = `${side}\u0000${role}`;
    let c = signedIn.get(key);
    if (!c) {
      c = await signInDemo(typeof app === 'function' ? app() : app, side, role);
      signedIn.set(key, c);
    }
    return c;
  };
}

/** The headers that make a request come from `c`: none for the public. */
export function authHeaders(c: Caller | undefined): Record<string, string> {
  return c ? { cookie: c.cookie, 'x-csrf-token': c.csrf } : {};
}

/** `app.inject` as `c` (undefined: the public); `headers` are added last, so they may override. */
export function inject(
  app: FastifyInstance,
  c: Caller | undefined,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { ...authHeaders(c), ...headers },
  });
}
