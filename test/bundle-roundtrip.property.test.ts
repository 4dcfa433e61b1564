/**
 * The parley-dialogue/1 round trip on the real database (PGlite in memory, or
 * PostgreSQL when TEST_DATABASE_URL is set): export(import(b)) is b with the
 * spec's defaults applied, importing twice changes nothing, a partial bundle
 * never deletes, and an invalid bundle writes nothing.
 *
 * One database serves the whole file; every case imports under a dialogue key
 * of its own. FC_NUM_RUNS and FC_SEED override fast-check's run count and seed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { exportBundle } from '../src/bundle/export.js';
import { importBundle, type ImportResult } from '../src/bundle/import.js';
import { validateBundle } from '../src/bundle/validate.js';
import { SYSTEM_VIEWER } from '../src/domain/access/viewer.js';
import { ValidationError } from '../src/domain/errors.js';
import type { Bundle } from '../src/domain/records.js';
import {
  assignOutcomeKeys,
  bundleArb,
  keyArb,
  meetingArb,
  normalize,
  normalizeMeeting,
  outcomeKeysOf,
  withDialogueKey,
  type BundleDoc,
  type MeetingDoc,
} from './arbitraries/bundle.js';
import { testDatabase, type TestDatabase } from './helpers/db.js';

const TABLES = [
  'dialogues',
  'dialogue_names',
  'sides',
  'people',
  'principles',
  'issues',
  'meetings',
  'accounts',
  'account_raisings',
  'outcomes',
] as const;

const NUM_RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : undefined;
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
function runs<T>(numRuns: number): fc.Parameters<T> {
  return { numRuns: NUM_RUNS ?? numRuns, ...(SEED !== undefined && { seed: SEED }) };
}

let h: TestDatabase;
before(async () => {
  h = await testDatabase();
});
after(async () => {
  await h?.close();
});

let cases = 0;
/** A dialogue key no other case of this file uses (at most 63 characters). */
function freshKey(prefix: string): string {
  cases += 1;
  return `${prefix}-${cases}`;
}

/** How many rows importing the (normalized) bundle into an empty database creates. */
function rowCount(b: Bundle): number {
  const d = b.dialogue;
  const accounts = b.meetings.flatMap((m) => m.accounts);
  return (
    1 +
    d.names.length +
    d.sides.length +
    d.people.length +
    d.principles.length +
    b.issues.length +
    b.meetings.length +
    accounts.length +
    accounts.reduce((n, a) => n + a.raised.length + a.outcomes.length, 0)
  );
}

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(h.db);
    counts[t] = r.rows[0]!.n;
  }
  return counts;
}

/** Every row's version and updated_at, by table and id. */
async function rowVersions(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const t of TABLES) {
    const r = await sql<{
      id: string;
      version: number;
      updated_at: Date | string;
    }>`select id, version, updated_at from ${sql.table(t)}`.execute(h.db);
    for (const row of r.rows) out.set(`${t}/${row.id}`, `${row.version} ${new Date(row.updated_at).toISOString()}`);
  }
  return out;
}

