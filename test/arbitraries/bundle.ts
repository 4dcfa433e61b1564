/**
 * fast-check arbitraries for valid parley-dialogue/1 bundles (see
 * shared/spec/dialogue-bundle.md), written from the spec rather than from the
 * product's zod schema, and `normalize`, which applies the spec's defaults so
 * that an exported bundle can be compared with the generated one exactly.
 *
 * What the generated bundles cover: keys of every shape the slug pattern
 * allows (up to 63 characters), 2–4 sides, localized texts in en, zh and other
 * BCP 47 tags with real Unicode (CJK, emoji, combining marks, right-to-left
 * scripts, quotes, backslashes, control characters other than NUL), every
 * optional field sometimes absent, every list sometimes absent (= []), every
 * default sometimes omitted, and all the cross-record rules kept: references
 * by key to records that exist, unique keys and meeting numbers, a place for
 * in-person and hybrid meetings, endDate ≥ date, one account per side plus an
 * optional joint one, outcome keys unique in the dialogue, earliest ≤ latest.
 *
 * Meetings come in ascending number order: export lists them by number.
 */
import fc from 'fast-check';
import type {
  AccountFields,
  Bundle,
  DialogueFields,
  Established,
  IssueFields,
  MeetingFields,
  OutcomeFields,
  Person,
  Place,
  Raising,
} from '../../src/domain/records.js';
import type { Text } from '../../src/domain/text.js';
import {
  CATEGORIES,
  ISSUE_STATUSES,
  LEVELS,
  MEETING_FORMATS,
  OUTCOME_KINDS,
  OUTCOME_STATUSES,
  PRINCIPLE_KINDS,
  STANCES,
  VISIBILITIES,
} from '../../src/domain/vocabulary.js';

// ---------------------------------------------------------------------------
// The document as written: fields with a default may be absent.

type WithDefaults<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type OutcomeDoc = WithDefaults<OutcomeFields, 'owners' | 'status'>;
export type AccountDoc = WithDefaults<Omit<AccountFields, 'outcomes'>, 'raised'> & { outcomes?: OutcomeDoc[] };
export type MeetingDoc = WithDefaults<MeetingFields, 'chairs' | 'participants'> & { accounts?: AccountDoc[] };
export type IssueDoc = WithDefaults<
  IssueFields,
  'topics' | 'sectors' | 'products' | 'economies' | 'regions' | 'status' | 'visibility' | 'owner'
>;
export type EstablishedDoc = WithDefaults<Established, 'by'>;
export type DialogueDoc = WithDefaults<Omit<DialogueFields, 'established'>, 'people' | 'principles'> & {
  established?: EstablishedDoc;
};
export interface BundleDoc {
  format: 'parley-dialogue/1';
  dialogue: DialogueDoc;
  issues?: IssueDoc[];
  meetings?: MeetingDoc[];
}

// ---------------------------------------------------------------------------
// normalize: the spec's defaults, applied by hand (not by the product's schema).

function normalizeOutcome(o: OutcomeDoc): OutcomeFields {
  return { ...o, owners: o.owners ?? [], status: o.status ?? 'agreed' };
}

function normalizeAccount(a: AccountDoc): AccountFields {
  return { ...a, raised: a.raised ?? [], outcomes: (a.outcomes ?? []).map(normalizeOutcome) };
}

export function normalizeMeeting(m: MeetingDoc): Bundle['meetings'][number] {
  return {
    ...m,
    chairs: m.chairs ?? [],
    participants: m.participants ?? [],
    accounts: (m.accounts ?? []).map(normalizeAccount),
  };
}

export function normalizeIssue(i: IssueDoc): IssueFields {
  return {
    ...i,
    topics: i.topics ?? [],
    sectors: i.sectors ?? [],
    products: i.products ?? [],
    economies: i.economies ?? [],
    regions: i.regions ?? [],
    status: i.status ?? 'open',
    visibility: i.visibility ?? 'internal',
    owner: i.owner ?? i.raisedBy,
  };
}

/**
 * The bundle with every default of the spec applied: absent lists are [],
 * issue status 'open', visibility 'internal', owner = raisedBy, outcome status
 * 'agreed'. Optional fields that are absent stay absent.
 */
