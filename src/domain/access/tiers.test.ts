/**
 * The search index stores one effective tier per record in place of the chain
 * of tiers it hangs from: the two must let in exactly the same viewers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Visibility } from '../vocabulary.js';
import { combineTiers, covers, seesTier, type TierLink } from './tiers.js';
import { canSee, PUBLIC_VIEWER, SYSTEM_VIEWER, sideViewer, type Viewer } from './viewer.js';

const SIDES = ['us', 'cn'];
const VIEWERS: Viewer[] = [PUBLIC_VIEWER, SYSTEM_VIEWER, sideViewer('us'), sideViewer('cn'), sideViewer('eu')];

const link: fc.Arbitrary<TierLink> = fc.record({
  visibility: fc.constantFrom<Visibility>('public', 'shared', 'internal'),
  ownerSide: fc.constantFrom<string | null>(null, 'us', 'cn', 'eu'),
});
const chain = fc.array(link, { minLength: 1, maxLength: 4 });

describe('effective tiers', () => {
  it('a viewer sees the combined tier exactly when it sees every link of the chain', () => {
    fc.assert(
      fc.property(chain, (links) => {
        const t = combineTiers(links);
        for (const v of VIEWERS) {
          assert.equal(
            seesTier(v, t, SIDES),
            links.every((l) => canSee(v, l, SIDES)),
            `${JSON.stringify(v)} ${JSON.stringify(links)} → ${JSON.stringify(t)}`,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('covers(outer, inner): whoever sees inner sees outer', () => {
    fc.assert(
      fc.property(chain, chain, (a, b) => {
        const outer = combineTiers(a);
        const inner = combineTiers(b);
        if (!covers(outer, inner)) return;
        for (const v of VIEWERS) {
          if (seesTier(v, inner, SIDES)) assert.ok(seesTier(v, outer, SIDES), `${JSON.stringify([v, a, b])}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('covers is not stricter than it must be among the dialogue’s sides', () => {
    const t = (visibility: Visibility, ownerSide: string | null = null) => combineTiers([{ visibility, ownerSide }]);
    assert.ok(covers(t('public'), t('shared')));
    assert.ok(covers(t('shared'), t('internal', 'us')));
    assert.ok(covers(t('internal', 'us'), t('internal', 'us')));
    assert.ok(!covers(t('internal', 'us'), t('internal', 'cn')));
    assert.ok(!covers(t('shared'), t('public')));
    assert.ok(!covers(t('internal', 'us'), t('shared')));
    assert.deepEqual(
      combineTiers([
        { visibility: 'internal', ownerSide: 'us' },
        { visibility: 'internal', ownerSide: 'cn' },
      ]),
      { tier: 'none', owner: null },
    );
  });
});
