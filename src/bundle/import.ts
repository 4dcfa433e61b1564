/**
 * Imports a parley-dialogue/1 bundle: validates the whole document against the
 * spec and against what is already on file, then writes it in one transaction.
 * An invalid bundle writes nothing.
 */
import { SYSTEM_VIEWER, type Viewer } from '../domain/access/viewer.js';
import { hiddenCollisions, refuseHiddenCollisions, splitExisting, type Hidden } from '../domain/dialogues/hidden.js';
import { ValidationError } from '../domain/errors.js';
import type { ImportCounts, Store } from '../domain/ports.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { parseJson, validateBundle, formatProblems } from './validate.js';

export interface ImportResult extends ImportCounts {
  dialogue: string;
}

function dialogueKeyOf(doc: unknown): string | undefined {
  if (doc && typeof doc === 'object' && 'dialogue' in doc) {
    const d = (doc as { dialogue: unknown }).dialogue;
    if (d && typeof d === 'object' && 'key' in d && typeof (d as { key: unknown }).key === 'string') {
      return (d as { key: string }).key;
    }
  }
  return undefined;
}

/**
 * Imports an already-parsed JSON document. Throws ValidationError listing every problem.
 *
 * `viewer` is who imports: from the API, the caller's side. A dialogue on file
 * that it may not see is not found (404); validation runs against the records
 * it may see only; and a record it may not see is never changed (409).
 */
export async function importBundle(
  store: Store,
  doc: unknown,
  actor: Actor = SYSTEM_ACTOR,
  viewer: Viewer = SYSTEM_VIEWER,
): Promise<ImportResult> {
  return store.transaction(async (tx) => {
    const { bundles } = tx;
    const key = dialogueKeyOf(doc);
    let existing = key ? await bundles.existingKeys(key) : undefined;
    let hidden: Hidden | undefined;
    if (key && viewer.kind !== 'system' && (await tx.dialogues.get(SYSTEM_VIEWER, key))) {
      ({ visible: existing, hidden } = await splitExisting(tx, viewer, key, existing!));
    }
    const result = validateBundle(doc, existing);
    if (!result.ok) {
      throw new ValidationError(
        `The bundle is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n${formatProblems(result.problems)}`,
        result.problems,
      );
    }
    if (hidden) refuseHiddenCollisions(hiddenCollisions(result.bundle, hidden));
    const side = viewer.kind === 'side' ? viewer.side : undefined;
    const counts = await bundles.write(result.bundle, actor, side);
    return { dialogue: result.bundle.dialogue.key, ...counts };
  });
}

/** Imports bundle text (JSON). */
export async function importBundleText(store: Store, text: string, actor: Actor = SYSTEM_ACTOR): Promise<ImportResult> {
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new ValidationError(`The bundle is not valid JSON:\n${formatProblems(parsed.problems)}`, parsed.problems);
  return importBundle(store, parsed.value, actor);
}
