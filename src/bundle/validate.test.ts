/**
 * validateBundle's problems, case by case: each names the JSON Pointer of the
 * offending value and what was expected (shared/spec/dialogue-bundle.md,
 * "Errors"). Pure: no database.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Problem } from '../domain/errors.js';
import { formatProblems, NO_EXISTING, parseJson, pointer, validateBundle, type ExistingKeys } from './validate.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A small valid bundle that every case breaks in one place. */
const BASE: Json = {
  format: 'parley-dialogue/1',
  dialogue: {
    key: 'us-cn-ciwg',
    names: [
      { side: 'us', text: { en: 'U.S.-China Commercial Issues Working Group', zh: '美中商业问题工作组' } },
      { side: 'cn', text: { en: 'China-U.S. Commercial and Trade Working Group', zh: '中美商贸工作组' } },
    ],
    level: 'vice-ministerial',
    cadence: { en: 'twice a year', zh: '每年两次' },
    sides: [
      { key: 'us', country: 'US', agency: { en: 'International Trade Administration' } },
      { key: 'cn', country: 'CN', agency: { en: 'Ministry of Commerce', zh: '商务部' } },
    ],
    people: [
      { key: 'lago', side: 'us', name: { en: 'Marisa Lago' }, title: { en: 'Under Secretary' } },
      { key: 'wang-shouwen', side: 'cn', name: { en: 'Wang Shouwen', zh: '王受文' }, title: { zh: '副部长' } },
    ],
    principles: [{ side: 'cn', kind: 'non-negotiable', topic: 'national-security', text: { en: 'No.' } }],
  },
  issues: [
    {
      key: 'data-flows',
      title: { en: 'Cross-border data flows', zh: '跨境数据流动' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'digital-trade',
      products: ['8541', '854142'],
    },
    {
      key: 'medical-devices',
      title: { en: 'Medical devices', zh: '医疗器械' },
      raisedBy: 'us',
      respondent: 'cn',
      category: 'technical-barriers',
      status: 'reported',
      visibility: 'shared',
      owner: 'us',
    },
  ],
  meetings: [
    {
      key: 'ciwg-1',
      number: 1,
      date: '2024-04-04',
      endDate: '2024-04-05',
      format: 'in-person',
      place: { city: { en: 'Washington', zh: '华盛顿' }, country: 'US' },
      host: 'us',
      chairs: ['lago', 'wang-shouwen'],
      accounts: [
        {
          side: 'us',
          raised: [{ by: 'us', issue: 'data-flows', stance: 'concern' }],
          outcomes: [{ key: 'exchange-1', kind: 'exchange', title: { en: 'Technical exchange' } }],
          nextMeeting: {
            when: { en: 'later this year' },
            earliest: '2024-07-01',
            latest: '2024-12-31',
            leadBy: 'lago',
          },
        },
        { side: 'cn', outcomes: [{ key: 'promotion-1', kind: 'event', title: { zh: '贸易促进活动' } }] },
      ],
    },
    { key: 'ciwg-2', number: 2, date: '2024-11-01', format: 'video' },
  ],
};

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at a JSON Pointer. */
function at(doc: Json, ptr: string): Json {
  let value = doc;
  for (const part of ptr.split('/').slice(1).map(unescapeSegment)) {
    if (Array.isArray(value)) value = value[Number(part)] as Json;
    else if (value !== null && typeof value === 'object') value = value[part] as Json;
    else throw new Error(`no value at ${ptr}`);
    if (value === undefined) throw new Error(`no value at ${ptr}`);
  }
  return value;
}

/**
 * A copy of `doc` with each pointer set to its value: `undefined` removes it,
 * a last segment "-" appends to a list.
 */
function edit(doc: Json, changes: Record<string, Json | undefined>): Json {
  const copy = structuredClone(doc);
  for (const [ptr, value] of Object.entries(changes)) {
    const parts = ptr.split('/').slice(1).map(unescapeSegment);
    const last = parts.pop();
    if (last === undefined) throw new Error('cannot replace the whole document');
    const parent = at(copy, parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (value === undefined) parent.splice(index, 1);
      else parent[index] = value;
    } else if (parent !== null && typeof parent === 'object') {
      if (value === undefined) delete parent[last];
      else parent[last] = value;
    } else {
      throw new Error(`no object at the parent of ${ptr}`);
    }
  }
  return copy;
}

function problemsOf(doc: unknown, existing: ExistingKeys = NO_EXISTING): Problem[] {
  const result = validateBundle(doc, existing);
  if (result.ok) return assert.fail('the bundle was accepted, but it should have been refused');
  return result.problems;
}

/** The one problem at `ptr`, failing with every problem listed when there is none. */
function problemAt(problems: readonly Problem[], ptr: string): Problem {
  const found = problems.filter((p) => p.pointer === ptr);
  assert.equal(found.length, 1, `expected one problem at "${ptr}", got:\n${formatProblems(problems)}`);
  return found[0]!;
}

interface Case {
  name: string;
  changes: Record<string, Json | undefined>;
  pointer: string;
  /** What the message must say, each matched on its own. */
  says: RegExp[];
  /** Set while the product gets it wrong (see the report to the lead). */
  todo?: string;
}

const CASES: Case[] = [
  {
    name: 'unknown top-level field, with did-you-mean',
    changes: { '/meetngs': [] },
    pointer: '/meetngs',
    says: [/unknown field "meetngs"/, /did you mean "meetings"\?/],
  },
  {
    name: 'unknown record field, with did-you-mean',
    changes: { '/issues/1/catgory': 'tariffs' },
    pointer: '/issues/1/catgory',
    says: [/unknown field "catgory"/, /did you mean "category"\?/],
  },
  {
    name: 'unknown field with nothing close: the allowed fields are listed',
    changes: { '/dialogue/sides/0/zzzzzzzz': true },
    pointer: '/dialogue/sides/0/zzzzzzzz',
    says: [/unknown field "zzzzzzzz"/, /allowed: key, country, agency, pressContact, about/],
  },
  {
    name: 'plain string where a Text is expected',
    changes: { '/dialogue/cadence': 'twice a year' },
    pointer: '/dialogue/cadence',
    says: [/expected a localized text/, /\{"en": "\.\.\.", "zh": "\.\.\."\}/, /got "twice a year"/],
  },
  {
    name: 'Text with no language',
    changes: { '/issues/0/title': {} },
    pointer: '/issues/0/title',
    says: [/at least one language/],
  },
  {
    name: 'Text with an empty string',
    changes: { '/issues/0/title/zh': '' },
    pointer: '/issues/0/title/zh',
    says: [/non-empty/],
  },
  {
    name: 'wrong format string',
    changes: { '/format': 'parley-dialogue/2' },
    pointer: '/format',
    says: [/expected exactly "parley-dialogue\/1"/, /got "parley-dialogue\/2"/],
  },
  {
    name: 'bad key pattern',
    changes: { '/dialogue/key': 'US-CN' },
    pointer: '/dialogue/key',
    says: [/"US-CN" is not a valid key/, /lower-case letters, digits and hyphens/],
  },
  {
    name: 'key longer than 63 characters',
    changes: { '/issues/0/key': `a${'-'.repeat(63)}` },
    pointer: '/issues/0/key',
    says: [/is not a valid key/, /at most 63 characters/],
  },
  {
    name: 'unknown category',
    changes: { '/issues/1/category': 'datflows' },
    pointer: '/issues/1/category',
    says: [/"datflows" is not a category/, /expected one of tariffs, .*digital-trade, .*other\)/],
  },
  {
    name: 'category with a near miss gets a suggestion',
    changes: { '/issues/0/category': 'digital-trad' },
    pointer: '/issues/0/category',
    says: [/"digital-trad" is not a category/, /did you mean "digital-trade"\?/],
  },
  {
    name: 'unknown enum value that is no string',
    changes: { '/dialogue/level': 3 },
    pointer: '/dialogue/level',
    says: [/expected a level/, /ministerial, vice-ministerial/, /got 3/],
  },
  {
    name: 'unknown person key in chairs lists the known keys',
    changes: { '/meetings/0/chairs/1': 'wang-shou-wen' },
    pointer: '/meetings/0/chairs/1',
    says: [/unknown person key "wang-shou-wen"/, /did you mean "wang-shouwen"\?/, /known: lago, wang-shouwen/],
  },
  {
    name: 'side referenced but not defined',
    changes: { '/issues/1/raisedBy': 'eu' },
    pointer: '/issues/1/raisedBy',
    says: [/unknown side key "eu"/, /known: us, cn/],
  },
  {
    name: 'account of a side that is not defined',
    changes: { '/meetings/0/accounts/1/side': 'jp' },
    pointer: '/meetings/0/accounts/1/side',
    says: [/unknown side key "jp"/, /known: us, cn/],
  },
  {
    name: 'raising of an issue that is not defined',
    changes: { '/meetings/0/accounts/0/raised/0/issue': 'data-flow' },
    pointer: '/meetings/0/accounts/0/raised/0/issue',
    says: [/unknown issue key "data-flow"/, /did you mean "data-flows"\?/, /known: data-flows, medical-devices/],
  },
  {
    name: 'duplicate issue key',
    changes: { '/issues/1/key': 'data-flows' },
    pointer: '/issues/1/key',
    says: [/duplicate issue key "data-flows"/, /first at index 0/],
  },
  {
    name: 'duplicate principle (side/kind/topic)',
    changes: {
      '/dialogue/principles/-': {
        side: 'cn',
        kind: 'non-negotiable',
        topic: 'national-security',
        text: { en: 'Again' },
      },
    },
    pointer: '/dialogue/principles/1',
    says: [/duplicate principle/, /"cn\/non-negotiable\/national-security"/],
  },
  {
    name: 'duplicate meeting number',
    changes: { '/meetings/1/number': 1 },
    pointer: '/meetings/1/number',
    says: [/duplicate meeting number "1"/, /first at index 0/],
  },
  {
    name: 'meeting number that is not a whole number 1 or more',
    changes: { '/meetings/1/number': 0 },
    pointer: '/meetings/1/number',
    says: [/expected a whole number 1 or more/, /got 0/],
  },
  {
    name: 'in-person meeting without place',
    changes: { '/meetings/0/place': undefined },
    pointer: '/meetings/0/place',
    says: [/a place is required/, /in-person/],
  },
  {
    name: 'hybrid meeting without place',
    changes: { '/meetings/1/format': 'hybrid' },
    pointer: '/meetings/1/place',
    says: [/a place is required/, /hybrid/],
  },
  {
    name: 'endDate before date',
    changes: { '/meetings/0/endDate': '2024-04-03' },
    pointer: '/meetings/0/endDate',
    says: [/end date 2024-04-03 is before the first day 2024-04-04/],
  },
  {
    name: 'respondent equal to raisedBy',
    changes: { '/issues/0/respondent': 'us' },
    pointer: '/issues/0/respondent',
    says: [/respondent must be another side/, /"us"/],
  },
  {
    name: 'HS code of 3 digits',
    changes: { '/issues/0/products/1': '854' },
    pointer: '/issues/0/products/1',
    says: [/"854" is not an HS code/, /2, 4 or 6 digits/],
  },
  {
    name: 'HS code given as a number',
    changes: { '/issues/0/products/0': 8541 },
    pointer: '/issues/0/products/0',
    says: [/expected an HS code as a string/, /got 8541/],
  },
  {
    name: 'invalid calendar date 2024-02-30',
    changes: { '/meetings/0/date': '2024-02-30' },
    pointer: '/meetings/0/date',
    says: [/"2024-02-30" is not a calendar date/, /YYYY-MM-DD/],
  },
  {
    name: 'date with a time',
    changes: { '/meetings/0/accounts/0/nextMeeting/earliest': '2024-07-01T00:00:00Z' },
    pointer: '/meetings/0/accounts/0/nextMeeting/earliest',
    says: [/is not a calendar date/],
  },
  {
    name: 'nextMeeting latest before earliest',
    changes: { '/meetings/0/accounts/0/nextMeeting/latest': '2024-06-30' },
    pointer: '/meetings/0/accounts/0/nextMeeting/latest',
    says: [/latest date 2024-06-30 is before the earliest 2024-07-01/],
  },
  {
    name: 'duplicate account side in a meeting',
    changes: { '/meetings/0/accounts/1/side': 'us' },
    pointer: '/meetings/0/accounts/1/side',
    says: [/duplicate account for side "us"/, /first at index 0/],
  },
  {
    name: 'two joint accounts in a meeting',
    changes: { '/meetings/0/accounts/0/side': null, '/meetings/0/accounts/1/side': null },
    pointer: '/meetings/0/accounts/1/side',
    says: [/duplicate account for side/],
  },
  {
    name: 'outcome key reused across accounts',
    changes: { '/meetings/0/accounts/1/outcomes/0/key': 'exchange-1' },
    pointer: '/meetings/0/accounts/1/outcomes/0/key',
    says: [/duplicate outcome key "exchange-1"/, /unique in the whole dialogue/, /already in ciwg-1\/us/],
  },
  {
    name: 'outcome key reused across meetings',
    changes: {
      '/meetings/1/accounts': [{ side: null, outcomes: [{ key: 'promotion-1', kind: 'event', title: { en: 'x' } }] }],
    },
    pointer: '/meetings/1/accounts/0/outcomes/0/key',
    says: [/duplicate outcome key "promotion-1"/, /already in ciwg-1\/cn/],
  },
  {
    name: 'one-side dialogue',
    changes: { '/dialogue/sides/1': undefined },
    pointer: '/dialogue/sides',
    says: [/two or more sides/],
  },
  {
    name: 'dialogue without a name',
    changes: { '/dialogue/names': [] },
    pointer: '/dialogue/names',
    says: [/at least one name/],
  },
  {
    name: 'country that is not an alpha-2 code',
    changes: { '/dialogue/sides/1/country': 'CHN' },
    pointer: '/dialogue/sides/1/country',
    says: [/"CHN" is not a country code/, /ISO 3166-1 alpha-2/],
  },
  {
    name: 'language tag that is not BCP 47 (pointer segments are escaped)',
    changes: { '/dialogue/cadence/en~1US': 'twice a year' },
    pointer: '/dialogue/cadence/en~1US',
    says: [/"en\/US" is not a language tag/, /BCP 47/],
  },
  {
    name: 'language tag that is not BCP 47: the pointer names the tag',
    changes: { '/dialogue/names/1/text/zh_CN': '中美商贸工作组' },
    pointer: '/dialogue/names/1/text/zh_CN',
    says: [/"zh_CN"/],
  },
  {
    name: 'list given as an object',
    changes: { '/meetings/0/chairs': { 0: 'lago' } },
    pointer: '/meetings/0/chairs',
    says: [/expected a list, got an object/],
  },
];

