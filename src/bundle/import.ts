/**
 * Imports a parley-dialogue/1 bundle: validates the whole document against the
 * spec and against what is already on file, then writes it in one transaction.
 * An invalid bundle writes nothing.
 */
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

/** Imports an already-parsed JSON document. Throws ValidationError listing every problem. */
export async function importBundle(store: Store, doc: unknown, actor: Actor = SYSTEM_ACTOR): Promise<ImportResult> {
  return store.transaction(async ({ bundles }) => {
    const key = dialogueKeyOf(doc);
    const existing = key ? await bundles.existingKeys(key) : undefined;
    const result = validateBundle(doc, existing);
    if (!result.ok) {
      throw new ValidationError(
        `The bundle is invalid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n${formatProblems(result.problems)}`,
        result.problems,
      );
    }
    const counts = await bundles.write(result.bundle, actor);
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