/** The ValidationError the import is refused with (fails on success or on any other error). */
async function refusal(doc: unknown): Promise<ValidationError> {
  try {
    await importBundle(h.store, doc);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  return assert.fail('the bundle was imported, but it should have been refused');
}

function exported(key: string): Promise<Bundle> {
  return exportBundle(h.store, SYSTEM_VIEWER, key);
}

/** JSON in and out, as bundles travel: also drops any prototype fast-check gave. */
function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function counts(r: ImportResult): { created: number; updated: number; unchanged: number } {
  return { created: r.created, updated: r.updated, unchanged: r.unchanged };
}

describe('the example bundles round-trip', () => {
  const examples = [
    { name: 'shared/examples/us-cn-ciwg.json', url: new URL('../../shared/examples/us-cn-ciwg.json', import.meta.url) },
    // The demo has the same dialogue key as the shared example: it is imported under another.
    {
      name: 'src/demo/us-cn-ciwg.json',
      url: new URL('../src/demo/us-cn-ciwg.json', import.meta.url),
      key: 'demo-ciwg',
    },
  ];
  for (const example of examples) {
    test(`${example.name}: export(import(b)) = normalize(b); a second import changes nothing`, async () => {
      const read = JSON.parse(fs.readFileSync(example.url, 'utf8')) as BundleDoc;
      const doc = example.key === undefined ? read : withDialogueKey(read, example.key);
      const key = doc.dialogue.key;
      const expected = normalize(doc);
      assert.ok(validateBundle(doc).ok, 'the example is a valid bundle');
      const rowsBefore = await tableCounts();

      const first = await importBundle(h.store, doc);
      assert.equal(first.dialogue, key);
      assert.deepEqual(counts(first), { created: rowCount(expected), updated: 0, unchanged: 0 });
      const rowsAfter = await tableCounts();
      const added = TABLES.reduce((n, t) => n + rowsAfter[t]! - rowsBefore[t]!, 0);
      assert.equal(added, rowCount(expected), 'one row per record');
      assert.deepEqual(await exported(key), expected);

      const versions = await rowVersions();
      const second = await importBundle(h.store, doc);
      assert.deepEqual(counts(second), { created: 0, updated: 0, unchanged: rowCount(expected) });
      assert.deepEqual(await rowVersions(), versions, 'no row version or updated_at moved');
      assert.deepEqual(await tableCounts(), rowsAfter);

      // What export writes is itself a bundle that imports as a no-op.
      const third = await importBundle(h.store, viaJson(await exported(key)));
      assert.deepEqual(counts(third), { created: 0, updated: 0, unchanged: rowCount(expected) });
      assert.deepEqual(await rowVersions(), versions);
      assert.deepEqual(await exported(key), expected);
    });
  }
});

describe('random valid bundles', () => {
  test('export(import(b)) deep-equals normalize(b), and re-importing the export changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bundleArb(), async (generated) => {
        const b = withDialogueKey(generated, freshKey('rt'));
        const expected = normalize(b);
        const first = await importBundle(h.store, viaJson(b));
        assert.deepEqual(counts(first), { created: rowCount(expected), updated: 0, unchanged: 0 });
        const out = await exported(b.dialogue.key);
        assert.deepEqual(out, expected);
        assert.ok(validateBundle(viaJson(out)).ok, 'the export is a valid bundle');
        const again = await importBundle(h.store, viaJson(out));
        assert.deepEqual(counts(again), { created: 0, updated: 0, unchanged: rowCount(expected) });
      }),
      runs(40),
    );
  });

  test('a partial bundle (some issues, one new meeting raising issues on file only) keeps every record', async () => {
    const scenario = bundleArb({ minIssues: 1, maxMeetings: 3 }).chain((b) => {
      const issues = b.issues ?? [];
      const people = b.dialogue.people ?? [];
      const meetings = b.meetings ?? [];
      const usedOutcomeKeys = new Set(outcomeKeysOf(b));
      const usedMeetingKeys = new Set(meetings.map((m) => m.key));
      return fc
        .record({
          // At least one issue stays out of the partial bundle: the new meeting raises those.
          issues: fc.subarray(issues, { maxLength: issues.length - 1 }),
          people: fc.subarray(people),
          principles: fc.subarray(b.dialogue.principles ?? []),
          names: fc.subarray(b.dialogue.names, { minLength: 1 }),
          meetingKey: keyArb.filter((k) => !usedMeetingKeys.has(k)),
          numberGap: fc.integer({ min: 1, max: 3 }),
          outcomeKeys: fc.uniqueArray(
            keyArb.filter((k) => !usedOutcomeKeys.has(k)),
            { maxLength: 6 },
          ),
        })
        .chain((part) => {
          const kept = new Set(part.issues.map((i) => i.key));
          const number = Math.max(0, ...meetings.map((m) => m.number)) + part.numberGap;
          const ctx = {
            sides: b.dialogue.sides.map((s) => s.key),
            // Chairs and leads may be people on file that the partial bundle leaves out.
            people: people.map((p) => p.key),
            issues: issues.map((i) => i.key).filter((k) => !kept.has(k)),
            topics: ['national-security'],
          };
          return meetingArb({ key: part.meetingKey, number }, ctx).map((m) => {
            const [meeting] = assignOutcomeKeys([m], part.outcomeKeys) as [MeetingDoc];
            return { b, part, meeting };
          });
        });
    });

    await fc.assert(
      fc.asyncProperty(scenario, async ({ b: generated, part, meeting }) => {
        const b = withDialogueKey(generated, freshKey('partial'));
        await importBundle(h.store, viaJson(b));
        const partial: BundleDoc = {
          format: 'parley-dialogue/1',
          dialogue: { ...b.dialogue, names: part.names, people: part.people, principles: part.principles },
          issues: part.issues,
          meetings: [meeting],
        };
        const before = await tableCounts();
        const result = await importBundle(h.store, viaJson(partial));
        const added = normalizeMeeting(meeting);
        const newRows =
          1 + added.accounts.length + added.accounts.reduce((n, a) => n + a.raised.length + a.outcomes.length, 0);
        assert.deepEqual(counts(result), {
          created: newRows,
          updated: 0,
          unchanged: rowCount(normalize(partial)) - newRows,
        });
        const afterCounts = await tableCounts();
        for (const t of TABLES) assert.ok(afterCounts[t]! >= before[t]!, `no row of ${t} was deleted`);

        const expected = normalize({ ...b, meetings: [...(b.meetings ?? []), meeting] });
        assert.deepEqual(await exported(b.dialogue.key), expected);
      }),
      runs(30),
    );
  });
});