describe('validateBundle: one problem, named by its JSON Pointer', () => {
  test('the base bundle is valid', () => {
    const result = validateBundle(BASE);
    assert.ok(result.ok, result.ok ? '' : formatProblems(result.problems));
  });

  for (const c of CASES) {
    test(c.name, { todo: c.todo }, () => {
      const problems = problemsOf(edit(BASE, c.changes));
      const problem = problemAt(problems, c.pointer);
      for (const words of c.says) assert.match(problem.message, words);
      assert.equal(problems.length, 1, `one problem only, got:\n${formatProblems(problems)}`);
    });
  }
});

describe('validateBundle: the whole document', () => {
  test('every problem of one kind is listed, in document order', () => {
    const problems = problemsOf(
      edit(BASE, {
        '/issues/0/raisedBy': 'eu',
        '/issues/1/respondent': 'us',
        '/meetings/0/chairs/0': 'nobody',
        '/meetings/1/host': 'jp',
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.pointer),
      ['/issues/0/raisedBy', '/issues/1/respondent', '/meetings/0/chairs/0', '/meetings/1/host'],
    );
  });

  test('several structural problems are listed together', () => {
    const problems = problemsOf(
      edit(BASE, {
        '/format': 'parley-dialogue/0',
        '/issues/1/category': 'datflows',
        '/meetings/0/date': '2024-02-30',
      }),
    );
    assert.deepEqual(problems.map((p) => p.pointer).sort(), ['/format', '/issues/1/category', '/meetings/0/date']);
  });

  test('a document that is no object is refused at the root', () => {
    for (const doc of [null, [], 'parley-dialogue/1', 42]) {
      const problem = problemAt(problemsOf(doc), '');
      assert.match(problem.message, /expected an object/);
    }
  });

  test('a missing required field is named', () => {
    const problem = problemAt(problemsOf(edit(BASE, { '/dialogue/level': undefined })), '/dialogue/level');
    assert.match(problem.message, /expected a level/);
    assert.match(problem.message, /got nothing/);
  });

  test('a valid bundle comes back with every default applied', () => {
    const result = validateBundle(BASE);
    assert.ok(result.ok);
    const [first, second] = result.bundle.issues;
    assert.deepEqual(
      { ...first, title: undefined },
      {
        key: 'data-flows',
        title: undefined,
        raisedBy: 'us',
        respondent: 'cn',
        category: 'digital-trade',
        topics: [],
        sectors: [],
        products: ['8541', '854142'],
        economies: [],
        regions: [],
        status: 'open',
        visibility: 'internal',
        owner: 'us',
      },
    );
    assert.equal(second?.status, 'reported');
    assert.equal(second?.visibility, 'shared');
    const meeting = result.bundle.meetings[1];
    assert.deepEqual([meeting?.chairs, meeting?.participants, meeting?.accounts], [[], [], []]);
    const outcome = result.bundle.meetings[0]?.accounts[0]?.outcomes[0];
    assert.deepEqual([outcome?.owners, outcome?.status], [[], 'agreed']);
  });
});

describe('validateBundle: a partial bundle against the records on file', () => {
  const onFile: ExistingKeys = {
    sides: ['us', 'cn'],
    people: ['lago', 'wang-shouwen', 'raimondo'],
    issues: ['data-flows', 'medical-devices', 'export-controls'],
    meetings: new Map([
      ['ciwg-1', 1],
      ['ciwg-2', 2],
      ['ciwg-3', 3],
    ]),
    outcomes: new Map([
      ['exchange-1', 'ciwg-1/us'],
      ['promotion-1', 'ciwg-1/cn'],
      ['dialogue-3', 'ciwg-3/joint'],
    ]),
  };

  test('may refer to people and issues on file that it does not repeat', () => {
    const doc = edit(BASE, {
      '/meetings/1/chairs': ['raimondo'],
      '/meetings/1/accounts': [{ side: 'us', raised: [{ by: 'us', issue: 'export-controls', stance: 'raised' }] }],
    });
    assert.ok(!validateBundle(doc).ok, 'without the records on file, the references dangle');
    const result = validateBundle(doc, onFile);
    assert.ok(result.ok, result.ok ? '' : formatProblems(result.problems));
  });

  test('a new meeting may not take the number of a meeting on file', () => {
    const doc = edit(BASE, { '/meetings/-': { key: 'ciwg-4', number: 3, date: '2025-05-05', format: 'call' } });
    const problem = problemAt(problemsOf(doc, onFile), '/meetings/2/number');
    assert.match(problem.message, /meeting number 3 is already meeting "ciwg-3"/);
  });

  test('an outcome on file may not move to another account', () => {
    const doc = edit(BASE, {
      '/meetings/1/accounts': [{ side: 'cn', outcomes: [{ key: 'dialogue-3', kind: 'event', title: { en: 'x' } }] }],
    });
    const problem = problemAt(problemsOf(doc, onFile), '/meetings/1/accounts/0/outcomes/0/key');
    assert.match(problem.message, /outcome key "dialogue-3" already belongs to the account ciwg-3\/joint/);
  });

  test('an unknown key lists the keys on file too', () => {
    const doc = edit(BASE, { '/meetings/0/chairs/0': 'raimundo' });
    const problem = problemAt(problemsOf(doc, onFile), '/meetings/0/chairs/0');
    assert.match(problem.message, /unknown person key "raimundo" \(did you mean "raimondo"\?/);
    assert.match(problem.message, /known: lago, wang-shouwen, raimondo\)/);
  });
});

describe('parseJson and formatProblems', () => {
  test('a JSON syntax error is one problem at the root, with where it is', () => {
    const parsed = parseJson('{"format": "parley-dialogue/1",, "dialogue": {}}');
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.problems.length, 1);
    const [problem] = parsed.problems;
    assert.equal(problem?.pointer, '');
    assert.match(problem?.message ?? '', /^not valid JSON: /);
    assert.match(problem?.message ?? '', /position 31/);
  });

  test('truncated and empty input are syntax errors', () => {
    for (const text of ['{"format": "parley-dialogue/1"', '', '   ']) {
      const parsed = parseJson(text);
      assert.equal(parsed.ok, false, JSON.stringify(text));
      if (!parsed.ok) assert.match(parsed.problems[0]?.message ?? '', /not valid JSON/);
    }
  });

  test('a byte order mark is accepted', () => {
    const parsed = parseJson(`\ufeff${JSON.stringify(BASE)}`);
    assert.ok(parsed.ok);
    assert.ok(validateBundle(parsed.value).ok);
  });

  test('formatProblems writes one line per problem, "/" for the root', () => {
    assert.equal(
      formatProblems([
        { pointer: '', message: 'unknown field "meetngs" (did you mean "meetings"?)' },
        { pointer: '/issues/3/category', message: '"datflows" is not a category' },
      ]),
      '/: unknown field "meetngs" (did you mean "meetings"?)\n/issues/3/category: "datflows" is not a category',
    );
  });

  test('pointer escapes "~" and "/" in segments (RFC 6901)', () => {
    assert.equal(pointer(['dialogue', 'cadence', 'a/b~c', 0]), '/dialogue/cadence/a~1b~0c/0');
    assert.equal(pointer([]), '');
  });
});
