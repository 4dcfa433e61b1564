/**
 * Single sign-on with OpenID Connect: start sends the browser to the
 * organisation's provider, the callback signs in the account an administrator
 * created for the e-mail the provider vouches for. Refusals go back to the
 * sign-in page with a stable code (`/sign-in?error=…`, see shared/sso.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ssoSignIn, type SsoIdentity } from '../../domain/auth/sso.service.js';
import { NotFoundError } from '../../domain/errors.js';
import { ErrorBody } from '../../shared/api.js';
import { OidcStatus, safeReturnTo, type SsoError } from '../../shared/sso.js';
import type { AppDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { createOidcClient, type OidcClient, type OidcLogin } from '../oidc.js';
import { setSessionCookie } from './session.routes.js';

/**
 * One cookie per login attempt, named after its state, so that sign-ins
 * started in two tabs do not overwrite each other's secrets. HTTP-only, sent
 * only to the callback, and short-lived: the provider's page should not take
 * longer than this.
 */
const LOGIN_COOKIE_PREFIX = 'parley_oidc_';
const LOGIN_COOKIE_PATH = '/api/v1/auth/oidc';
const LOGIN_MINUTES = 10;
// randomState() gives 43 base64url characters; anything else cannot name one of our cookies.
const STATE = /^[A-Za-z0-9_-]{16,128}$/;

const LoginCookie = z.object({
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
});

const redirectOnly = {
  302: z.undefined().describe('A redirect (Location header)'),
  404: ErrorBody.describe('Single sign-on is not configured'),
};

export const oidcRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    let oidc: OidcClient | undefined;
    const client = (): OidcClient => {
      if (!deps.oidc) throw new NotFoundError('route', 'single sign-on (not configured)');
      oidc ??= createOidcClient(deps.oidc);
      return oidc;
    };

    const refuse = (request: FastifyRequest, reply: FastifyReply, error: SsoError, reason: unknown) => {
      request.log.warn({ reason: describeFailure(reason) }, `single sign-on refused: ${error}`);
      return reply.header('cache-control', 'no-store').redirect(`/sign-in?error=${error}`, 302);
    };

    app.get(
      '/auth/oidc',
      {
        schema: {
          tags: ['session'],
          summary: 'Whether single sign-on (OpenID Connect) is offered',
          response: { 200: OidcStatus },
        },
      },
      async () => ({ enabled: deps.oidc !== undefined }),
    );

    app.get(
      '/auth/oidc/start',
      {
        schema: {
          tags: ['session'],
          summary: "Sign in with the organisation's single sign-on: redirects to the identity provider",
          description:
            'Afterwards the browser comes back to `returnTo` when it is a path on this site, else to `/`; ' +
            'a refusal lands on `/sign-in?error=sso-failed|no-account|account-disabled`.',
          querystring: z.object({
            returnTo: z.string().optional().describe('A path on this site, such as /dialogues/us-cn-ciwg'),
          }),
          response: redirectOnly,
        },
      },
      async (request, reply) => {
        const oidc = client();
        let begun: Awaited<ReturnType<OidcClient['begin']>>;
        try {
          begun = await oidc.begin();
        } catch (err) {
          // The provider cannot be reached or its discovery document is unusable.
          return refuse(request, reply, 'sso-failed', err);
        }
        const { login, url } = begun;
        const value: z.infer<typeof LoginCookie> = {
          nonce: login.nonce,
          codeVerifier: login.codeVerifier,
          returnTo: safeReturnTo(request.query.returnTo),
        };
        reply.setCookie(LOGIN_COOKIE_PREFIX + login.state, Buffer.from(JSON.stringify(value)).toString('base64url'), {
          path: LOGIN_COOKIE_PATH,
          httpOnly: true,
          // Lax, not Strict: the callback is a top-level navigation from the provider's site.
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: LOGIN_MINUTES * 60,
        });
        return reply.header('cache-control', 'no-store').redirect(url.href, 302);
      },
    );

    app.get(
      '/auth/oidc/callback',
      {
        schema: {
          tags: ['session'],
          summary: 'Where the identity provider sends the browser back; sets the session cookie',
          description:
            'Exchanges the code (with the PKCE verifier), checks the state and the ID token (signature, ' +
            'audience, nonce), and signs in the account with the e-mail the provider vouches for. ' +
            'No account is ever created here.',
          querystring: z.looseObject({
            code: z.string().optional(),
            state: z.string().optional(),
            error: z.string().optional().describe('Set by the provider when it refused'),
          }),
          response: redirectOnly,
        },
      },
      async (request, reply) => {
        const oidc = client();
        const state = request.query.state;
        const cookieName = state && STATE.test(state) ? LOGIN_COOKIE_PREFIX + state : undefined;
        const raw = cookieName ? request.cookies[cookieName] : undefined;
        // Used or not, the login's secrets are spent.
        if (cookieName) reply.clearCookie(cookieName, { path: LOGIN_COOKIE_PATH });
        const parsed = raw ? parseLoginCookie(raw) : undefined;
        if (!state || !parsed) {
          return refuse(request, reply, 'sso-failed', 'no login in progress for this state (expired, or tampered)');
        }
        const login: OidcLogin = { state, nonce: parsed.nonce, codeVerifier: parsed.codeVerifier };

        let identity: SsoIdentity;
        try {
          const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
          identity = await oidc.finish(query, login);
        } catch (err) {
          return refuse(request, reply, 'sso-failed', err);
        }
        const outcome = await ssoSignIn(deps.auth, identity, {
          address: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
        });
        if (!outcome.ok) return refuse(request, reply, outcome.error, outcome.reason);

        // A fresh session id at every sign-in: an id planted before sign-in is worth nothing.
        if (request.session) await deps.auth.users.endSession(request.session.id, actorOf(request));
        setSessionCookie(request, reply, outcome.result);
        return reply.header('cache-control', 'no-store').redirect(safeReturnTo(parsed.returnTo), 302);
      },
    );
  };

function parseLoginCookie(raw: string): z.infer<typeof LoginCookie> | undefined {
  try {
    const parsed = LoginCookie.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A refusal's reason for the log: the chain of messages, with the provider's
 * error code when it sent one. Causes that are not errors (they can hold the
 * whole token) are left out.
 */
function describeFailure(reason: unknown): string {
  const parts: string[] = [];
  let current: unknown = reason;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const { error, error_description: description } = current as { error?: unknown; error_description?: unknown };
    parts.push(
      current.message +
        (typeof error === 'string' ? ` (${error}${typeof description === 'string' ? `: ${description}` : ''})` : ''),
    );
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(reason);
}
