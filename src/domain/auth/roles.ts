/**
 * Roles and what each may do. Every role belongs to one side; anyone not
 * signed in is the public. The table below is the one place that says who may
 * write what; routes ask it, tests are generated from it.
 */
import { PUBLIC_VIEWER, sideViewer, type Viewer } from '../access/viewer.js';

export const ROLES = ['admin', 'lead', 'analyst', 'public-affairs', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'issue.create',
  'issue.update',
  'meeting.create',
  'meeting.update',
  'account.write',
  'outcome.write',
  'bundle.import',
  'user.manage',
  'readout.draft',
  'readout.approve',
  'readout.publish',
  'report.triage',
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = Object.freeze({
  'issue.create': ['lead', 'analyst'],
  'issue.update': ['lead', 'analyst'],
  'meeting.create': ['lead'],
  'meeting.update': ['lead'],
  'account.write': ['lead', 'analyst'],
  'outcome.write': ['lead', 'analyst'],
  'bundle.import': ['admin', 'lead'],
  'user.manage': ['admin'],
  'readout.draft': ['lead', 'public-affairs'],
  'readout.approve': ['lead'],
  'readout.publish': ['public-affairs'],
  'report.triage': ['lead', 'analyst'],
});

export interface User {
  id: string;
  email: string;
  displayName?: string;
  side: string;
  role: Role;
  disabled: boolean;
  version: number;
  createdAt: string;
}

/** A signed-in caller: the user, how they came in, and what the credential allows. */
export interface Principal {
  user: User;
  via: 'session' | 'token';
  /** API tokens are scoped; a session may do what the role may. */
  scope: 'read' | 'write';
}

/**
 * What a principal may see. Staff see their side's records and what is shared
 * with it; a reporter is a company, not a delegation, and sees what the public
 * sees (and, later, its own reports).
 */
export function viewerFor(principal: Principal | undefined): Viewer {
  if (!principal || principal.user.disabled) return PUBLIC_VIEWER;
  if (principal.user.role === 'reporter') return PUBLIC_VIEWER;
  return sideViewer(principal.user.side);
}

export function may(principal: Principal | undefined, action: Action): boolean {
  if (!principal || principal.user.disabled || principal.scope !== 'write') return false;
  return PERMISSIONS[action].includes(principal.user.role);
}
