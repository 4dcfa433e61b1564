/**
 * Shapes of the API's account, session, token, user and history answers, as
 * the web app reads them. The records themselves (issues, meetings…) are typed
 * from src/shared/api.ts; these are declared by their routes in src/http,
 * which the web app may not import, so they are restated here.
 */

export const ROLES = ['admin', 'lead', 'analyst', 'public-affairs', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do (GET /api/v1/me lists the caller's): every action of `domain/auth/roles.ts`. */
export type Permission =
  | 'issue.create'
  | 'issue.update'
  | 'meeting.create'
  | 'meeting.update'
  | 'account.write'
  | 'outcome.write'
  | 'bundle.import'
  | 'user.manage'
  | 'readout.draft'
  | 'readout.approve'
  | 'readout.publish'
  | 'report.triage';

export interface UserT {
  id: string;
  email: string;
  displayName?: string;
  side: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** GET /api/v1/me. */
export interface MeT {
  user: UserT;
  via: 'session' | 'token';
  scope: 'read' | 'write';
  /** Sent back as x-csrf-token on every write made with the session cookie. */
  csrfToken?: string;
  permissions: Permission[];
}

/** GET /api/v1/me/sessions. */
export interface SessionT {
  id: string;
  method: 'password' | 'oidc' | 'demo';
  userAgent?: string;
  address?: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export type TokenScope = 'read' | 'write';

/** GET /api/v1/me/tokens: never the secret itself. */
export interface TokenT {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/** POST /api/v1/me/tokens: the only answer that carries the token. */
export interface CreatedTokenT extends TokenT {
  token: string;
}

/** GET /api/v1/demo/users (demo installations only). */
export interface DemoUserT {
  email: string;
  side: string;
  role: Role;
  displayName?: string;
}

/** The record kinds whose history the API serves, as they appear in its URLs. */
export type HistoryKind = 'issues' | 'meetings' | 'accounts' | 'outcomes' | 'dialogues';

export interface FieldChangeT {
  field: string;
  before: unknown;
  after: unknown;
}

/** One entry of GET /api/v1/{kind}/{id}/history. */
export interface HistoryEntryT {
  position: number;
  at: string;
  actor: string;
  action: string;
  changes: FieldChangeT[] | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** The record was not visible to this user before the entry: its earlier state is withheld. */
  beforeWithheld?: true;
}
