/**
 * One demo user per role and side, so that the demo can be explored from every
 * seat. They have no password: on a demo installation (and only there) the
 * sign-in page offers them with a one-click sign-in.
 */
import { SYSTEM_ACTOR } from '../domain/audit/audit.js';
import { addUser, type AuthDeps } from '../domain/auth/auth.service.js';
import { ROLES } from '../domain/auth/roles.js';

export const DEMO_SIDES = ['us', 'cn'] as const;
export const DEMO_SETTING = 'demo';

export function demoEmail(side: string, role: string): string {
  return `${side}-${role}@demo.parley.invalid`;
}

const NAMES: Record<string, string> = { us: 'U.S.', cn: 'China' };

/** Creates the demo users (once) and marks the installation as a demo. */
export async function createDemoUsers(deps: AuthDeps): Promise<number> {
  let created = 0;
  for (const side of DEMO_SIDES) {
    for (const role of ROLES) {
      const email = demoEmail(side, role);
      if (await deps.users.byEmail(email)) continue;
      await addUser(deps, SYSTEM_ACTOR, { email, side, role, displayName: `${NAMES[side]} ${role} (demo)` });
      created++;
    }
  }
  await deps.users.setSetting(DEMO_SETTING, true, SYSTEM_ACTOR);
  return created;
}
