/**
 * Who is asking. Every read goes through the access layer with a viewer, and
 * the three tiers of PRODUCT.md decide what it returns:
 * - public: anyone, signed in or not;
 * - shared: the delegations of the dialogue's sides;
 * - internal: the owner side only.
 * The operator at the console (CLI on the installation itself) is `system`.
 */
import type { Visibility } from '../vocabulary.js';

export type Viewer = { kind: 'public' } | { kind: 'side'; side: string } | { kind: 'system' };

export const PUBLIC_VIEWER: Viewer = Object.freeze({ kind: 'public' });
export const SYSTEM_VIEWER: Viewer = Object.freeze({ kind: 'system' });

export function sideViewer(side: string): Viewer {
  return { kind: 'side', side };
}

/**
 * The rule itself, for records already in memory (the SQL filter in
 * storage/access.ts encodes the same rule for queries; tests hold them equal).
 */
export function canSee(
  viewer: Viewer,
  record: { visibility: Visibility; ownerSide: string | null },
  dialogueSides: readonly string[],
): boolean {
  if (viewer.kind === 'system') return true;
  if (record.visibility === 'public') return true;
  if (viewer.kind === 'public') return false;
  if (!dialogueSides.includes(viewer.side)) return false;
  if (record.visibility === 'shared') return true;
  return record.ownerSide === viewer.side;
}
