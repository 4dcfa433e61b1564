/** The CLI acts for the installation: as a lead of the side it is told to act for, audited as "cli". */
import { SYSTEM_ACTOR } from '../../domain/audit/audit.js';
import type { Principal } from '../../domain/auth/roles.js';

export const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };

export function cliPrincipal(side: string): Principal {
  return {
    user: {
      id: '00000000-0000-0000-0000-000000000000',
      email: 'cli',
      side,
      role: 'lead',
      disabled: false,
      version: 1,
      createdAt: new Date(0).toISOString(),
    },
    via: 'token',
    scope: 'write',
  };
}

export const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
