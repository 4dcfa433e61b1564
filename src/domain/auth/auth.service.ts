/**
 * Sign-in, sessions, API tokens and accounts. Secrets are random, shown once,
 * and kept only as hashes; failed sign-ins are counted per account and per
 * address, and the answer is the same for an unknown e-mail and a wrong
 * password.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../audit/audit.js';
import {
  ConflictError,
  NotFoundError,
  SignInError,
  TooManyAttemptsError,
  ValidationError,
  type Problem,
} from '../errors.js';
import { KEY_PATTERN } from '../vocabulary.js';
import type { PasswordHasher, SessionRecord, TokenRecord, UserStore } from './auth.ports.js';
import { ROLES, type Principal, type Role, type User } from './roles.js';

export interface AuthDeps {
  users: UserStore;
  passwords: PasswordHasher;
  now?: () => Date;
}

export const SESSION_HOURS = 12;
export const FAILURE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MIN_PASSWORD_LENGTH = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** sha256 in hex: how session ids and tokens are kept. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

// A hash to verify against when the e-mail is unknown, so that both answers take as long.
let dummyHash: Promise<string> | undefined;

export interface SignInResult {
  user: User;
  session: SessionRecord;
  /** The cookie value: shown to the client once, kept only as a hash. */
  sessionToken: string;
}

/** Signs in with e-mail and password; throws SignInError or TooManyAttemptsError. */
export async function signIn(
  deps: AuthDeps,
  input: { email: string; password: string; address: string; userAgent?: string; requestId?: string },
): Promise<SignInResult> {
  const now = deps.now?.() ?? new Date();
  const since = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000);
  const failures = await deps.users.failuresSince(input.email, input.address, since);
  if (failures.byEmail >= MAX_FAILURES_PER_ACCOUNT || failures.byAddress >= MAX_FAILURES_PER_ADDRESS) {
    throw new TooManyAttemptsError(FAILURE_WINDOW_MINUTES * 60);
  }
  const user = await deps.users.byEmail(input.email);
  dummyHash ??= deps.passwords.hash(randomSecret());
  const ok = await deps.passwords.verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok || user.disabled || !user.passwordHash) {
    await deps.users.recordFailure(input.email, input.address);
    throw new SignInError();
  }
  return startSession(deps, user, 'password', input);
}

/** Opens a new session for a user who has proven who they are (password, OIDC, demo). */
export async function startSession(
  deps: AuthDeps,
  user: User,
  method: SessionRecord['method'],
  context: { address?: string; userAgent?: string; requestId?: string },
): Promise<SignInResult> {
  const now = deps.now?.() ?? new Date();
  const sessionToken = randomSecret();
  const session = await deps.users.createSession(
    {
      tokenHash: secretHash(sessionToken),
      userId: user.id,
      csrfToken: randomSecret(24),
      method,
      userAgent: context.userAgent?.slice(0, 300),
      address: context.address,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    },
    { userId: user.id, label: user.email, requestId: context.requestId },
  );
  return { user, session, sessionToken };
}

/** The principal behind a session cookie, if the session is live and the user enabled. */
export async function sessionPrincipal(
  deps: AuthDeps,
  sessionToken: string,
): Promise<{ principal: Principal; session: SessionRecord } | undefined> {
  const session = await deps.users.sessionByTokenHash(secretHash(sessionToken));
  if (!session) return undefined;
  const user = await deps.users.byId(session.userId);
  if (!user || user.disabled) return undefined;
  await deps.users.touchSession(session.id);
  return { principal: { user, via: 'session', scope: 'write' }, session };
}

export const TOKEN_PREFIX = 'prl_';

/** The principal behind a bearer token, if the token is live and the user enabled. */
export async function tokenPrincipal(deps: AuthDeps, bearer: string): Promise<Principal | undefined> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return undefined;
  const token = await deps.users.tokenByHash(secretHash(bearer));
  if (!token) return undefined;
  const user = await deps.users.byId(token.userId);
  if (!user || user.disabled) return undefined;
  await deps.users.touchToken(token.id);
  return { user, via: 'token', scope: token.scope };
}

/** Creates an API token for a user; the token itself is returned once and never stored. */
export async function createApiToken(
  deps: AuthDeps,
  actor: Actor,
  userId: string,
  input: { name: string; scope: 'read' | 'write' },
): Promise<{ token: string; record: TokenRecord }> {
  const problems: Problem[] = [];
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100)
    problems.push({ pointer: '/name', message: 'expected a name of 1 to 100 characters' });
  if (input.scope !== 'read' && input.scope !== 'write')
    problems.push({ pointer: '/scope', message: 'expected "read" or "write"' });
  if (problems.length) throw new ValidationError('The token request is invalid.', problems);
  const secret = randomSecret();
  const prefix = secret.slice(0, 8);
  const token = `${TOKEN_PREFIX}${secret}`;
  const record = await deps.users.createToken(
    { userId, name, tokenHash: secretHash(token), prefix, scope: input.scope },
    actor,
  );
  return { token, record };
}

/** Checks a new account; every problem named by field. */
export function checkNewUser(input: { email: string; side: string; role: string; password?: string }): Problem[] {
  const problems: Problem[] = [];
  if (!EMAIL.test(input.email))
    problems.push({ pointer: '/email', message: `"${input.email}" is not an e-mail address` });
  if (!KEY_PATTERN.test(input.side))
    problems.push({ pointer: '/side', message: `"${input.side}" is not a side key (like "us" or "cn")` });
  if (!(ROLES as readonly string[]).includes(input.role)) {
    problems.push({ pointer: '/role', message: `"${input.role}" is not a role (expected one of ${ROLES.join(', ')})` });
  }
  if (input.password !== undefined && [...input.password].length < MIN_PASSWORD_LENGTH) {
    problems.push({ pointer: '/password', message: `expected at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  return problems;
}

/** Adds an account. Without a password the user can sign in only through single sign-on. */
export async function addUser(
  deps: AuthDeps,
  actor: Actor,
  input: { email: string; side: string; role: string; password?: string; displayName?: string },
): Promise<User> {
  const problems = checkNewUser(input);
  if (problems.length)
    throw new ValidationError(
      `The account is invalid: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
      problems,
    );
  if (await deps.users.byEmail(input.email)) {
    throw new ConflictError('user-exists', `There is already an account for ${input.email}.`);
  }
  return deps.users.create(
    {
      email: input.email,
      side: input.side,
      role: input.role as Role,
      displayName: input.displayName,
      passwordHash: input.password === undefined ? undefined : await deps.passwords.hash(input.password),
    },
    actor,
  );
}

/** Disables an account: its sessions end and its tokens are revoked at once. */
export async function disableUser(deps: AuthDeps, actor: Actor, email: string): Promise<User> {
  const user = await deps.users.byEmail(email);
  if (!user) throw new NotFoundError('user', email);
  return deps.users.setDisabled(user.id, true, actor);
}
