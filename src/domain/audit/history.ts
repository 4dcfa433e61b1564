/**
 * A record's history as one viewer may read it. The record is visible now,
 * but it may not always have been: an issue that one side kept internal and
 * later shared carries, in its trail, the wording of its internal days. Those
 * entries are the owning side's alone; the entry that shared the record shows
 * what it became, with what it was before withheld.
 */
import { canSee, type Viewer } from '../access/viewer.js';
import type { Visibility } from '../vocabulary.js';
import type { AuditEntry } from './audit.js';

export interface SeenEntry extends AuditEntry {
  /** The record was not visible to the viewer before this entry: its earlier state is left out. */
  beforeWithheld?: true;
}

const TIERS = new Set<string>(['internal', 'shared', 'public']);

/** The tier of a stored row (snake_case, as the audit trail keeps it), if it has one. */
function tierOf(row: unknown): { visibility: Visibility; ownerSide: string | null } | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  if (typeof r.visibility !== 'string' || !TIERS.has(r.visibility)) return undefined;
  const owner = r.owner_side ?? r.ownerSide;
  return { visibility: r.visibility as Visibility, ownerSide: typeof owner === 'string' ? owner : null };
}

export function historyAsSeenBy(
  viewer: Viewer,
  entries: readonly AuditEntry[],
  dialogueSides: readonly string[],
): SeenEntry[] {
  const out: SeenEntry[] = [];
  for (const e of entries) {
    const after =
      tierOf(e.after) ??
      (e.visibility && TIERS.has(e.visibility)
        ? { visibility: e.visibility as Visibility, ownerSide: e.ownerSide ?? null }
        : undefined);
    if (after && !canSee(viewer, after, dialogueSides)) continue;
    const before = tierOf(e.before);
    if (before && !canSee(viewer, before, dialogueSides)) {
      out.push({ ...e, before: null, changes: null, beforeWithheld: true });
    } else {
      out.push(e);
    }
  }
  return out;
}
