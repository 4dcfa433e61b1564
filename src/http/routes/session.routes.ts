/** Signing in and out, the caller's own account, sessions and API tokens, and demo sign-in. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createApiToken,
  signIn,
  startSession,
  SESSION_HOURS,
  type SignInResult,
} from '../../domain/auth/auth.service.js';
import { ACTIONS, ROLES, may } from '../../domain/auth/roles.js';
import { NotFoundError } from '../../domain/errors.js';
import { ErrorBody } from '../../shared/api.js';
import { DEMO_SETTING } from '../../demo/demo-users.js';
import type { AppDeps } from '../app.js';
import { actorOf, requirePrincipal, SESSION_COOKIE } from '../auth.js';

const UserBody = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string().optional(),
    side: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const Me = z
  .object({
    user: UserBody,
    via: z.enum(['session', 'token']),
    scope: z.enum(['read', 'write']),
    csrfToken: z.string().optional().describe('Send as x-csrf-token on cookie-authenticated writes'),
    permissions: z.array(z.enum(ACTIONS)),
  })
  .meta({ id: 'Me' });

const Session = z.object({
  id: z.uuid(),
  method: z.enum(['password', 'oidc', 'demo']),
  userAgent: z.string().optional(),
  address: z.string().optional(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});

const Token = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(['read', 'write']),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** Sets the session cookie: HTTP-only, SameSite=Lax, Secure when served over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, result: SignInResult) {
  reply.setCookie(SESSION_COOKIE, result.sessionToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });
}

export const sessionRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Sign in with e-mail and password; sets the session cookie',
          body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }),
          response: { 204: z.undefined(), ...errors },
        },
      },
      async (request, reply) => {
        const result = await signIn(deps.auth, {
          email: request.body.email,
          password: request.body.password,
          address: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
        });
        // A fresh session id at every sign-in: an id planted before sign-in is worth nothing.
        if (request.session) await deps.auth.users.endSession(request.session.id, actorOf(request));
        setSessionCookie(request, reply, result);
        return reply.code(204).send();
      },
    );

    app.delete(
      '/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Sign out; with ?everywhere=true, end every session of the account',
          querystring: z.object({ everywhere: z.enum(['true', 'false']).optional() }),
          response: { 204: z.undefined(), ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (request.query.everywhere === 'true')
          await deps.auth.users.endAllSessions(principal.user.id, actorOf(request));
        else if (request.session) await deps.auth.users.endSession(request.session.id, actorOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/me',
      { schema: { tags: ['session'], summary: 'The signed-in caller', response: { 200: Me, ...errors } } },
      async (request) => {
        const p = requirePrincipal(request);
        return {
          user: p.user,
          via: p.via,
          scope: p.scope,
          csrfToken: request.session?.csrfToken,
          permissions: ACTIONS.filter((a) => may(p, a)),
        };
      },
    );

    app.get(
      '/me/sessions',
      {
        schema: {
          tags: ['session'],
          summary: 'My live sessions',
          response: { 200: z.object({ items: z.array(Session) }), ...errors },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const sessions = await deps.auth.users.sessionsOf(p.user.id);
        return { items: sessions.map((s) => ({ ...s, current: s.id === request.session?.id })) };
      },
    );

    app.get(
      '/me/tokens',
      {
        schema: {
          tags: ['session'],
          summary: 'My API tokens (never the secrets)',
          response: { 200: z.object({ items: z.array(Token) }), ...errors },
        },
      },
      async (request) => ({ items: await deps.auth.users.tokensOf(requirePrincipal(request).user.id) }),
    );

    app.post(
      '/me/tokens',
      {
        schema: {
          tags: ['session'],
          summary: 'Create an API token; the token is in this answer only',
          body: z.object({ name: z.string().min(1).max(100), scope: z.enum(['read', 'write']) }),
          response: { 201: Token.extend({ token: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        if (p.via === 'token') throw new NotFoundError('route', 'tokens cannot create tokens');
        const { token, record } = await createApiToken(deps.auth, actorOf(request), p.user.id, request.body);
        return reply.code(201).send({ ...record, token });
      },
    );

    app.delete(
      '/me/tokens/:id',
      {
        schema: {
          tags: ['session'],
          summary: 'Revoke one of my API tokens',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.undefined(), ...errors },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const mine = (await deps.auth.users.tokensOf(p.user.id)).some((t) => t.id === request.params.id);
        if (!mine || !(await deps.auth.users.revokeToken(request.params.id, actorOf(request)))) {
          throw new NotFoundError('token', request.params.id);
        }
        return reply.code(204).send();
      },
    );

    // Demo installations only: the sign-in page lists one user per role and side.
    const DemoUser = z.object({
      email: z.string(),
      side: z.string(),
      role: z.enum(ROLES),
      displayName: z.string().optional(),
    });
    app.get(
      '/demo/users',
      {
        schema: {
          tags: ['session'],
          summary: 'On a demo installation, the demo users (404 elsewhere)',
          response: { 200: z.object({ items: z.array(DemoUser) }), ...errors },
        },
      },
      async () => {
        if (!(await deps.auth.users.getSetting<boolean>(DEMO_SETTING)))
          throw new NotFoundError('route', '/api/v1/demo/users');
        const users = await deps.auth.users.list();
        return { items: users.filter((u) => !u.disabled && u.email.endsWith('@demo.parley.invalid')) };
      },
    );

    app.post(
      '/demo/session',
      {
        schema: {
          tags: ['session'],
          summary: 'On a demo installation, sign in as a demo user with one click (404 elsewhere)',
          body: z.object({ email: z.string().min(1).max(320) }),
          response: { 204: z.undefined(), ...errors },
        },
      },
      async (request, reply) => {
        if (!(await deps.auth.users.getSetting<boolean>(DEMO_SETTING)))
          throw new NotFoundError('route', '/api/v1/demo/session');
        const user = await deps.auth.users.byEmail(request.body.email);
        if (!user || user.disabled || !user.email.endsWith('@demo.parley.invalid'))
          throw new NotFoundError('demo user', request.body.email);
        if (request.session) await deps.auth.users.endSession(request.session.id, actorOf(request));
        setSessionCookie(
          request,
          reply,
          await startSession(deps.auth, user, 'demo', {
            address: request.ip,
            userAgent: request.headers['user-agent'],
            requestId: request.id,
          }),
        );
        return reply.code(204).send();
      },
    );
  };
