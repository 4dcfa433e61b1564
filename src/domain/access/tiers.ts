/**
 * The effective tier of a record seen together with everything it hangs from
 * (its dialogue, an account's meeting, an outcome's account and meeting…).
 *
 * A viewer may open a record only if it may see every link of that chain
 * (`canSee` on each). The search index stores that conjunction as one value,
 * so that a query filters on one row instead of joining the chain; the
 * property test in tiers.test.ts holds `seesTier(combineTiers(chain))` equal
 * to `chain.every(canSee)` for every viewer.
 */
import type { Visibility } from '../vocabulary.js';
import { canSee, type Viewer } from './viewer.js';

/**
 * - `public`: anyone;
 * - `shared`: the delegations of the dialogue's sides;
 * - `internal`: the `owner` side only (when it is a side of the dialogue);
 * - `none`: no one but the installation itself (two links internal to
 *   different sides, or an internal record without an owner).
 */
export type EffectiveTier =
  | { tier: 'public'; owner: null }
  | { tier: 'shared'; owner: null }
  | { tier: 'internal'; owner: string }
  | { tier: 'none'; owner: null };

export interface TierLink {
  visibility: Visibility;
  ownerSide: string | null;
}

export const PUBLIC_TIER: EffectiveTier = Object.freeze({ tier: 'public', owner: null });

/** The tier that lets in exactly the viewers who may see every link of `chain`. */
export function combineTiers(chain: readonly TierLink[]): EffectiveTier {
  let shared = false;
  let owner: string | undefined;
  for (const link of chain) {
    if (link.visibility === 'public') continue;
    if (link.visibility === 'shared') {
      shared = true;
      continue;
    }
    if (link.ownerSide === null || (owner !== undefined && owner !== link.ownerSide)) {
      return { tier: 'none', owner: null };
    }
    owner = link.ownerSide;
  }
  if (owner !== undefined) return { tier: 'internal', owner };
  return shared ? { tier: 'shared', owner: null } : PUBLIC_TIER;
}

/** Whether `viewer` may see a record of effective tier `t` in a dialogue between `dialogueSides`. */
export function seesTier(viewer: Viewer, t: EffectiveTier, dialogueSides: readonly string[]): boolean {
  if (viewer.kind === 'system') return true;
  if (t.tier === 'none') return false;
  return canSee(viewer, { visibility: t.tier, ownerSide: t.owner }, dialogueSides);
}

/**
 * Whether everyone who may see a record of tier `inner` may also see one of
 * tier `outer` in the same dialogue. A record's search text and facets take
 * from a related record (an account from the issues it raises, an issue from
 * the meetings it was raised at) only what `covers` allows, so that a hit
 * never tells of something its finder may not see.
 */
export function covers(outer: EffectiveTier, inner: EffectiveTier): boolean {
  if (outer.tier === 'public' || inner.tier === 'none') return true;
  if (outer.tier === 'none') return false;
  if (outer.tier === 'shared') return inner.tier === 'shared' || inner.tier === 'internal';
  return inner.tier === 'internal' && inner.owner === outer.owner;
}
