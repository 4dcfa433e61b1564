/**
 * Single sign-on (OpenID Connect) as the web app sees it: whether it is
 * offered, the codes of a refused attempt (the `error` of the redirect to
 * `/sign-in?error=…`), and which return paths are safe to go back to.
 */
import { z } from 'zod';

export const SSO_ERRORS = ['sso-failed', 'no-account', 'account-disabled'] as const;
export type SsoError = (typeof SSO_ERRORS)[number];

export const OidcStatus = z
  .object({ enabled: z.boolean().describe('Whether this installation offers single sign-on') })
  .meta({ id: 'OidcStatus' });
export type OidcStatusT = z.infer<typeof OidcStatus>;

/** Where signing in starts, with the page to come back to. */
export const OIDC_START_PATH = '/api/v1/auth/oidc/start';

/**
 * `value` if it is a path on this site, else `/`. Only a single leading slash
 * is accepted: `//host` and `/\host` are other sites to a browser, and a
 * scheme or a control character has no place in a return path.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value[1] === '/' || value.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://parley.invalid';
  const url = new URL(value, base);
  return url.origin === base ? value : '/';
}
