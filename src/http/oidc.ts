/**
 * The OpenID Connect relying party: the authorization request (PKCE, state,
 * nonce) and, on the way back, the code exchange and the checks of the ID
 * token. What must survive between the two requests travels in the login
 * cookie (see oidc.routes.ts), never in this process's memory, since another
 * process on the same database may receive the callback. Only the provider's
 * discovery document is cached here, which any process can fetch again.
 */
import * as client from 'openid-client';
import { isLoopback } from '../config.js';
import type { SsoIdentity } from '../domain/auth/sso.service.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL as registered at the provider: `${PARLEY_PUBLIC_URL}/api/v1/auth/oidc/callback`. */
  redirectUri: string;
}

/** The per-login secrets that go out with the authorization request and must come back with the callback. */
export interface OidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcClient {
  /** Fresh secrets and the provider URL to send the browser to. */
  begin(): Promise<{ login: OidcLogin; url: URL }>;
  /** Exchanges the code of `callbackQuery` and returns who the verified ID token (and UserInfo) say this is. */
  finish(callbackQuery: string, login: OidcLogin): Promise<SsoIdentity>;
}

// Long enough to spare the provider a request per sign-in, short enough to pick up a change of its endpoints.
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

export function createOidcClient(settings: OidcSettings): OidcClient {
  const issuer = new URL(settings.issuer);
  // openid-client insists on HTTPS; config.ts accepts plain HTTP only for a provider on this machine (tests, trials).
  const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
  let cached: { at: number; configuration: Promise<client.Configuration> } | undefined;

  async function discover(): Promise<client.Configuration> {
    const found = await client.discovery(issuer, settings.clientId, undefined, client.None(), {
      execute: insecure ? [client.allowInsecureRequests] : [],
    });
    const server = found.serverMetadata();
    // client_secret_basic is the standard's default; use the body only for a provider that does not take it.
    const methods = server.token_endpoint_auth_methods_supported;
    const auth =
      !methods || methods.includes('client_secret_basic')
        ? client.ClientSecretBasic(settings.clientSecret)
        : client.ClientSecretPost(settings.clientSecret);
    const configuration = new client.Configuration(server, settings.clientId, settings.clientSecret, auth);
    if (insecure) client.allowInsecureRequests(configuration);
    // Also check the ID token's signature against the provider's keys, not only the TLS channel it came over.
    client.enableNonRepudiationChecks(configuration);
    return configuration;
  }

  function configuration(): Promise<client.Configuration> {
    if (!cached || Date.now() - cached.at > DISCOVERY_TTL_MS) {
      const entry = { at: Date.now(), configuration: discover() };
      // A failed discovery is not cached: the next sign-in tries again.
      entry.configuration.catch(() => {
        if (cached === entry) cached = undefined;
      });
      cached = entry;
    }
    return cached.configuration;
  }

  return {
    async begin() {
      const config = await configuration();
      const login: OidcLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        // Only what matching needs: the e-mail and whether the provider verified it.
        scope: 'openid email',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
        code_challenge_method: 'S256',
        state: login.state,
        nonce: login.nonce,
      });
      return { login, url };
    },

    async finish(callbackQuery, login) {
      const config = await configuration();
      // The URL the provider sent the browser to, rebuilt on the registered redirect URI rather than on this
      // request's Host header, which a proxy may have changed: the token request must repeat it exactly.
      const current = new URL(settings.redirectUri);
      current.search = callbackQuery;
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider returned no ID token');
      let email: unknown = claims.email;
      let verified: unknown = claims.email_verified;
      // Some providers put the e-mail only in UserInfo; its subject must be the ID token's.
      if (email === undefined && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        email = info.email;
        verified = info.email_verified;
      }
      return {
        subject: claims.sub,
        email: typeof email === 'string' ? email : undefined,
        // Some providers send the flag as a string.
        emailVerified: verified === undefined ? undefined : verified === true || verified === 'true',
      };
    },
  };
}
