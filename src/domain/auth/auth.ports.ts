/** What sign-in needs from storage and from the outside world. */
import type { Actor } from '../audit/audit.js';
import type { Role, User } from './roles.js';

export interface NewUser {
  email: string;
  displayName?: string;
  side: string;
  role: Role;
  passwordHash?: string;
}

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  method: 'password' | 'oidc' | 'demo';
  userAgent?: string;
  address?: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scope: 'read' | 'write';
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface UserStore {
  create(user: NewUser, actor: Actor): Promise<User>;
  byEmail(email: string): Promise<(User & { passwordHash?: string }) | undefined>;
  byId(id: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  setDisabled(id: string, disabled: boolean, actor: Actor): Promise<User>;
  /** Sessions */
  createSession(
    s: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      method: SessionRecord['method'];
      userAgent?: string;
      address?: string;
      expiresAt: Date;
    },
    actor: Actor,
  ): Promise<SessionRecord>;
  sessionByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(id: string): Promise<void>;
  endSession(id: string, actor: Actor): Promise<void>;
  endAllSessions(userId: string, actor: Actor): Promise<number>;
  sessionsOf(userId: string): Promise<SessionRecord[]>;
  /** API tokens */
  createToken(
    t: { userId: string; name: string; tokenHash: string; prefix: string; scope: 'read' | 'write' },
    actor: Actor,
  ): Promise<TokenRecord>;
  tokenByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  touchToken(id: string): Promise<void>;
  tokensOf(userId: string): Promise<TokenRecord[]>;
  revokeToken(id: string, actor: Actor): Promise<TokenRecord | undefined>;
  /** Failed sign-ins in the window, per e-mail and per address. */
  recordFailure(email: string, address: string): Promise<void>;
  failuresSince(email: string, address: string, since: Date): Promise<{ byEmail: number; byAddress: number }>;
  /** Installation settings */
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown, actor: Actor): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
