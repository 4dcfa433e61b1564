/** Assembles the repositories over one Kysely instance into the domain's Store. */
import type { Kysely } from 'kysely';
import type { Store } from '../domain/ports.js';
import type { Database } from './database.js';
import { createBundleStore } from './bundle.repository.js';
import { createDialogueRepository } from './dialogue.repository.js';
import { createIssueRepository } from './issue.repository.js';
import { createMeetingRepository } from './meeting.repository.js';

export function createStore(db: Kysely<Database>): Store {
  return {
    dialogues: createDialogueRepository(db),
    issues: createIssueRepository(db),
    meetings: createMeetingRepository(db),
    bundles: createBundleStore(db),
    transaction: (fn) => db.transaction().execute((tx) => fn({ bundles: createBundleStore(tx) })),
  };
}