export function normalize(doc: BundleDoc): Bundle {
  const { established, ...dialogue } = doc.dialogue;
  return {
    format: doc.format,
    dialogue: {
      ...dialogue,
      ...(established !== undefined && { established: { ...established, by: established.by ?? [] } }),
      people: dialogue.people ?? [],
      principles: dialogue.principles ?? [],
    },
    issues: (doc.issues ?? []).map(normalizeIssue),
    meetings: (doc.meetings ?? []).map(normalizeMeeting),
  };
}

/** The same bundle under another dialogue key. */
export function withDialogueKey<T extends { dialogue: { key: string } }>(doc: T, key: string): T {
  return { ...doc, dialogue: { ...doc.dialogue, key } };
}

// ---------------------------------------------------------------------------
// Leaves.

/** An optional value: absent (undefined) about one time in four. */
function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 3 });
}

/** fc.record, always with Object.prototype: deepStrictEqual compares prototypes. */
function rec<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true });
}

/** The object without its undefined fields, so that "absent" really is absent. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const KEY_WORDS = [
  'us',
  'cn',
  'eu',
  'jp',
  'uk',
  'lago',
  'wang-shouwen',
  'raimondo',
  'data-flows',
  'medical-devices',
  'national-security',
  'ciwg-1',
  'ciwg-2',
  '0',
  '9-',
  'a--b',
  'x1',
];

/** A key (slug): readable words, short slugs, and anything the pattern allows up to 63 characters. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEY_WORDS) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,8}){0,3}$/) },
  { weight: 2, arbitrary: fc.stringMatching(KEY_PATTERN) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{62}$/) },
);

const TEXT_SAMPLES = [
  'Cross-border data flows',
  '跨境数据流动',
  '中美商贸工作组',
  '医疗器械',
  '“重要数据”出境规则',
  '🇺🇸🇨🇳 working group 🤝',
  '👩🏽‍💻 data engineer',
  'e\u0301te\u0301 (combining acute)',
  'a\u0308\u0301\u0323 stacked marks',
  'Zoë Ångström',
  '"important data"',
  "O'Brien's 'single' quotes",
  'C:\\path\\to\\file',
  '\\u0041 is not an escape',
  'back\\slash "and" quotes \\"',
  'line one\nline two\r\n',
  '\ttabbed\u000b\u000c',
  'Ελληνικά',
  'العربية',
  'עברית',
  'हिन्दी',
  '한국어',
  '日本語のテキスト',
  'zero\u200bwidth\u200d\u200cjoiners\ufeff',
  'ﬁ ligature',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛',
  ' leading and trailing ',
  ' ',
  '{"json": [1, 2], "k": null}',
  '<b>html</b> &amp; <script>',
  '$1 ${x} %s %d {{t}}',
  "'; drop table issues; --",
];

/** NUL is left out on purpose (see the report): PostgreSQL's jsonb cannot store it. */
function withoutNul(s: string): string {
  return s.replaceAll('\u0000', '\u2400');
}

/** A non-empty string of real Unicode. */
export const textStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TEXT_SAMPLES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).map(withoutNul) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }).map(withoutNul) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...TEXT_SAMPLES), fc.string({ unit: 'grapheme-composite', maxLength: 12 }))
      .map(([a, b]) => withoutNul(`${a}${b}`)),
  },
);

const OTHER_LANGUAGES = [
  'fr',
  'es',
  'es-419',
  'pt-BR',
  'ar',
  'ru',
  'ja',
  'ko',
  'de',
  'zh-Hant',
  'zh-TW',
  'en-GB',
  'yue',
];

/** A BCP 47 tag other than en and zh (mostly). */
export const languageTagArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...OTHER_LANGUAGES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/) },
);

/** Localized text: en and zh often, other tags sometimes, never empty. */
export const textArb: fc.Arbitrary<Text> = fc
  .tuple(
    fc.option(textStringArb, { freq: 4 }),
    fc.option(textStringArb, { freq: 2 }),
    fc.dictionary(languageTagArb, textStringArb, { maxKeys: 2, noNullPrototype: true }),
  )
  .map(([en, zh, others]) => {
    const text: Text = { ...others };
    if (en !== null) text.en = en;
    if (zh !== null) text.zh = zh;
    return text;
  })
  .filter((text) => Object.keys(text).length > 0);

