/**
 * Generating a readout from the records on file. The records are read through
 * the viewer, so a readout never says more than the one asking may see: a
 * raising of an issue the viewer may not see is left out, and an account the
 * viewer may not see counts as absent.
 */
import type { Viewer } from '../access/viewer.js';
import { NotFoundError } from '../errors.js';
import type { Store } from '../ports.js';
import type { Issue } from '../records.js';
import { buildReadout } from './readout.builder.js';
import type { ReadoutDocument, ReadoutLanguage } from './readout.model.js';

export type ReadoutDeps = Pick<Store, 'dialogues' | 'meetings' | 'issues'>;

/**
 * One side's readout (or, with side `joint`, the joint statement) of meeting
 * `meetingNumber` of a dialogue, in one language, as a document model.
 *
 * @throws NotFoundError for an unknown (or unseen) dialogue, meeting or side.
 * @throws ConflictError `no-account` when that side has no account of the meeting.
 */
export async function generateReadout(
  deps: ReadoutDeps,
  viewer: Viewer,
  dialogueKey: string,
  meetingNumber: number,
  side: string,
  lang: ReadoutLanguage,
): Promise<ReadoutDocument> {
  const dialogue = await deps.dialogues.get(viewer, dialogueKey);
  if (!dialogue) throw new NotFoundError('dialogue', dialogueKey);
  const meeting = await deps.meetings.get(viewer, dialogueKey, meetingNumber);
  if (!meeting) throw new NotFoundError('meeting', `${dialogueKey}/${meetingNumber}`);
  const accounts = await deps.meetings.accounts(viewer, dialogueKey, meetingNumber);
  const keys = [...new Set(accounts.flatMap((a) => a.raised.map((r) => r.issue)))];
  const issues = (await Promise.all(keys.map((key) => deps.issues.get(viewer, dialogueKey, key)))).filter(
    (i): i is Issue => i !== undefined,
  );
  return buildReadout({ dialogue, meeting, accounts, issues }, { side, lang });
}
