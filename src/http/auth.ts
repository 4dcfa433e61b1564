/**
 * Who is calling: an API token (Authorization: Bearer), a session cookie, or
 * nobody (the public). Cookie-authenticated writes must also carry the
 * session's CSRF token in `x-csrf-token`; token-authenticated ones need not,
 * since a browser never adds an Authorization header on its own.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/audit/audit.js';
import { sessionPrincipal, tokenPrincipal, type AuthDeps } from '../domain/auth/auth.service.js';
import type { SessionRecord } from '../domain/auth/auth.ports.js';
import { may, viewerFor, type Action, type Principal } from '../domain/auth/roles.js';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { Viewer } from '../domain/access/viewer.js';
import { sendError } from './error-handler.js';

export const SESSION_COOKIE = 'parley_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    session?: SessionRecord;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that need no CSRF token: signing in (there is no session yet). */
const CSRF_EXEMPT = new Set(['/api/v1/session', '/api/v1/demo/session']);

export async function registerAuth(app: FastifyInstance, deps: AuthDeps) {
  await app.register(cookie);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('session', undefined);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = m ? await tokenPrincipal(deps, m[1]!) : undefined;
      if (!principal) {
        return sendError(reply, 401, 'unauthenticated', 'The API token is not valid, or it was revoked.');
      }
      request.principal = principal;
      return;
    }
    const raw = request.cookies[SESSION_COOKIE];
    if (raw) {
      const found = await sessionPrincipal(deps, raw);
      if (found) {
        request.principal = found.principal;
        request.session = found.session;
      }
    }
    const path = request.url.split('?')[0] ?? '';
    if (UNSAFE.has(request.method) && request.session && !CSRF_EXEMPT.has(path)) {
      if (request.headers['x-csrf-token'] !== request.session.csrfToken) {
        return sendError(
          reply,
          403,
          'csrf-failed',
          'This request lacks the CSRF token of your session (x-csrf-token); reload the page and try again.',
        );
      }
    }
  });
}

export function viewerOf(request: FastifyRequest): Viewer {
  return viewerFor(request.principal);
}

/** The signed-in principal, or a 401. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}

/** The principal if it may do `action`; 401 when nobody is signed in, 403 otherwise. */
export function authorize(request: FastifyRequest, action: Action): Principal {
  const principal = requirePrincipal(request);
  if (!may(principal, action)) {
    throw new ForbiddenError(
      principal.scope !== 'write'
        ? 'This API token is read-only.'
        : `Your role (${principal.user.role}) may not do this (${action}).`,
    );
  }
  return principal;
}

/** How the audit trail names the caller of a request. */
export function actorOf(request: FastifyRequest): Actor {
  const p = request.principal;
  return p
    ? { userId: p.user.id, label: p.user.email, requestId: request.id }
    : { label: 'public', requestId: request.id };
}