const DAY = 86_400_000;
function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * A calendar date, mostly 1950–2100, sometimes anywhere in 1000–9999, sometimes
 * a leap day. It stops at 9999-12-21 so that a meeting of up to 10 days still
 * ends on a four-digit year. (Year 0000 is left out: see the round-trip tests.)
 */
export const dateArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: Date.UTC(1950, 0, 1) / DAY, max: Date.UTC(2100, 11, 31) / DAY }).map(isoDay),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: Date.UTC(1000, 0, 1) / DAY, max: Date.UTC(9999, 11, 21) / DAY }).map(isoDay),
  },
  { weight: 1, arbitrary: fc.constantFrom('2024-02-29', '2000-02-29', '1999-12-31', '2024-04-04', '2038-01-19') },
);

/** A date and a later or equal one. */
function dateSpanArb(maxDays: number): fc.Arbitrary<{ date: string; endDate: string }> {
  return fc
    .tuple(dateArb, fc.integer({ min: 0, max: maxDays }))
    .map(([date, days]) => ({ date, endDate: isoDay(Date.parse(`${date}T00:00:00Z`) / DAY + days) }));
}

export const countryArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('US', 'CN', 'JP', 'DE', 'GB', 'FR', 'BR', 'IN', 'KR', 'VN', 'MX') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{2}$/) },
);

export const placeArb: fc.Arbitrary<Place> = fc
  .record({ city: opt(textArb), region: opt(textArb), country: countryArb })
  .map(present);

const hsCodeArb = fc.stringMatching(/^([0-9]{2}|[0-9]{4}|[0-9]{6})$/);

const emailArb = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,10}$/),
    fc.constantFrom('trade.gov', 'mofcom.gov.cn', 'example.org', 'state.gov'),
  )
  .map(([local, domain]) => `${local}@${domain}`);

const phoneArb = fc.constantFrom(
  '202-482-3809',
  '+86 10 6512 1919',
  '(202) 555-0100',
  '010-65121919 ext. 7',
  '+1.202.555.0199',
);

const urlArb = fc
  .tuple(
    fc.constantFrom('https://www.commerce.gov', 'http://english.mofcom.gov.cn', 'https://example.org:8443'),
    fc.stringMatching(/^(\/[a-z0-9%-]{1,12}){0,3}$/),
    fc.constantFrom('', '?lang=zh-CN', '?a=1&b=%E4%B8%AD', '#section-2'),
  )
  .map(([origin, path, rest]) => `${origin}${path}${rest}`);

/** Dates a and b, each optional, in order when both are given. */
const orderedDatesArb = fc.tuple(opt(dateArb), opt(dateArb)).map(([a, b]) => (a && b && b < a ? [b, a] : [a, b]));

// ---------------------------------------------------------------------------
// Records. A context says which keys exist for references.

export interface KeyContext {
  sides: string[];
  people: string[];
  issues: string[];
  topics: string[];
}

function emptyList<T>(): fc.Arbitrary<T[]> {
  return fc.constant([] as T[]);
}

function pickFrom<T>(values: readonly T[]): fc.Arbitrary<T> | undefined {
  return values.length === 0 ? undefined : fc.constantFrom(...values);
}

/** A list field: sometimes absent, sometimes [], sometimes with items. */
function listArb<T>(item: fc.Arbitrary<T> | undefined, maxLength: number): fc.Arbitrary<T[] | undefined> {
  return opt(item === undefined ? emptyList<T>() : fc.array(item, { maxLength }));
}

function sideArb(key: string): fc.Arbitrary<DialogueFields['sides'][number]> {
  return rec({
    key: fc.constant(key),
    country: countryArb,
    agency: textArb,
    pressContact: opt(rec({ office: textArb, email: opt(emailArb), phone: opt(phoneArb) }).map(present)),
    about: opt(textArb),
  }).map(present);
}

