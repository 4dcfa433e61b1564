/**
 * Signing in through the organisation's identity provider. The provider
 * vouches for an e-mail address; Parley only lets in the account an
 * administrator created for that address, and never creates one, since an
 * account carries a side and a role that only an administrator may grant.
 */
import type { SsoError } from '../../shared/sso.js';
import { startSession, type AuthDeps, type SignInResult } from './auth.service.js';

/** What the provider said about the person, after the ID token was verified. */
export interface SsoIdentity {
  subject: string;
  email?: string;
  /** Undefined when the provider does not say; false refuses the sign-in. */
  emailVerified?: boolean;
}

export type SsoOutcome = { ok: true; result: SignInResult } | { ok: false; error: SsoError; reason: string };

export async function ssoSignIn(
  deps: AuthDeps,
  identity: SsoIdentity,
  context: { address?: string; userAgent?: string; requestId?: string },
): Promise<SsoOutcome> {
  const email = identity.email?.trim();
  if (!email) return { ok: false, error: 'sso-failed', reason: `the provider gave no e-mail for ${identity.subject}` };
  // An unverified address could have been typed by anyone at the provider: matching on it would hand them the account.
  if (identity.emailVerified === false) {
    return { ok: false, error: 'sso-failed', reason: `the provider has not verified ${email}` };
  }
  const user = await deps.users.byEmail(email);
  if (!user) return { ok: false, error: 'no-account', reason: `no account for ${email}` };
  if (user.disabled) return { ok: false, error: 'account-disabled', reason: `the account of ${email} is disabled` };
  return { ok: true, result: await startSession(deps, user, 'oidc', context) };
}
