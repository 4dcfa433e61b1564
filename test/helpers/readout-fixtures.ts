/**
 * Stored readouts for tests (access matrix, workflow): a fresh draft or
 * approved working copy of (meeting, side, language), or a published one,
 * made through the domain as the system actor.
 */
import { sql } from 'kysely';
import { SYSTEM_VIEWER } from '../../src/domain/access/viewer.js';
import { SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import type { ReadoutLanguage } from '../../src/domain/readouts/readout.model.js';
import { generateReadout } from '../../src/domain/readouts/readout.service.js';
import type { StoredReadout } from '../../src/domain/readouts/readout.workflow.ports.js';
import type { TestDatabase } from './db.js';

export interface ReadoutSpec {
  dialogue?: string;
  number: number;
  side: string;
  lang: ReadoutLanguage;
}

const key = (s: ReadoutSpec) => s.dialogue ?? 'us-cn-ciwg';

/** Removes the working copy (draft or approved) of the spec's readout, if any. */
export async function dropWorkingCopy(t: TestDatabase, s: ReadoutSpec): Promise<void> {
  await sql`delete from readouts where state <> 'published' and side_key = ${s.side} and lang = ${s.lang}
    and meeting_id = (select m.id from meetings m join dialogues d on d.id = m.dialogue_id
                      where d.key = ${key(s)} and m.number = ${s.number})`.execute(t.db);
}

/** A new working copy in `state`, replacing any other. */
export async function freshReadout(
  t: TestDatabase,
  s: ReadoutSpec,
  state: 'draft' | 'approved' = 'draft',
): Promise<StoredReadout> {
  await dropWorkingCopy(t, s);
  const model = await generateReadout(t.store, SYSTEM_VIEWER, key(s), s.number, s.side, s.lang);
  const joint = s.side === 'joint';
  const fingerprint = await t.store.readouts.fingerprint(key(s), s.number, joint ? null : s.side);
  let r = await t.store.readouts.create(
    {
      dialogue: key(s),
      meeting: s.number,
      side: s.side,
      lang: s.lang,
      model,
      fingerprint,
      ownerSide: joint ? null : s.side,
      visibility: joint ? 'shared' : 'internal',
    },
    SYSTEM_ACTOR,
  );
  if (state === 'approved') {
    r = (await t.store.readouts.change(r.id, undefined, { kind: 'approve', fingerprint }, SYSTEM_ACTOR))!;
  }
  return r;
}

/** The latest published version of the spec's readout, publishing one when there is none. */
export async function publishedReadout(t: TestDatabase, s: ReadoutSpec): Promise<StoredReadout> {
  const found = (await t.store.readouts.list(SYSTEM_VIEWER, key(s), s.number)).find(
    (r) => r.side === s.side && r.lang === s.lang && r.state === 'published',
  );
  if (found) return found;
  const approved = await freshReadout(t, s, 'approved');
  return (await t.store.readouts.change(approved.id, undefined, { kind: 'publish' }, SYSTEM_ACTOR))!;
}
