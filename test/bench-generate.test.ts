/**
 * The benchmark generator must produce bundles Parley accepts, or the
 * benchmarks would measure the refusal path; and it must be deterministic, or
 * two runs would not measure the same data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countRecords, generateBundle, type GenerateOptions } from '../bench/generate.js';
import { importBundle } from '../src/bundle/import.js';
import { formatProblems, validateBundle } from '../src/bundle/validate.js';
import { CATEGORIES, ISSUE_STATUSES } from '../src/domain/vocabulary.js';
import { testDatabase } from './helpers/db.js';

const SIZES: GenerateOptions[] = [
  { seed: 1, issues: 0, meetings: 0 },
  { seed: 2, issues: 5, meetings: 1, accountsPerMeeting: 3, raisingsPerAccount: 10, outcomesPerAccount: 2 },
  { seed: 3, issues: 200, meetings: 4, accountsPerMeeting: 3, raisingsPerAccount: 30, outcomesPerAccount: 12 },
  { seed: 'big', issues: 3000, meetings: 12, accountsPerMeeting: 2, raisingsPerAccount: 150, outcomesPerAccount: 15 },
];

describe('bench/generate', () => {
  for (const options of SIZES) {
    it(`generates a valid bundle with ${options.issues} issues and ${options.meetings} meetings`, () => {
      const bundle = generateBundle(options);
      const result = validateBundle(bundle);
      assert.ok(result.ok, result.ok ? '' : formatProblems(result.problems.slice(0, 20)));
      assert.equal(bundle.issues.length, options.issues);
      assert.equal(bundle.meetings.length, options.meetings);
      for (const m of bundle.meetings) {
        assert.equal(m.accounts?.length, options.accountsPerMeeting);
        for (const a of m.accounts ?? []) {
          assert.equal(a.raised?.length, Math.min(options.raisingsPerAccount ?? 0, bundle.issues.length));
          assert.equal(a.outcomes?.length, options.outcomesPerAccount);
        }
      }
    });
  }

  it('covers every category, status, visibility, HS code length and both languages', () => {
    const bundle = generateBundle({ seed: 9, issues: 500, meetings: 2 });
    assert.deepEqual(new Set(bundle.issues.map((i) => i.category)), new Set(CATEGORIES));
    assert.deepEqual(new Set(bundle.issues.map((i) => i.visibility)), new Set(['public', 'shared', 'internal']));
    assert.deepEqual(new Set(bundle.issues.map((i) => i.status)), new Set(ISSUE_STATUSES));
    assert.deepEqual(new Set(bundle.issues.flatMap((i) => i.products ?? []).map((p) => p.length)), new Set([2, 4, 6]));
    assert.deepEqual(new Set(bundle.issues.flatMap((i) => [i.raisedBy, i.respondent])), new Set(['us', 'cn']));
    for (const i of bundle.issues) {
      assert.ok(i.title.en && i.title.zh, `issue ${i.key} has both an English and a Chinese title`);
      assert.match(i.title.zh, /\p{Script=Han}/u);
    }
    const share = bundle.issues.filter((i) => i.visibility === 'public').length / bundle.issues.length;
    assert.ok(share > 0.45 && share < 0.75, `about 60% public, got ${share}`);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { issues: 300, meetings: 5, raisingsPerAccount: 40, outcomesPerAccount: 6 };
    const a = JSON.stringify(generateBundle({ ...options, seed: 42 }));
    const b = JSON.stringify(generateBundle({ ...options, seed: 42 }));
    const c = JSON.stringify(generateBundle({ ...options, seed: 43 }));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('imports, writing every record once, and a second import changes nothing', async () => {
    const bundle = generateBundle({ seed: 5, issues: 60, meetings: 3, accountsPerMeeting: 3, raisingsPerAccount: 10 });
    const db = await testDatabase();
    try {
      const first = await importBundle(db.store, bundle);
      assert.equal(first.created, countRecords(bundle));
      assert.equal(first.updated, 0);
      const second = await importBundle(db.store, bundle);
      assert.deepEqual(
        { created: second.created, updated: second.updated, unchanged: second.unchanged },
        { created: 0, updated: 0, unchanged: countRecords(bundle) },
      );
    } finally {
      await db.close();
    }
  });
});