function dialogueArb(ctx: KeyContext): fc.Arbitrary<DialogueDoc> {
  const side = fc.constantFrom(...ctx.sides);
  const names = fc
    .tuple(...[null, ...ctx.sides].map((s) => fc.option(textArb.map((text) => ({ side: s, text })))))
    .map((all) => all.filter((n) => n !== null))
    .filter((all) => all.length > 0);
  const people = fc.tuple(
    ...ctx.people.map((key) => rec({ key: fc.constant(key), side, name: textArb, title: textArb })),
  );
  const principles = fc.uniqueArray(
    rec({ side, kind: fc.constantFrom(...PRINCIPLE_KINDS), topic: fc.constantFrom(...ctx.topics), text: textArb }),
    { maxLength: 4, selector: (p) => `${p.side}/${p.kind}/${p.topic}` },
  );
  const established = rec({
    date: dateArb,
    place: opt(placeArb),
    by: opt(fc.subarray(ctx.people)),
    occasion: opt(textArb),
  }).map(present);
  return rec({
    key: keyArb,
    names,
    level: fc.constantFrom(...LEVELS),
    cadence: opt(textArb),
    mandate: opt(textArb),
    established: opt(established),
    sides: fc.tuple(...ctx.sides.map(sideArb)),
    // An empty list may be written or left out.
    people: ctx.people.length > 0 ? people : opt(emptyList<Person>()),
    principles: opt(principles),
  }).map(present);
}

function issueArb(key: string, ctx: KeyContext): fc.Arbitrary<IssueDoc> {
  const n = ctx.sides.length;
  const raisedAndRespondent = fc
    .tuple(fc.nat(n - 1), fc.nat(n - 2))
    .map(([a, b]) => [ctx.sides[a]!, ctx.sides[b >= a ? b + 1 : b]!] as const);
  const topic = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ctx.topics) }, { weight: 1, arbitrary: keyArb });
  return fc
    .tuple(
      raisedAndRespondent,
      rec({
        title: textArb,
        summary: opt(textArb),
        category: fc.constantFrom(...CATEGORIES),
        topics: listArb(topic, 3),
        sectors: listArb(textArb, 2),
        products: listArb(hsCodeArb, 3),
        economies: listArb(countryArb, 3),
        regions: listArb(textArb, 2),
        status: opt(fc.constantFrom(...ISSUE_STATUSES)),
        visibility: opt(fc.constantFrom(...VISIBILITIES)),
        owner: opt(fc.constantFrom(...ctx.sides)),
      }),
    )
    .map(([[raisedBy, respondent], fields]) => present({ key, raisedBy, respondent, ...fields }));
}

/** An outcome with a placeholder key: `assignOutcomeKeys` gives the real ones. */
function outcomeArb(ctx: KeyContext): fc.Arbitrary<OutcomeDoc> {
  return rec({
    key: fc.constant(''),
    kind: fc.constantFrom(...OUTCOME_KINDS),
    title: textArb,
    owners: opt(fc.subarray(ctx.sides)),
    due: opt(dateArb),
    status: opt(fc.constantFrom(...OUTCOME_STATUSES)),
  }).map(present);
}

function accountArb(side: string | null, ctx: KeyContext): fc.Arbitrary<AccountDoc> {
  const by = fc.constantFrom(...ctx.sides);
  const issue = pickFrom(ctx.issues);
  const raised =
    issue === undefined
      ? opt(emptyList<Raising>())
      : opt(
          fc.uniqueArray(rec({ by, issue, stance: fc.constantFrom(...STANCES) }), {
            maxLength: 4,
            selector: (r) => `${r.by}/${r.issue}`,
          }),
        );
  const leadBy = pickFrom(ctx.people);
  const nextMeeting = rec({
    place: opt(placeArb),
    when: textArb,
    dates: orderedDatesArb,
    leadBy: leadBy === undefined ? fc.constant(undefined) : opt(leadBy),
  }).map(({ dates: [earliest, latest], ...rest }) => present({ ...rest, earliest, latest }));
  const source = rec({ title: opt(textStringArb), url: opt(urlArb), language: opt(languageTagArb) }).map(present);
  return rec({
    side: fc.constant(side),
    published: opt(dateArb),
    source: opt(source),
    raised,
    outcomes: listArb(outcomeArb(ctx), 3),
    nextMeeting: opt(nextMeeting),
    notes: opt(textArb),
  }).map(present);
}

/**
 * A meeting with the given key and number whose references are to `ctx`.
 * Its outcomes have placeholder keys: pass the result to `assignOutcomeKeys`.
 */
