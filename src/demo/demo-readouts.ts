/**
 * The demo's published readout: the U.S. readout of the inaugural meeting, in
 * English, drafted from the record, approved and published by the
 * installation itself (the system actor), so that a demo shows a published
 * readout on the meeting page, in the public register and in its Atom feed.
 */
import { SYSTEM_VIEWER } from '../domain/access/viewer.js';
import { SYSTEM_ACTOR } from '../domain/audit/audit.js';
import type { Store } from '../domain/ports.js';
import { generateReadout } from '../domain/readouts/readout.service.js';
import type { StoredReadout } from '../domain/readouts/readout.workflow.ports.js';
import { DEMO_DIALOGUE_KEY } from './demo.js';

export const DEMO_READOUT = { dialogue: DEMO_DIALOGUE_KEY, meeting: 1, side: 'us', lang: 'en' } as const;

/** Publishes the demo readout once; returns it (the one already published, if any). */
export async function publishDemoReadout(store: Store): Promise<StoredReadout> {
  const { dialogue, meeting, side, lang } = DEMO_READOUT;
  const existing = (await store.readouts.list(SYSTEM_VIEWER, dialogue, meeting)).find(
    (r) => r.side === side && r.lang === lang && r.state === 'published',
  );
  if (existing) return existing;
  const working = await store.readouts.working(dialogue, meeting, side, lang);
  const fingerprint = await store.readouts.fingerprint(dialogue, meeting, side);
  const draft =
    working ??
    (await store.readouts.create(
      {
        dialogue,
        meeting,
        side,
        lang,
        model: await generateReadout(store, SYSTEM_VIEWER, dialogue, meeting, side, lang),
        fingerprint,
        ownerSide: side,
        visibility: 'internal',
      },
      SYSTEM_ACTOR,
    ));
  const approved = (await store.readouts.change(draft.id, undefined, { kind: 'approve', fingerprint }, SYSTEM_ACTOR))!;
  return (await store.readouts.change(approved.id, undefined, { kind: 'publish' }, SYSTEM_ACTOR))!;
}