// ---------------------------------------------------------------------------
// Invalid bundles: a valid one with one thing broken.

type MutationPlan =
  | { kind: 'unknown top-level field' }
  | { kind: 'unknown dialogue field' }
  | { kind: 'unknown issue field'; issue: number }
  | { kind: 'bad category'; issue: number }
  | { kind: 'duplicate side key' }
  | { kind: 'duplicate issue key'; issue: number }
  | { kind: 'dangling side'; issue: number }
  | { kind: 'dangling chair'; meeting: number }
  | { kind: 'dangling raised issue'; meeting: number; account: number };

interface Mutated {
  doc: unknown;
  pointer: string;
  message: RegExp;
}

/** A key that is none of `taken`. */
function unusedKey(base: string, taken: readonly string[]): string {
  let k = base;
  while (taken.includes(k)) k += '-x';
  return k;
}

function mutationArb(b: BundleDoc): fc.Arbitrary<MutationPlan> {
  const plans: fc.Arbitrary<MutationPlan>[] = [
    fc.constant({ kind: 'unknown top-level field' as const }),
    fc.constant({ kind: 'unknown dialogue field' as const }),
    fc.constant({ kind: 'duplicate side key' as const }),
  ];
  const issues = b.issues?.length ?? 0;
  if (issues > 0) {
    const issue = fc.nat(issues - 1);
    plans.push(
      issue.map((i) => ({ kind: 'unknown issue field' as const, issue: i })),
      issue.map((i) => ({ kind: 'bad category' as const, issue: i })),
      issue.map((i) => ({ kind: 'duplicate issue key' as const, issue: i })),
      issue.map((i) => ({ kind: 'dangling side' as const, issue: i })),
    );
  }
  const meetings = b.meetings ?? [];
  if (meetings.length > 0) {
    plans.push(fc.nat(meetings.length - 1).map((m) => ({ kind: 'dangling chair' as const, meeting: m })));
  }
  const withAccounts = meetings.flatMap((m, mi) => ((m.accounts?.length ?? 0) > 0 ? [mi] : []));
  if (withAccounts.length > 0) {
    plans.push(
      fc
        .constantFrom(...withAccounts)
        .chain((mi) =>
          fc
            .nat(meetings[mi]!.accounts!.length - 1)
            .map((ai) => ({ kind: 'dangling raised issue' as const, meeting: mi, account: ai })),
        ),
    );
  }
  return fc.oneof(...plans);
}