export function meetingArb(id: { key: string; number: number }, ctx: KeyContext): fc.Arbitrary<MeetingDoc> {
  const chair = pickFrom(ctx.people);
  const accounts = fc
    .shuffledSubarray([...ctx.sides, null])
    .chain((sides) => fc.tuple(...sides.map((s) => accountArb(s, ctx))));
  return rec({
    format: fc.constantFrom(...MEETING_FORMATS),
    span: dateSpanArb(10),
    hasEndDate: fc.boolean(),
    place: placeArb,
    hasPlace: fc.boolean(),
    host: opt(fc.constantFrom(...ctx.sides)),
    chairs: chair === undefined ? opt(emptyList<string>()) : opt(fc.subarray(ctx.people)),
    participants: listArb(rec({ side: fc.constantFrom(...ctx.sides), text: textArb }), 3),
    accounts: opt(accounts),
  }).map(({ format, span, hasEndDate, place, hasPlace, ...rest }) =>
    present({
      key: id.key,
      number: id.number,
      date: span.date,
      endDate: hasEndDate ? span.endDate : undefined,
      format,
      // A place is required in person and hybrid, optional otherwise.
      place: hasPlace || format === 'in-person' || format === 'hybrid' ? place : undefined,
      ...rest,
    }),
  );
}

/**
 * Gives the outcomes of `meetings` the keys of `pool`, in order, and drops the
 * outcomes left without one: outcome keys are unique in the whole dialogue.
 */
export function assignOutcomeKeys(meetings: readonly MeetingDoc[], pool: readonly string[]): MeetingDoc[] {
  let next = 0;
  return meetings.map((m) =>
    m.accounts === undefined
      ? m
      : {
          ...m,
          accounts: m.accounts.map((a) => {
            if (a.outcomes === undefined) return a;
            const outcomes: OutcomeDoc[] = [];
            for (const o of a.outcomes) {
              const key = pool[next++];
              if (key !== undefined) outcomes.push({ ...o, key });
            }
            return { ...a, outcomes };
          }),
        },
  );
}

export interface BundleOptions {
  /** At least this many issues (default 0). */
  minIssues?: number;
  /** At most this many meetings (default 4). */
  maxMeetings?: number;
}

/** A valid parley-dialogue/1 bundle. */
export function bundleArb(options: BundleOptions = {}): fc.Arbitrary<BundleDoc> {
  const minIssues = options.minIssues ?? 0;
  const maxMeetings = options.maxMeetings ?? 4;
  const skeleton = rec({
    sides: fc.uniqueArray(keyArb, { minLength: 2, maxLength: 4 }),
    people: fc.uniqueArray(keyArb, { maxLength: 5 }),
    issues: fc.uniqueArray(keyArb, { minLength: minIssues, maxLength: Math.max(minIssues, 6) }),
    topics: fc.uniqueArray(keyArb, { minLength: 1, maxLength: 4 }),
    meetingKeys: fc.uniqueArray(keyArb, { maxLength: maxMeetings }),
    numbers: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100_000 })), {
      minLength: maxMeetings,
      maxLength: maxMeetings,
    }),
    outcomeKeys: fc.uniqueArray(keyArb, { maxLength: 10 }),
  });
  return skeleton.chain((s) => {
    const ctx: KeyContext = { sides: s.sides, people: s.people, issues: s.issues, topics: s.topics };
    const numbers = s.numbers.slice(0, s.meetingKeys.length).sort((a, b) => a - b);
    return fc
      .record({
        dialogue: dialogueArb(ctx),
        issues: fc.tuple(...s.issues.map((key) => issueArb(key, ctx))),
        meetings: fc.tuple(...s.meetingKeys.map((key, i) => meetingArb({ key, number: numbers[i]! }, ctx))),
        writeEmptyIssues: fc.boolean(),
        writeEmptyMeetings: fc.boolean(),
      })
      .map(({ dialogue, issues, meetings, writeEmptyIssues, writeEmptyMeetings }): BundleDoc => {
        const doc: BundleDoc = { format: 'parley-dialogue/1', dialogue };
        if (issues.length > 0 || writeEmptyIssues) doc.issues = issues;
        if (meetings.length > 0 || writeEmptyMeetings) doc.meetings = assignOutcomeKeys(meetings, s.outcomeKeys);
        return doc;
      });
  });
}

/** Every outcome key of a bundle. */
export function outcomeKeysOf(doc: BundleDoc): string[] {
  return (doc.meetings ?? []).flatMap((m) => (m.accounts ?? []).flatMap((a) => (a.outcomes ?? []).map((o) => o.key)));
}