function applyMutation(b: BundleDoc, plan: MutationPlan): Mutated {
  const d = b.dialogue;
  const issues = b.issues ?? [];
  const meetings = b.meetings ?? [];
  const sides = d.sides.map((s) => s.key);
  const withIssue = (i: number, change: object) => ({
    ...b,
    issues: issues.map((x, j) => (j === i ? { ...x, ...change } : x)),
  });
  switch (plan.kind) {
    case 'unknown top-level field':
      return {
        doc: { ...b, meetngs: [] },
        pointer: '/meetngs',
        message: /unknown field "meetngs" \(did you mean "meetings"\?\)/,
      };
    case 'unknown dialogue field':
      return {
        doc: { ...b, dialogue: { ...d, cadense: { en: 'twice a year' } } },
        pointer: '/dialogue/cadense',
        message: /unknown field "cadense" \(did you mean "cadence"\?\)/,
      };
    case 'unknown issue field':
      return {
        doc: withIssue(plan.issue, { catgory: 'tariffs' }),
        pointer: `/issues/${plan.issue}/catgory`,
        message: /unknown field "catgory" \(did you mean "category"\?\)/,
      };
    case 'bad category':
      return {
        doc: withIssue(plan.issue, { category: 'datflows' }),
        pointer: `/issues/${plan.issue}/category`,
        message: /"datflows" is not a category/,
      };
    case 'duplicate side key':
      return {
        doc: { ...b, dialogue: { ...d, sides: [...d.sides, { ...d.sides[0]! }] } },
        pointer: `/dialogue/sides/${d.sides.length}/key`,
        message: new RegExp(`duplicate side key "${d.sides[0]!.key}" \\(first at index 0\\)`),
      };
    case 'duplicate issue key':
      return {
        doc: { ...b, issues: [...issues, { ...issues[plan.issue]! }] },
        pointer: `/issues/${issues.length}/key`,
        message: new RegExp(`duplicate issue key "${issues[plan.issue]!.key}" \\(first at index ${plan.issue}\\)`),
      };
    case 'dangling side': {
      const ghost = unusedKey('no-such-side', sides);
      return {
        doc: withIssue(plan.issue, { raisedBy: ghost }),
        pointer: `/issues/${plan.issue}/raisedBy`,
        message: new RegExp(`unknown side key "${ghost}"`),
      };
    }
    case 'dangling chair': {
      const ghost = unusedKey(
        'nobody-on-file',
        (d.people ?? []).map((p) => p.key),
      );
      const m = meetings[plan.meeting]!;
      const chairs = m.chairs ?? [];
      return {
        doc: {
          ...b,
          meetings: meetings.map((x, j) => (j === plan.meeting ? { ...x, chairs: [...chairs, ghost] } : x)),
        },
        pointer: `/meetings/${plan.meeting}/chairs/${chairs.length}`,
        message: new RegExp(`unknown person key "${ghost}"`),
      };
    }
    case 'dangling raised issue': {
      const ghost = unusedKey(
        'no-such-issue',
        issues.map((i) => i.key),
      );
      const m = meetings[plan.meeting]!;
      const accounts = m.accounts!;
      const raised = accounts[plan.account]!.raised ?? [];
      const account = {
        ...accounts[plan.account]!,
        raised: [...raised, { by: sides[0]!, issue: ghost, stance: 'raised' }],
      };
      return {
        doc: {
          ...b,
          meetings: meetings.map((x, j) =>
            j === plan.meeting ? { ...x, accounts: accounts.map((a, k) => (k === plan.account ? account : a)) } : x,
          ),
        },
        pointer: `/meetings/${plan.meeting}/accounts/${plan.account}/raised/${raised.length}/issue`,
        message: new RegExp(`unknown issue key "${ghost}"`),
      };
    }
  }
}

describe('invalid bundles', () => {
  test('a broken bundle is refused with a ValidationError naming the pointer, and writes nothing', async () => {
    const scenario = bundleArb({ maxMeetings: 3 }).chain((b) =>
      fc.record({ b: fc.constant(b), plan: mutationArb(b), onFile: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ b: generated, plan, onFile }) => {
        const b = withDialogueKey(generated, freshKey('bad'));
        // Either a new dialogue, or an update of one on file.
        if (onFile) await importBundle(h.store, viaJson(b));
        const mutated = applyMutation(b, plan);
        const before = await tableCounts();
        const versions = onFile ? await rowVersions() : undefined;

        const err = await refusal(viaJson(mutated.doc));
        assert.equal(err.code, 'validation-failed');
        assert.ok(
          err.problems.some((p) => p.pointer === mutated.pointer && mutated.message.test(p.message)),
          `expected a problem at "${mutated.pointer}" matching ${mutated.message}, got ${JSON.stringify(err.problems)}`,
        );
        assert.match(err.message, /^The bundle is invalid \(\d+ problems?\):\n/);

        assert.deepEqual(await tableCounts(), before, 'nothing was written');
        if (onFile) {
          assert.deepEqual(await rowVersions(), versions);
          assert.deepEqual(await exported(b.dialogue.key), normalize(b));
        } else {
          assert.equal(await h.store.dialogues.get(SYSTEM_VIEWER, b.dialogue.key), undefined);
        }
      }),
      runs(30),
    );
  });
});

// ---------------------------------------------------------------------------
// Values the spec allows that the database cannot hold as they are. Each must
// be imported (and round-trip) or refused with a ValidationError naming it:
// never a raw database error (the CLI and the API report that as an internal
// error).

function smallBundle(key: string): BundleDoc {
  return {
    format: 'parley-dialogue/1',
    dialogue: {
      key,
      names: [{ side: null, text: { en: 'Edge cases', zh: '边界情况' } }],
      level: 'technical',
      sides: [
        { key: 'us', country: 'US', agency: { en: 'ITA' } },
        { key: 'cn', country: 'CN', agency: { zh: '商务部' } },
      ],
    },
    issues: [{ key: 'data', title: { en: 'Data' }, raisedBy: 'us', respondent: 'cn', category: 'digital-trade' }],
    meetings: [
      {
        key: 'first',
        number: 1,
        date: '2024-04-04',
        format: 'video',
        accounts: [{ side: null, outcomes: [{ key: 'exchange-1', kind: 'exchange', title: { en: 'Exchange' } }] }],
      },
      { key: 'second', number: 2, date: '2024-10-10', format: 'call' },
    ],
  };
}

/** Imports `doc`: it must then round-trip, or be refused with a ValidationError and write nothing. */
async function importsOrRefusesCleanly(doc: BundleDoc): Promise<void> {
  const before = await tableCounts();
  try {
    await importBundle(h.store, viaJson(doc));
  } catch (err) {
    assert.ok(
      err instanceof ValidationError,
      `refused with ${(err as Error).constructor.name} "${(err as Error).message}" instead of a ValidationError`,
    );
    assert.ok(err.problems.length > 0 && err.problems.every((p) => p.pointer.startsWith('/')));
    assert.deepEqual(await tableCounts(), before);
    return;
  }
  const expected = normalize(doc);
  // Export lists meetings by number.
  expected.meetings.sort((a, b) => a.number - b.number);
  assert.deepEqual(await exported(doc.dialogue.key), expected);
}

describe('edge values a valid bundle may carry', () => {
  test('a text holding U+0000 (NUL)', async () => {
    const b = smallBundle(freshKey('nul'));
    await importsOrRefusesCleanly({ ...b, dialogue: { ...b.dialogue, cadence: { en: 'twice\u0000a year' } } });
  });

  test('a text holding a lone surrogate', async () => {
    const b = smallBundle(freshKey('surrogate'));
    await importsOrRefusesCleanly({ ...b, dialogue: { ...b.dialogue, mandate: { en: 'half an emoji \ud83c' } } });
  });

  test('a meeting number past 2^31 - 1', async () => {
    const b = smallBundle(freshKey('number'));
    await importsOrRefusesCleanly({ ...b, meetings: [{ ...b.meetings![0]!, number: 2 ** 31 }] });
  });

  test('a meeting on 0000-01-01', async () => {
    const b = smallBundle(freshKey('year0'));
    await importsOrRefusesCleanly({ ...b, meetings: [{ ...b.meetings![0]!, date: '0000-01-01' }] });
  });

  test('a re-import that swaps the numbers of two meetings', async () => {
    const b = smallBundle(freshKey('swap'));
    await importBundle(h.store, viaJson(b));
    const [first, second] = b.meetings as [MeetingDoc, MeetingDoc];
    await importsOrRefusesCleanly({
      ...b,
      meetings: [
        { ...first, number: 2 },
        { ...second, number: 1 },
      ],
    });
  });

  test('an outcome moved from the joint account to the account of a side keyed "joint"', async () => {
    const b = smallBundle(freshKey('joint'));
    const sides = [b.dialogue.sides[0]!, { key: 'joint', country: 'CN', agency: { en: 'Joint office' } }];
    const onFile: BundleDoc = { ...b, dialogue: { ...b.dialogue, sides }, issues: [] };
    await importBundle(h.store, viaJson(onFile));
    const [first, second] = onFile.meetings as [MeetingDoc, MeetingDoc];
    const moved: MeetingDoc = {
      ...first,
      accounts: [{ side: null }, { side: 'joint', outcomes: first.accounts![0]!.outcomes! }],
    };
    await importsOrRefusesCleanly({ ...onFile, meetings: [moved, second] });
  });
});
