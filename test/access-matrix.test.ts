/**
 * The access matrix (issue 3, acceptance 1): every route of the app × every
 * caller × every tier of the record the route touches gets the answer the
 * rules require, and a read's body holds exactly the records the caller may see.
 *
 * The expectations come from one table, MATRIX, with one entry per route
 * (method + path template). The routes themselves are read from the app
 * (`printRoutes`), so a route added without an entry here fails the first test.
 *
 * Callers: admin, lead, analyst, public-affairs and reporter of each side (the
 * demo users), two API tokens of the U.S. lead (read and write scope), and the
 * public. Tiers: a record internal to us, internal to cn, shared, public — for
 * dialogues, issues, meetings, accounts and outcomes (fixtures made below).
 * The rule says 404, not 403, for a record the caller may not see, so that its
 * existence does not leak; 403 is for what the caller's role or token may not
 * do whatever the record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { exportBundle } from '../src/bundle/export.js';
import { importBundle } from '../src/bundle/import.js';
import { demoEmail } from '../src/demo/demo-users.js';
import { SYSTEM_VIEWER } from '../src/domain/access/viewer.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { addUser, createApiToken } from '../src/domain/auth/auth.service.js';
import { ROLES as PRODUCT_ROLES } from '../src/domain/auth/roles.js';
import { rebuildSearchIndex } from '../src/storage/search.indexer.js';
import { testApp, type TestApp } from './helpers/app.js';
import { authHeaders, signInDemo } from './helpers/session.js';
import { multipart, png } from './helpers/report-files.js';
import { freshReadout, publishedReadout, dropWorkingCopy, type ReadoutSpec } from './helpers/readout-fixtures.js';
import {
  accountShapes,
  expectedAccounts,
  expectedRaisings,
  expectedTimeline,
  seenBy,
  sorted,
  visibleIssueKeys,
  visibleMeetingNumbers,
  visibleOutcomeKeys,
  type AccountBody,
  type Looker,
  type Seen,
} from './helpers/visibility.js';

// ---------------------------------------------------------------------------
// Callers

const SIDES = ['us', 'cn'] as const;
type SideKey = (typeof SIDES)[number];
const ROLES = ['admin', 'lead', 'analyst', 'public-affairs', 'reporter'] as const;
type Role = (typeof ROLES)[number];
/** Roles of a delegation: they see their side's internal records. A reporter is a company. */
const STAFF: readonly Role[] = ['admin', 'lead', 'analyst', 'public-affairs'];

interface Caller {
  id: string;
  side?: SideKey;
  role?: Role;
  via: 'session' | 'token' | 'public';
  scope: 'read' | 'write';
}

const CALLERS: Caller[] = [
  ...SIDES.flatMap((side) =>
    ROLES.map((role): Caller => ({ id: `${side}-${role}`, side, role, via: 'session', scope: 'write' })),
  ),
  { id: 'us-lead-token-read', side: 'us', role: 'lead', via: 'token', scope: 'read' },
  { id: 'us-lead-token-write', side: 'us', role: 'lead', via: 'token', scope: 'write' },
  { id: 'public', via: 'public', scope: 'read' },
];

function looker(c: Caller): Looker {
  return c.side !== undefined && c.role !== undefined && STAFF.includes(c.role) ? { staffOf: c.side } : {};
}

// ---------------------------------------------------------------------------
// Tiers, and the rules built on them

const TIERS = ['internal-us', 'internal-cn', 'shared', 'public'] as const;
type Tier = (typeof TIERS)[number];

/** Whether the caller may see a record of that tier in a dialogue between us and cn. */
function sees(c: Caller, tier: Tier): boolean {
  if (tier === 'public') return true;
  const staffOf = looker(c).staffOf;
  if (staffOf === undefined) return false;
  return tier === 'shared' || tier === `internal-${staffOf}`;
}

/** The expected status for a caller (and the tier of the case, when it has one). */
type Rule = (c: Caller, tier: Tier | undefined) => number;

/** Anyone, signed in or not. */
const anyone =
  (status = 200): Rule =>
  () =>
    status;

/** Any signed-in caller; the public gets 401. */
const signedIn =
  (status = 200): Rule =>
  (c) =>
    c.via === 'public' ? 401 : status;

/** The public register: what is public, whoever asks; 404 for any other tier, even for its owners. */
const publicOnly: Rule = (_c, tier) => (tier === undefined || tier === 'public' ? 200 : 404);

/** A read of a tiered record: 404 for a caller who may not see it. */
const readable: Rule = (c, tier) => (tier === undefined || sees(c, tier) ? 200 : 404);

/**
 * A write: 401 for the public; 403 for a role (or read-only token) that may
 * never do it; 404 for a record the caller may not see; 403 when the record is
 * another side's (`own`); else `status`.
 */
function write(roles: readonly Role[], status: number, own?: (c: Caller, tier: Tier) => boolean): Rule {
  return (c, tier) => {
    if (c.via === 'public') return 401;
    if (c.scope !== 'write' || c.role === undefined || !roles.includes(c.role)) return 403;
    if (tier !== undefined && !sees(c, tier)) return 404;
    if (tier !== undefined && own && !own(c, tier)) return 403;
    return status;
  };
}

// ---------------------------------------------------------------------------
// Fixtures: one record of each tier for every kind the routes touch.

const DIALOGUE = 'us-cn-ciwg';

interface Fixtures {
  /** Dialogue of each tier (us-cn-ciwg is the public one). */
  dialogue: Record<Tier, { key: string; id: string }>;
  issue: Record<Tier, { key: string; id: string; owner: string }>;
  meeting: Record<Tier, { number: number; id: string }>;
  /** Accounts of each tier: internal ones sit in the shared meeting 4. */
  account: Record<Tier, { id: string }>;
  outcome: Record<Tier, { key: string; id: string; owners: string[]; account: string | null }>;
  /** For readouts: a meeting of the tier and a side whose account of it has the same tier. */
  readout: Record<Tier, { number: number; side: string }>;
  person: { id: string };
  side: { id: string };
  principle: { id: string };
  passwordUser: { email: string; password: string };
  userIdOf: Map<string, string>;
}

let h: TestApp;
let fx: Fixtures;
const credentials = new Map<string, Record<string, string>>();

let tokenCount = 0;
async function newToken(userEmail: string, scope: 'read' | 'write'): Promise<{ token: string; id: string }> {
  const userId = fx.userIdOf.get(userEmail)!;
  const { token, record } = await createApiToken(h.auth, SYSTEM_ACTOR, userId, {
    name: `matrix ${++tokenCount}`,
    scope,
  });
  return { token, id: record.id };
}

/** A saved search of the user with that e-mail (named so that a list holding it is recognised); its id. */
async function savedSearchOf(userEmail: string): Promise<string> {
  const name = userEmail === fx.passwordUser.email ? 'matrix-other-user' : 'matrix-mine';
  const saved = await h.t.store.savedSearches.create(
    SYSTEM_ACTOR,
    fx.userIdOf.get(userEmail)!,
    { name, query: { q: 'data' }, alert: false, language: 'en' },
    [],
  );
  return saved.id;
}

/** Headers that make a request come from `c`; `fresh` mints new credentials (for requests that end them). */
async function credentialsOf(c: Caller, fresh = false): Promise<Record<string, string>> {
  if (!fresh && credentials.has(c.id)) return credentials.get(c.id)!;
  let headers: Record<string, string> = {};
  if (c.via === 'session') headers = authHeaders(await signInDemo(h.app, c.side!, c.role!));
  if (c.via === 'token') headers = { authorization: `Bearer ${(await newToken(emailOf(c)!, c.scope)).token}` };
  if (!fresh) credentials.set(c.id, headers);
  return headers;
}

function emailOf(c: Caller): string | undefined {
  return c.side && c.role ? demoEmail(c.side, c.role) : undefined;
}

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  const rows = (await query.execute(h.t.db)).rows;
  assert.equal(rows.length, 1, 'fixture query found exactly one row');
  return rows[0]!;
}

async function makeFixtures(): Promise<Fixtures> {
  const store = h.t.store;
  const demo = await exportBundle(store, SYSTEM_VIEWER, DIALOGUE);
  const m1 = demo.meetings.find((m) => m.number === 1)!;
  const outcome = (key: string, owners: string[]) => ({
    key,
    kind: 'action' as const,
    title: { en: `Outcome ${key}` },
    owners,
  });
  const meeting = (key: string, number: number) => ({
    key,
    number,
    date: `2025-0${number}-01`,
    format: 'video' as const,
  });
  // Meetings 2-4 and a joint statement of meeting 1; their tiers are set below, in SQL.
  await importBundle(store, {
    format: 'parley-dialogue/1',
    dialogue: demo.dialogue,
    meetings: [
      {
        ...m1,
        accounts: [
          {
            side: null,
            raised: [
              { by: 'cn', issue: 'business-visa-delays', stance: 'raised' },
              { by: 'us', issue: 'agricultural-inspection-delays', stance: 'concern' },
            ],
            outcomes: [outcome('fx-m1-joint', ['us', 'cn'])],
          },
        ],
      },
      {
        ...meeting('fx-meeting-internal-us', 2),
        accounts: [
          {
            side: 'us',
            raised: [{ by: 'us', issue: 'medical-device-procurement', stance: 'concern' }],
            outcomes: [outcome('fx-m2-us', ['us'])],
          },
          // Shared, but in a meeting internal to us: as hidden from cn as the meeting.
          { side: 'cn', raised: [{ by: 'cn', issue: 'section-301-tariffs', stance: 'opposes' }] },
        ],
      },
      {
        ...meeting('fx-meeting-internal-cn', 3),
        accounts: [
          {
            side: 'cn',
            raised: [{ by: 'cn', issue: 'business-visa-delays', stance: 'concern' }],
            outcomes: [outcome('fx-m3-cn', ['cn'])],
          },
          { side: 'us', raised: [{ by: 'us', issue: 'regulatory-transparency', stance: 'concern' }] },
        ],
      },
      {
        ...meeting('fx-meeting-shared', 4),
        accounts: [
          {
            side: 'us',
            raised: [
              { by: 'us', issue: 'medical-device-procurement', stance: 'strong-concern' },
              { by: 'us', issue: 'cross-border-data-flows', stance: 'concern' },
            ],
            outcomes: [outcome('fx-m4-us', ['us'])],
          },
          {
            side: 'cn',
            raised: [{ by: 'cn', issue: 'business-visa-delays', stance: 'concern' }],
            outcomes: [outcome('fx-m4-cn', ['cn'])],
          },
          {
            side: null,
            raised: [{ by: 'us', issue: 'agricultural-inspection-delays', stance: 'raised' }],
            outcomes: [outcome('fx-m4-joint', ['us', 'cn'])],
          },
        ],
      },
    ],
  });
  const db = h.t.db;
  const setTier = (table: string, where: ReturnType<typeof sql>, visibility: string, owner: string | null) =>
    sql`update ${sql.table(table)} set visibility = ${visibility}, owner_side = ${owner} where ${where}`.execute(db);
  const meetingId = (key: string) => sql`(select id from meetings where key = ${key})`;
  await setTier('meetings', sql`key = 'fx-meeting-internal-us'`, 'internal', 'us');
  await setTier(
    'accounts',
    sql`meeting_id = ${meetingId('fx-meeting-internal-us')} and side_key = 'us'`,
    'internal',
    'us',
  );
  await setTier('outcomes', sql`key = 'fx-m2-us'`, 'internal', 'us');
  await setTier('meetings', sql`key = 'fx-meeting-internal-cn'`, 'internal', 'cn');
  await setTier(
    'accounts',
    sql`meeting_id = ${meetingId('fx-meeting-internal-cn')} and side_key = 'cn'`,
    'internal',
    'cn',
  );
  await setTier('outcomes', sql`key = 'fx-m3-cn'`, 'internal', 'cn');
  await setTier('meetings', sql`key = 'fx-meeting-shared'`, 'shared', null);
  for (const side of SIDES) {
    await setTier(
      'accounts',
      sql`meeting_id = ${meetingId('fx-meeting-shared')} and side_key = ${side}`,
      'internal',
      side,
    );
    await setTier('outcomes', sql`key = ${`fx-m4-${side}`}`, 'internal', side);
  }
  await setTier('accounts', sql`meeting_id = ${meetingId('fx-meeting-shared')} and side_key is null`, 'shared', null);
  await setTier('outcomes', sql`key = 'fx-m4-joint'`, 'shared', null);

  // Small dialogues of the other tiers, each with a public issue and a public meeting.
  const tierDialogue = { 'internal-us': 'fx-dialogue-internal-us', 'internal-cn': 'fx-dialogue-internal-cn' } as const;
  for (const key of [tierDialogue['internal-us'], tierDialogue['internal-cn'], 'fx-dialogue-shared']) {
    await importBundle(store, {
      format: 'parley-dialogue/1',
      dialogue: {
        key,
        names: [{ side: null, text: { en: `Dialogue ${key}` } }],
        level: 'technical',
        sides: demo.dialogue.sides,
      },
      issues: [
        {
          key: 'fx-public-issue',
          title: { en: `A public issue of ${key}` },
          raisedBy: 'us',
          respondent: 'cn',
          category: 'other',
          visibility: 'public',
        },
      ],
      meetings: [
        {
          ...meeting('fx-meeting', 1),
          accounts: [
            {
              side: 'us',
              published: '2025-01-02',
              raised: [{ by: 'us', issue: 'fx-public-issue', stance: 'raised' }],
              outcomes: [outcome('fx-outcome', ['us', 'cn'])],
            },
          ],
        },
      ],
    });
  }
  await setTier('dialogues', sql`key = ${tierDialogue['internal-us']}`, 'internal', 'us');
  await setTier('dialogues', sql`key = ${tierDialogue['internal-cn']}`, 'internal', 'cn');
  await setTier('dialogues', sql`key = 'fx-dialogue-shared'`, 'shared', null);
  // Tiers set in SQL bypass the writes that keep the search index: rebuild it, as `parley search reindex` does.
  await rebuildSearchIndex(db);

  const dialogue = async (key: string) => ({
    key,
    id: (await one<{ id: string }>(sql`select id from dialogues where key = ${key}`)).id,
  });
  const issue = async (key: string) => {
    const r = await one<{ id: string; owner_side: string }>(
      sql`select i.id, i.owner_side from issues i join dialogues d on d.id = i.dialogue_id
          where d.key = ${DIALOGUE} and i.key = ${key}`,
    );
    return { key, id: r.id, owner: r.owner_side };
  };
  const meetingOf = async (number: number) => ({
    number,
    id: (
      await one<{ id: string }>(
        sql`select m.id from meetings m join dialogues d on d.id = m.dialogue_id
            where d.key = ${DIALOGUE} and m.number = ${number}`,
      )
    ).id,
  });
  const account = async (number: number, side: string | null) => ({
    id: (
      await one<{ id: string }>(
        sql`select a.id from accounts a join meetings m on m.id = a.meeting_id join dialogues d on d.id = m.dialogue_id
            where d.key = ${DIALOGUE} and m.number = ${number}
            and ${side === null ? sql`a.side_key is null` : sql`a.side_key = ${side}`}`,
      )
    ).id,
  });
  const outcomeOf = async (key: string) => {
    const r = await one<{ id: string; owners: string[]; side_key: string | null }>(
      sql`select o.id, o.owners, a.side_key from outcomes o join accounts a on a.id = o.account_id
          join dialogues d on d.id = o.dialogue_id where d.key = ${DIALOGUE} and o.key = ${key}`,
    );
    return { key, id: r.id, owners: r.owners, account: r.side_key };
  };
  const anyId = async (table: string) =>
    one<{ id: string }>(
      sql`select t.id from ${sql.table(table)} t join dialogues d on d.id = t.dialogue_id
          where d.key = ${DIALOGUE} and t.visibility = 'public' limit 1`,
    );

  const passwordUser = { email: 'matrix-password@example.gov', password: 'the matrix password 1' };
  await addUser(h.auth, SYSTEM_ACTOR, { ...passwordUser, side: 'us', role: 'analyst' });
  const users = await h.auth.users.list();

  return {
    dialogue: {
      'internal-us': await dialogue(tierDialogue['internal-us']),
      'internal-cn': await dialogue(tierDialogue['internal-cn']),
      shared: await dialogue('fx-dialogue-shared'),
      public: await dialogue(DIALOGUE),
    },
    issue: {
      'internal-us': await issue('medical-device-procurement'),
      'internal-cn': await issue('business-visa-delays'),
      shared: await issue('agricultural-inspection-delays'),
      public: await issue('cross-border-data-flows'),
    },
    meeting: {
      'internal-us': await meetingOf(2),
      'internal-cn': await meetingOf(3),
      shared: await meetingOf(4),
      public: await meetingOf(1),
    },
    account: {
      'internal-us': await account(4, 'us'),
      'internal-cn': await account(4, 'cn'),
      shared: await account(4, null),
      public: await account(1, 'us'),
    },
    outcome: {
      'internal-us': await outcomeOf('fx-m4-us'),
      'internal-cn': await outcomeOf('fx-m4-cn'),
      shared: await outcomeOf('fx-m4-joint'),
      public: await outcomeOf('healthcare-and-womens-health'),
    },
    readout: {
      'internal-us': { number: 2, side: 'us' },
      'internal-cn': { number: 3, side: 'cn' },
      shared: { number: 4, side: 'joint' },
      public: { number: 1, side: 'us' },
    },
    person: await anyId('people'),
    side: await anyId('sides'),
    principle: await anyId('principles'),
    passwordUser,
    userIdOf: new Map(users.map((u) => [u.email, u.id])),
  };
}

// ---------------------------------------------------------------------------
// Body checks: a read holds exactly what the caller may see (the oracle of helpers/visibility.ts).

async function seen(c: Caller): Promise<Seen> {
  return seenBy(h.t.db, looker(c));
}

// ---------------------------------------------------------------------------
// The table

interface Request {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface Case {
  /** The tier of the record the request touches; undefined for routes about no tiered record. */
  tier?: Tier;
  /** What the case is, when a route has more than one kind of case. */
  label?: string;
  request: (c: Caller) => Request | Promise<Request>;
  /** Overrides the route's rule for this case. */
  rule?: Rule;
  /** Checks the body of a successful answer. */
  check?: (res: LightMyRequestResponse, c: Caller) => void | Promise<void>;
}

interface Entry {
  rule: Rule;
  cases: () => Case[];
  /** The request ends or replaces the caller's session: run it with new credentials. */
  fresh?: boolean;
}

const byTier =
  (make: (tier: Tier) => Omit<Case, 'tier'>): (() => Case[]) =>
  () =>
    TIERS.map((tier) => ({ tier, ...make(tier) }));
const single =
  (make: Omit<Case, 'tier'>): (() => Case[]) =>
  () => [make];
const get = (url: string) => () => ({ url });

const D = '/api/v1/dialogues';
const ALL_ISSUES = '/api/v1/issues?limit=200';

/** The current version of a record, for If-Match. */
async function versionOf(query: ReturnType<typeof sql<{ version: number }>>): Promise<Record<string, string>> {
  const rows = (await query.execute(h.t.db)).rows;
  return rows[0] ? { 'if-match': `"${rows[0].version}"` } : {};
}

const ifMatch = {
  issue: (key: string) =>
    versionOf(
      sql`select i.version from issues i join dialogues d on d.id = i.dialogue_id where d.key = ${DIALOGUE} and i.key = ${key}`,
    ),
  meeting: (dialogue: string, number: number) =>
    versionOf(
      sql`select m.version from meetings m join dialogues d on d.id = m.dialogue_id where d.key = ${dialogue} and m.number = ${number}`,
    ),
  account: (number: number, side: string | null) =>
    versionOf(
      sql`select a.version from accounts a join meetings m on m.id = a.meeting_id join dialogues d on d.id = m.dialogue_id
          where d.key = ${DIALOGUE} and m.number = ${number}
          and ${side === null ? sql`a.side_key is null` : sql`a.side_key = ${side}`}`,
    ),
  outcome: (key: string) =>
    versionOf(
      sql`select o.version from outcomes o join dialogues d on d.id = o.dialogue_id where d.key = ${DIALOGUE} and o.key = ${key}`,
    ),
};

let serial = 0;
const uniqueKey = (c: Caller, what: string) => `mx-${what}-${c.id}-${++serial}`;
const sideOf = (c: Caller): SideKey => c.side ?? 'us';
const otherSide = (side: SideKey): SideKey => (side === 'us' ? 'cn' : 'us');

const historyCases = (kind: string, idOf: (tier: Tier) => string): Case[] =>
  TIERS.map((tier) => ({
    tier,
    label: kind,
    request: () => ({ url: `/api/v1/${kind}/${idOf(tier)}/history` }),
    check: (res) => assert.ok((res.json() as { items: unknown[] }).items.length > 0, 'a visible record has history'),
  }));

/** Stored readouts of each tier: drafts of meeting 1 (internal to a side), the joint draft of the shared meeting 4, a published one. */
const READOUT_SPEC: Record<Tier, ReadoutSpec> = {
  'internal-us': { number: 1, side: 'us', lang: 'en' },
  'internal-cn': { number: 1, side: 'cn', lang: 'en' },
  shared: { number: 4, side: 'joint', lang: 'en' },
  public: { number: 1, side: 'us', lang: 'zh' },
};
const readouts = new Map<Tier, { id: string; version: number }>();
/** The readout of a tier: kept for reads; a fresh working copy in `state` for writes (the published one stays). */
async function readoutOf(t: Tier, state?: 'draft' | 'approved'): Promise<{ id: string; version: number }> {
  if (t === 'public') {
    if (state) await dropWorkingCopy(h.t, READOUT_SPEC[t]);
    const p = readouts.get(t) ?? (await publishedReadout(h.t, READOUT_SPEC[t]));
    readouts.set(t, p);
    return p;
  }
  if (!state && readouts.has(t)) return readouts.get(t)!;
  const r = await freshReadout(h.t, READOUT_SPEC[t], state ?? 'draft');
  readouts.set(t, r);
  return r;
}
const readoutUrl = (t: Tier, r: { id: string }) =>
  `${D}/${DIALOGUE}/meetings/${READOUT_SPEC[t].number}/readouts/${r.id}`;
/** Whose readout it is: the side's own, or either side's joint statement (the public one is the U.S. readout). */
const readoutOwn = (c: Caller, t: Tier) =>
  t === 'shared' || (t === 'public' ? c.side === 'us' : t === `internal-${c.side}`);

// Reports (issue 4): addressed to one side; only its leads and analysts triage them (reads need no write scope).
const TRIAGE: readonly Role[] = ['lead', 'analyst'];
const reportBody = (side: SideKey) => ({
  language: 'zh',
  organisation: { name: '矩阵测试公司', kind: 'company' },
  contact: { name: '测试', email: 'matrix-reporter@example.cn' },
  consent: { shareWithCounterpart: false, shareWithPublic: false },
  economy: 'CN',
  addressedTo: side,
  description: '跨境数据流动的审批要求不明确。',
});
/** A report merged into the fixture issue of that tier by the side that holds the issue (once); the holder. */
const reportsBehind = new Map<Tier, Promise<SideKey>>();
function reportBehind(t: Tier): Promise<SideKey> {
  if (!reportsBehind.has(t)) {
    reportsBehind.set(
      t,
      (async () => {
        const { holder } = await one<{ holder: SideKey }>(
          sql`select coalesce(owner_side, raised_by) as holder from issues where id = ${fx.issue[t].id}`,
        );
        const { reference } = await newReport(holder);
        const issue = { id: fx.issue[t].id, dialogue: DIALOGUE, key: fx.issue[t].key };
        await h.t.store.reports.merge(SYSTEM_ACTOR, holder, issue, [reference]);
        return holder;
      })(),
    );
  }
  return reportsBehind.get(t)!;
}
async function newReport(side: SideKey): Promise<{ reference: string; statusUrl: string }> {
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody(side) });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { reference: string; statusUrl: string };
}
/** A report addressed to `side` with one file, and that file's id (read in SQL: most callers may not see it). */
async function newReportWithFile(side: SideKey): Promise<{ reference: string; id: string }> {
  const form = multipart([
    { name: 'report', value: JSON.stringify(reportBody(side)) },
    { name: 'attachments', filename: '营业执照.png', content: png() },
  ]);
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: form.payload,
    headers: form.headers,
  });
  assert.equal(res.statusCode, 201, res.body);
  const { reference } = res.json() as { reference: string };
  const row = await one(
    sql<{ id: string }>`select a.id from report_attachments a join reports r on r.id = a.report_id
      where r.reference = ${reference}`,
  );
  return { reference, id: row.id };
}
/** A report addressed to `to` with one open question, asked by the installation. */
async function askedReport(to: SideKey): Promise<{ reference: string; statusUrl: string; question: string }> {
  const r = await newReport(to);
  const q = await h.t.store.questions.ask(SYSTEM_ACTOR, to, r.reference, 'Since when?');
  return { ...r, question: q!.id };
}
/** A write that creates: 201 where the rule says 200. */
const created =
  (rule: Rule): Rule =>
  (c, tier) => {
    const status = rule(c, tier);
    return status === 200 ? 201 : status;
  };
/** A triage read of a report addressed to `to` (undefined: the side's queue). */
const triageRead =
  (to?: SideKey): Rule =>
  (c) =>
    c.via === 'public' ? 401 : !TRIAGE.includes(c.role!) ? 403 : to !== undefined && c.side !== to ? 404 : 200;
/** A triage write about a record of side `to`. */
const triageWrite =
  (to: (c: Caller) => SideKey): Rule =>
  (c) =>
    c.via === 'public' ? 401 : c.scope !== 'write' || !TRIAGE.includes(c.role!) ? 403 : c.side !== to(c) ? 404 : 200;
/** An issue held by each side in the demo dialogue. */
const ISSUE_OF: Record<SideKey, string> = { us: 'cross-border-data-flows', cn: 'section-301-tariffs' };
const reportCases =
  (path: (reference: string) => string): (() => Case[]) =>
  () =>
    SIDES.map((to) => ({
      label: `addressed to ${to}`,
      rule: triageRead(to),
      request: async () => ({ url: path((await newReport(to)).reference) }),
    }));

const MATRIX: Record<string, Entry> = {
  // System, documentation
  'GET /healthz': { rule: anyone(), cases: single({ request: get('/healthz') }) },
  'GET /readyz': { rule: anyone(), cases: single({ request: get('/readyz') }) },
  'GET /api/v1/installation': { rule: anyone(), cases: single({ request: get('/api/v1/installation') }) },
  'GET /api/openapi.json': { rule: anyone(), cases: single({ request: get('/api/openapi.json') }) },
  'GET /api/docs': { rule: anyone(), cases: single({ request: get('/api/docs') }) },
  'GET /api/docs/': { rule: anyone(), cases: single({ request: get('/api/docs/') }) },
  'GET /api/docs/static/index.html': {
    rule: anyone(302),
    cases: single({ request: get('/api/docs/static/index.html') }),
  },
  'GET /api/docs/static/swagger-initializer.js': {
    rule: anyone(),
    cases: single({ request: get('/api/docs/static/swagger-initializer.js') }),
  },
  'GET /api/docs/*': { rule: anyone(), cases: single({ request: get('/api/docs/static/swagger-ui.css') }) },
  'GET /api/docs/json': { rule: anyone(), cases: single({ request: get('/api/docs/json') }) },
  'GET /api/docs/yaml': { rule: anyone(), cases: single({ request: get('/api/docs/yaml') }) },

  // Session, my account, demo sign-in
  'POST /api/v1/session': {
    rule: anyone(204),
    fresh: true,
    cases: single({ request: () => ({ url: '/api/v1/session', payload: fx.passwordUser }) }),
  },
  'DELETE /api/v1/session': { rule: signedIn(204), fresh: true, cases: single({ request: get('/api/v1/session') }) },
  'GET /api/v1/me': {
    rule: signedIn(),
    cases: single({
      request: get('/api/v1/me'),
      check: (res, c) => {
        const me = res.json() as { user: { email: string }; scope: string };
        assert.equal(me.user.email, emailOf(c));
        assert.equal(me.scope, c.scope);
      },
    }),
  },
  'GET /api/v1/me/sessions': { rule: signedIn(), cases: single({ request: get('/api/v1/me/sessions') }) },
  'GET /api/v1/me/tokens': {
    rule: signedIn(),
    cases: single({
      request: get('/api/v1/me/tokens'),
      check: (res) => assert.ok(!/prl_/.test(res.body), 'a token list never holds a token'),
    }),
  },
  'POST /api/v1/me/tokens': {
    // Tokens cannot make tokens (the route does not exist for them).
    rule: (c) => (c.via === 'public' ? 401 : c.via === 'token' ? 404 : 201),
    cases: single({ request: () => ({ url: '/api/v1/me/tokens', payload: { name: 'matrix', scope: 'read' } }) }),
  },
  'DELETE /api/v1/me/tokens/:id': {
    rule: signedIn(204),
    cases: () => [
      {
        label: 'my token',
        request: async (c) => ({
          url: `/api/v1/me/tokens/${(await newToken(emailOf(c) ?? demoEmail('us', 'analyst'), 'read')).id}`,
        }),
      },
      {
        label: "another user's token: 404, as if there were none",
        rule: signedIn(404),
        request: async () => ({ url: `/api/v1/me/tokens/${(await newToken(fx.passwordUser.email, 'read')).id}` }),
      },
    ],
  },
  // My saved searches (issue 7): mine only; another user's is 404, as if there were none.
  'GET /api/v1/me/searches': {
    rule: signedIn(),
    cases: single({
      request: async () => {
        await savedSearchOf(fx.passwordUser.email);
        return { url: '/api/v1/me/searches' };
      },
      check: (res) => assert.ok(!/matrix-other-user/.test(res.body), "another user's saved search is never listed"),
    }),
  },
  'POST /api/v1/me/searches': {
    rule: (c) => (c.via === 'public' ? 401 : c.scope !== 'write' ? 403 : 201),
    cases: single({
      request: () => ({ url: '/api/v1/me/searches', payload: { name: 'matrix', query: { q: 'data' }, alert: true } }),
    }),
  },
  'DELETE /api/v1/me/searches/:id': {
    rule: (c) => (c.via === 'public' ? 401 : c.scope !== 'write' ? 403 : 204),
    cases: () => [
      {
        label: 'my saved search',
        request: async (c) => ({
          url: `/api/v1/me/searches/${await savedSearchOf(emailOf(c) ?? demoEmail('us', 'analyst'))}`,
        }),
      },
      {
        label: "another user's saved search: 404, as if there were none",
        rule: (c) => (c.via === 'public' ? 401 : c.scope !== 'write' ? 403 : 404),
        request: async () => ({ url: `/api/v1/me/searches/${await savedSearchOf(fx.passwordUser.email)}` }),
      },
    ],
  },
  'PATCH /api/v1/me/searches/:id': {
    rule: (c) => (c.via === 'public' ? 401 : c.scope !== 'write' ? 403 : 200),
    cases: () => [
      {
        label: 'my saved search',
        request: async (c) => ({
          url: `/api/v1/me/searches/${await savedSearchOf(emailOf(c) ?? demoEmail('us', 'analyst'))}`,
          payload: { name: 'matrix-renamed', alert: true },
          headers: { 'if-match': '"1"' },
        }),
      },
      {
        label: "another user's saved search: 404, as if there were none",
        rule: (c) => (c.via === 'public' ? 401 : c.scope !== 'write' ? 403 : 404),
        request: async () => ({
          url: `/api/v1/me/searches/${await savedSearchOf(fx.passwordUser.email)}`,
          payload: { name: 'matrix-renamed' },
          headers: { 'if-match': '"1"' },
        }),
      },
    ],
  },
  'GET /api/v1/demo/users': { rule: anyone(), cases: single({ request: get('/api/v1/demo/users') }) },
  'POST /api/v1/demo/session': {
    rule: anyone(204),
    fresh: true,
    cases: single({ request: () => ({ url: '/api/v1/demo/session', payload: { email: demoEmail('cn', 'analyst') } }) }),
  },

  // Dialogues and what hangs from them
  'GET /api/v1/dialogues': {
    rule: anyone(),
    cases: single({
      request: get(D),
      check: async (res, c) => {
        const s = await seen(c);
        const items = (res.json() as { items: { key: string; issueCount: number; meetingCount: number }[] }).items;
        assert.deepEqual(sorted(items.map((d) => d.key)), sorted(s.mine.dialogues.map((d) => d.key)));
        for (const d of items) {
          assert.equal(d.issueCount, visibleIssueKeys(s, d.key).length, `issueCount of ${d.key}`);
          assert.equal(d.meetingCount, visibleMeetingNumbers(s, d.key).length, `meetingCount of ${d.key}`);
        }
      },
    }),
  },
  'GET /api/v1/dialogues/:key': {
    rule: readable,
    cases: byTier((t) => ({ request: () => ({ url: `${D}/${fx.dialogue[t].key}` }) })),
  },
  'GET /api/v1/dialogues/:key/sides': {
    rule: readable,
    cases: byTier((t) => ({ request: () => ({ url: `${D}/${fx.dialogue[t].key}/sides` }) })),
  },
  'GET /api/v1/dialogues/:key/people': {
    rule: readable,
    cases: byTier((t) => ({ request: () => ({ url: `${D}/${fx.dialogue[t].key}/people` }) })),
  },
  'GET /api/v1/dialogues/:key/meetings': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/meetings` }),
      check: async (res, c) => {
        const s = await seen(c);
        const items = (res.json() as { items: { number: number; accountSides: (string | null)[] }[] }).items;
        const key = fx.dialogue[t].key;
        assert.deepEqual(
          items.map((m) => m.number),
          visibleMeetingNumbers(s, key),
        );
        for (const m of items) {
          assert.deepEqual(
            sorted(m.accountSides.map(String)),
            sorted(expectedAccounts(s, key, m.number).map((a) => String(a.side))),
            `accountSides of meeting ${m.number}`,
          );
        }
      },
    })),
  },
  'POST /api/v1/dialogues/:key/meetings': {
    rule: write(['lead'], 201),
    cases: byTier((t) => ({
      request: (c) => ({
        url: `${D}/${fx.dialogue[t].key}/meetings`,
        payload: { key: uniqueKey(c, 'meeting'), number: 100 + ++serial, date: '2026-01-01', format: 'call' },
      }),
    })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}` }),
      check: async (res, c) => {
        const body = res.json() as { accounts: AccountBody[]; accountSides: (string | null)[] };
        const expected = expectedAccounts(await seen(c), DIALOGUE, fx.meeting[t].number);
        assert.deepEqual(accountShapes(body.accounts), expected);
        assert.deepEqual(sorted(body.accountSides.map(String)), sorted(expected.map((a) => String(a.side))));
      },
    })),
  },
  'PATCH /api/v1/dialogues/:key/meetings/:number': {
    rule: write(['lead'], 200),
    cases: byTier((t) => ({
      request: async () => ({
        url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}`,
        payload: {},
        headers: await ifMatch.meeting(DIALOGUE, fx.meeting[t].number),
      }),
    })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number/accounts': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/accounts` }),
      check: async (res, c) => {
        const items = (res.json() as { items: AccountBody[] }).items;
        assert.deepEqual(accountShapes(items), expectedAccounts(await seen(c), DIALOGUE, fx.meeting[t].number));
      },
    })),
  },
  'PUT /api/v1/dialogues/:key/meetings/:number/accounts/:side': {
    rule: write(['lead', 'analyst'], 200),
    cases: () => [
      ...TIERS.map((tier): Case => ({
        tier,
        label: "my side's account",
        request: async (c) => ({
          url: `${D}/${DIALOGUE}/meetings/${fx.meeting[tier].number}/accounts/${sideOf(c)}`,
          payload: {},
          headers: await ifMatch.account(fx.meeting[tier].number, sideOf(c)),
        }),
      })),
      ...TIERS.map((tier): Case => ({
        tier,
        label: "the other side's account: 403 whatever the meeting",
        rule: (c) => (c.via === 'public' ? 401 : 403),
        request: async (c) => ({
          url: `${D}/${DIALOGUE}/meetings/${fx.meeting[tier].number}/accounts/${otherSide(sideOf(c))}`,
          payload: {},
          headers: await ifMatch.account(fx.meeting[tier].number, otherSide(sideOf(c))),
        }),
      })),
      ...TIERS.map((tier): Case => ({
        tier,
        label: 'the joint statement (leads only)',
        rule: write(['lead'], 200),
        request: async () => ({
          url: `${D}/${DIALOGUE}/meetings/${fx.meeting[tier].number}/accounts/joint`,
          payload: {},
          headers: await ifMatch.account(fx.meeting[tier].number, null),
        }),
      })),
    ],
  },
  'GET /api/v1/dialogues/:key/meetings/:number/readout': {
    rule: readable,
    cases: () => [
      ...TIERS.map((tier): Case => ({
        tier,
        request: () => ({
          url: `${D}/${DIALOGUE}/meetings/${fx.readout[tier].number}/readout?side=${fx.readout[tier].side}&format=md`,
        }),
      })),
      {
        tier: 'internal-us',
        label: 'an internal U.S. account of the shared meeting: for cn, as if there were none (409 no-account)',
        rule: (c) => (!sees(c, 'shared') ? 404 : sees(c, 'internal-us') ? 200 : 409),
        request: () => ({ url: `${D}/${DIALOGUE}/meetings/4/readout?side=us&format=md` }),
      },
    ],
  },
  // Readouts in the workflow (issue 6): drafts internal to the side (shared for the joint statement), published ones public.
  'GET /api/v1/dialogues/:key/meetings/:number/readouts': {
    // The list answers whoever sees the meeting (meeting 1 is public, meeting 4 shared); it holds what they may see.
    rule: (c, t) => (t === 'shared' && !sees(c, 'shared') ? 404 : 200),
    cases: byTier((t) => ({
      request: async () => {
        await readoutOf(t);
        return { url: `${D}/${DIALOGUE}/meetings/${READOUT_SPEC[t].number}/readouts` };
      },
      check: async (res, c) => {
        const ids = (res.json() as { items: { id: string }[] }).items.map((r) => r.id);
        assert.equal(ids.includes((await readoutOf(t)).id), sees(c, t), 'the list holds the readout iff seen');
      },
    })),
  },
  'POST /api/v1/dialogues/:key/meetings/:number/readouts': {
    rule: write(['lead', 'public-affairs'], 201, readoutOwn),
    cases: byTier((t) => ({
      request: async () => {
        const spec = { number: fx.readout[t].number, side: fx.readout[t].side, lang: 'en' as const };
        await dropWorkingCopy(h.t, spec);
        return { url: `${D}/${DIALOGUE}/meetings/${spec.number}/readouts`, payload: { side: spec.side, lang: 'en' } };
      },
    })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number/readouts/:id': {
    rule: readable,
    cases: byTier((t) => ({ request: async () => ({ url: readoutUrl(t, await readoutOf(t)) }) })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number/readouts/:id/document': {
    rule: readable,
    cases: byTier((t) => ({
      request: async () => ({ url: `${readoutUrl(t, await readoutOf(t))}/document?format=md` }),
    })),
  },
  'PATCH /api/v1/dialogues/:key/meetings/:number/readouts/:id': {
    rule: write(['lead', 'public-affairs'], 200, readoutOwn),
    cases: byTier((t) => ({
      // Editing a published readout starts a new draft (201).
      rule: t === 'public' ? write(['lead', 'public-affairs'], 201, readoutOwn) : undefined,
      request: async () => {
        const r = await readoutOf(t, 'draft');
        return { url: readoutUrl(t, r), payload: { text: '# Edited\n' }, headers: { 'if-match': `"${r.version}"` } };
      },
    })),
  },
  'POST /api/v1/dialogues/:key/meetings/:number/readouts/:id/approve': {
    rule: write(['lead'], 200, readoutOwn),
    cases: byTier((t) => ({
      rule: t === 'public' ? write(['lead'], 409, readoutOwn) : undefined,
      request: async () => ({ url: `${readoutUrl(t, await readoutOf(t, 'draft'))}/approve` }),
    })),
  },
  'POST /api/v1/dialogues/:key/meetings/:number/readouts/:id/publish': {
    rule: write(['public-affairs'], 200, readoutOwn),
    cases: byTier((t) => ({
      rule: t === 'public' ? write(['public-affairs'], 409, readoutOwn) : undefined,
      request: async () => ({ url: `${readoutUrl(t, await readoutOf(t, 'approved'))}/publish`, payload: {} }),
    })),
  },
  'GET /api/v1/dialogues/:key/outcomes': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/outcomes` }),
      check: async (res, c) => {
        const items = (res.json() as { items: { key: string }[] }).items;
        assert.deepEqual(sorted(items.map((o) => o.key)), visibleOutcomeKeys(await seen(c), fx.dialogue[t].key));
      },
    })),
  },
  'PATCH /api/v1/dialogues/:key/outcomes/:outcomeKey': {
    rule: write(['lead', 'analyst'], 200, (c, t) => {
      const o = fx.outcome[t];
      return o.account === null || o.account === c.side || o.owners.includes(c.side!);
    }),
    cases: byTier((t) => ({
      request: async () => ({
        url: `${D}/${DIALOGUE}/outcomes/${fx.outcome[t].key}`,
        payload: {},
        headers: await ifMatch.outcome(fx.outcome[t].key),
      }),
    })),
  },
  'GET /api/v1/dialogues/:key/bundle': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/bundle` }),
      check: async (res, c) => {
        const s = await seen(c);
        const key = fx.dialogue[t].key;
        const b = res.json() as {
          issues: { key: string }[];
          meetings: { number: number; accounts: AccountBody[] }[];
        };
        assert.deepEqual(sorted(b.issues.map((i) => i.key)), visibleIssueKeys(s, key));
        assert.deepEqual(
          b.meetings.map((m) => m.number),
          visibleMeetingNumbers(s, key),
        );
        for (const m of b.meetings) assert.deepEqual(accountShapes(m.accounts), expectedAccounts(s, key, m.number));
      },
    })),
  },
  'GET /api/v1/dialogues/:key/issues': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/issues?limit=200` }),
      check: async (res, c) => {
        const items = (res.json() as { items: { key: string }[] }).items;
        assert.deepEqual(sorted(items.map((i) => i.key)), visibleIssueKeys(await seen(c), fx.dialogue[t].key));
      },
    })),
  },
  'POST /api/v1/dialogues/:key/issues': {
    rule: write(['lead', 'analyst'], 201),
    cases: byTier((t) => ({
      request: (c) => ({
        url: `${D}/${fx.dialogue[t].key}/issues`,
        payload: {
          key: uniqueKey(c, 'issue'),
          title: { en: 'An issue opened by the matrix' },
          raisedBy: sideOf(c),
          respondent: otherSide(sideOf(c)),
          category: 'other',
        },
      }),
    })),
  },
  'GET /api/v1/dialogues/:key/issues/:issueKey': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/issues/${fx.issue[t].key}` }),
      check: async (res, c) => {
        const s = await seen(c);
        const body = res.json() as { raisings: { meeting: number; side: string | null; by: string }[] };
        assert.deepEqual(
          sorted(body.raisings.map((r) => `${r.meeting}/${r.side}/${r.by}`)),
          expectedRaisings(s, fx.issue[t].id),
        );
      },
    })),
  },
  'PATCH /api/v1/dialogues/:key/issues/:issueKey': {
    rule: write(['lead', 'analyst'], 200, (c, t) => fx.issue[t].owner === c.side),
    cases: byTier((t) => ({
      request: async () => ({
        url: `${D}/${DIALOGUE}/issues/${fx.issue[t].key}`,
        payload: {},
        headers: await ifMatch.issue(fx.issue[t].key),
      }),
    })),
  },
  'GET /api/v1/dialogues/:key/issues/:issueKey/timeline': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/issues/${fx.issue[t].key}/timeline` }),
      check: async (res, c) => {
        const s = await seen(c);
        const body = res.json() as { raisings: { meeting: number; side: string }[] };
        assert.deepEqual(
          sorted(body.raisings.map((r) => `${r.meeting}/${r.side}`)),
          expectedTimeline(s, fx.issue[t].id),
        );
      },
    })),
  },
  'GET /api/v1/dialogues/:key/issues/:issueKey/reports': {
    rule: readable,
    // "Reported by": the holder's leads and analysts get the reports merged into the issue; anyone else who
    // sees the issue only the names consented to (the matrix's reports consent to nothing) and a count.
    cases: byTier((t) => ({
      request: async () => {
        await reportBehind(t);
        return { url: `${D}/${DIALOGUE}/issues/${fx.issue[t].key}/reports` };
      },
      check: async (res, c) => {
        const holder = await reportBehind(t);
        const references = (
          await sql<{ reference: string }>`select reference from reports
            where issue_id = ${fx.issue[t].id} and status = 'merged'`.execute(h.t.db)
        ).rows.map((r) => r.reference);
        assert.ok(references.length > 0);
        const body = res.json() as { items: { reference?: string }[]; unnamed: number };
        if ((c.role === 'lead' || c.role === 'analyst') && c.side === holder) {
          assert.deepEqual(sorted(body.items.map((i) => i.reference ?? '')), sorted(references));
          assert.equal(body.unnamed, 0);
        } else {
          assert.deepEqual(body, { items: [], unnamed: references.length });
        }
        assert.ok(!res.body.includes('matrix-reporter@example.cn'), 'never a contact');
      },
    })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number/agenda/proposals': {
    rule: readable,
    // The proposals for a coming meeting (9): the dialogue is what is touched.
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/meetings/9/agenda/proposals?side=us` }),
      check: async (res, c) => {
        const visible = visibleIssueKeys(await seen(c), fx.dialogue[t].key);
        const items = (res.json() as { items: { issue: string }[] }).items;
        assert.deepEqual(
          items.map((i) => i.issue).filter((k) => !visible.includes(k)),
          [],
          'proposals of issues the caller may not see',
        );
      },
    })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number/accounts/compare': {
    // Meetings 2 and 3 hold two side accounts their owner's staff may see; in
    // meeting 4 each side sees only its own side account, so nobody has a pair.
    rule: (c, t) => (t === 'shared' ? 404 : readable(c, t)),
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/accounts/compare` }),
    })),
  },
  // The meeting cycle (issue 5): planning, the agenda builder, resolution, outcome follow-up, dashboard.
  'GET /api/v1/dialogues/:key/meetings/next': {
    rule: readable,
    cases: byTier((t) => ({ request: () => ({ url: `${D}/${fx.dialogue[t].key}/meetings/next` }) })),
  },
  'GET /api/v1/dialogues/:key/dashboard': {
    rule: readable,
    cases: byTier((t) => ({ request: () => ({ url: `${D}/${fx.dialogue[t].key}/dashboard` }) })),
  },
  'GET /api/v1/dialogues/:key/outcomes/register': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/outcomes/register` }),
      check: async (res, c) => {
        const items = (res.json() as { items: { key: string }[] }).items;
        assert.deepEqual(sorted(items.map((o) => o.key)), visibleOutcomeKeys(await seen(c), fx.dialogue[t].key));
      },
    })),
  },
  'GET /api/v1/dialogues/:key/meetings/:number/agenda': {
    // Agendas are for the delegations' staff: a reporter (a company) gets 403 whatever the meeting.
    rule: (c, t) => (c.via === 'public' ? 401 : c.role === 'reporter' ? 403 : readable(c, t)),
    cases: byTier((t) => ({ request: () => ({ url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/agenda` }) })),
  },
  'PATCH /api/v1/dialogues/:key/meetings/:number/agenda': {
    rule: write(['lead'], 200),
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/agenda`, payload: { cutoff: null } }),
    })),
  },
  'POST /api/v1/dialogues/:key/meetings/:number/agenda/items': {
    // An issue that does not exist: who may propose gets as far as 404 (the rules are in test/agenda.test.ts).
    rule: write(['lead', 'analyst'], 404),
    cases: byTier((t) => ({
      request: () => ({
        url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/agenda/items`,
        payload: { issue: 'fx-no-such-issue' },
      }),
    })),
  },
  'PATCH /api/v1/dialogues/:key/meetings/:number/agenda/items/:id': {
    rule: write(['lead', 'analyst'], 404),
    cases: byTier((t) => ({
      request: () => ({
        url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/agenda/items/00000000-0000-4000-8000-000000000000`,
        payload: { status: 'withdrawn' },
        headers: { 'if-match': '"1"' },
      }),
    })),
  },
  'POST /api/v1/dialogues/:key/meetings/:number/agenda/agree': {
    rule: write(['lead'], 200),
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/meetings/${fx.meeting[t].number}/agenda/agree` }),
    })),
  },
  'GET /api/v1/dialogues/:key/issues/:issueKey/resolution': {
    // The sides' views and reasons are the delegations' word to each other: staff who may see the issue.
    rule: (c, t) => (c.via === 'public' ? 401 : c.role === 'reporter' ? 403 : readable(c, t)),
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/issues/${fx.issue[t].key}/resolution` }),
      check: (res) => assert.equal((res.json() as { issue: string }).issue, fx.issue[t].key),
    })),
  },
  'POST /api/v1/dialogues/:key/issues/:issueKey/resolve': {
    // Every fixture issue is between us and cn: each side is its raising or its respondent side.
    rule: write(['lead', 'analyst'], 200),
    cases: byTier((t) => ({
      request: () => ({
        url: `${D}/${DIALOGUE}/issues/${fx.issue[t].key}/resolve`,
        payload: { resolved: false, reason: 'access matrix' },
      }),
    })),
  },
  'POST /api/v1/dialogues/:key/outcomes/:outcomeKey/updates': {
    rule: write(['lead', 'analyst'], 201, (c, t) => {
      const o = fx.outcome[t];
      return o.account === null || o.account === c.side || o.owners.includes(c.side!);
    }),
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${DIALOGUE}/outcomes/${fx.outcome[t].key}/updates`, payload: { rag: 'green' } }),
    })),
  },
  'GET /api/v1/auth/oidc': { rule: anyone(), cases: single({ request: get('/api/v1/auth/oidc') }) },
  // Single sign-on is not configured in this app: both answer 404.
  'GET /api/v1/auth/oidc/start': { rule: anyone(404), cases: single({ request: get('/api/v1/auth/oidc/start') }) },
  'GET /api/v1/auth/oidc/callback': {
    rule: anyone(404),
    cases: single({ request: get('/api/v1/auth/oidc/callback?code=x&state=y') }),
  },
  'GET /api/v1/issues': {
    rule: anyone(),
    cases: single({
      request: get(ALL_ISSUES),
      check: async (res, c) => {
        const s = await seen(c);
        const items = (res.json() as { items: { dialogue: string; key: string }[] }).items;
        const keyOf = new Map(s.world.dialogues.map((d) => [d.id, d.key]));
        assert.deepEqual(
          sorted(items.map((i) => `${i.dialogue}/${i.key}`)),
          sorted(s.mine.issues.map((i) => `${keyOf.get(i.dialogue_id)}/${i.key}`)),
        );
      },
    }),
  },
  'GET /api/v1/issues/:id': {
    rule: readable,
    cases: byTier((t) => ({ request: () => ({ url: `/api/v1/issues/${fx.issue[t].id}` }) })),
  },
  'POST /api/v1/bundles': {
    rule: write(['admin', 'lead'], 200),
    cases: byTier((t) => ({
      request: async () => ({
        url: '/api/v1/bundles',
        payload: {
          format: 'parley-dialogue/1',
          dialogue: (await exportBundle(h.t.store, SYSTEM_VIEWER, fx.dialogue[t].key)).dialogue,
        },
      }),
    })),
  },

  // History of any record
  'GET /api/v1/:kind/:id/history': {
    rule: readable,
    cases: () => [
      ...historyCases('dialogues', (t) => fx.dialogue[t].id),
      ...historyCases('issues', (t) => fx.issue[t].id),
      ...historyCases('meetings', (t) => fx.meeting[t].id),
      ...historyCases('accounts', (t) => fx.account[t].id),
      ...historyCases('outcomes', (t) => fx.outcome[t].id),
      { tier: 'public', label: 'people', request: () => ({ url: `/api/v1/people/${fx.person.id}/history` }) },
      { tier: 'public', label: 'sides', request: () => ({ url: `/api/v1/sides/${fx.side.id}/history` }) },
      {
        tier: 'public',
        label: 'principles',
        request: () => ({ url: `/api/v1/principles/${fx.principle.id}/history` }),
      },
    ],
  },

  // Search (issue 7): hits are only what the caller may see, and every such fixture is found.
  'GET /api/v1/search': {
    rule: anyone(),
    cases: () =>
      (
        [
          ['outcome', 'outcome', 'Outcome'],
          ['issue', 'issue', 'public issue'],
        ] as const
      ).map(([label, kind, q]) => ({
        label,
        request: () => ({ url: `/api/v1/search?${new URLSearchParams({ q, kind, limit: '100' })}` }),
        check: async (res, c) => {
          const s = await seen(c);
          const body = res.json() as { total: number; items: { kind: string; key: string; dialogue: string }[] };
          const dialogueKey = new Map(s.world.dialogues.map((d) => [d.id, d.key]));
          const visible = new Set(
            (kind === 'outcome' ? s.mine.outcomes : s.mine.issues).map(
              (r) => `${dialogueKey.get(r.dialogue_id)}/${r.key}`,
            ),
          );
          const found = body.items.map((i) => `${i.dialogue}/${i.key}`);
          assert.equal(body.total, body.items.length);
          assert.deepEqual(
            found.filter((f) => !visible.has(f)),
            [],
            'search finds only what the caller may see',
          );
          assert.deepEqual(
            sorted(found.filter((f) => f.includes('/fx-'))),
            sorted(
              [...visible].filter((v) => v.includes('/fx-') && (kind === 'outcome' || v.endsWith('/fx-public-issue'))),
            ),
            'search finds every fixture the caller may see',
          );
        },
      })),
  },

  // Analytics (issue 7): counts of what the caller may see, in a dialogue the caller may see.
  'GET /api/v1/dialogues/:key/analytics': {
    rule: readable,
    cases: byTier((t) => ({
      request: () => ({ url: `${D}/${fx.dialogue[t].key}/analytics` }),
      check: (res, c) => {
        const charts = (res.json() as { items: { chart: string }[] }).items.map((i) => i.chart);
        assert.ok(charts.includes('scorecard'));
        // The reports charts are offered to a side's staff only.
        assert.equal(charts.includes('reports-by-sector'), looker(c).staffOf !== undefined);
      },
    })),
  },
  'GET /api/v1/dialogues/:key/analytics/:file': {
    rule: readable,
    cases: () => [
      ...byTier((t) => ({
        request: () => ({ url: `${D}/${fx.dialogue[t].key}/analytics/issues-by-category.json` }),
        check: async (res, c) => {
          const rows = (res.json() as { rows: (string | number)[][] }).rows;
          const total = rows.reduce((sum, r) => sum + r.slice(1).reduce<number>((a, b) => a + Number(b), 0), 0);
          assert.equal(total, visibleIssueKeys(await seen(c), fx.dialogue[t].key).length);
        },
      }))(),
      // A side's reports: staff of that side only (the public is asked to sign in, a reporter refused).
      ...byTier((t) => ({
        label: 'reports',
        rule: (c: Caller, tier: Tier | undefined) =>
          c.via === 'public' ? 401 : c.role === 'reporter' ? 403 : readable(c, tier),
        request: () => ({ url: `${D}/${fx.dialogue[t].key}/analytics/reports-by-economy.csv?lang=zh` }),
        check: async (res, c) => {
          const lines = res.body
            .replace(/^\uFEFF/, '')
            .trimEnd()
            .split('\r\n')
            .slice(1);
          const total = lines.reduce(
            (sum, l) =>
              sum +
              l
                .split(',')
                .slice(1)
                .reduce((a, b) => a + Number(b), 0),
            0,
          );
          const own = await one<{ n: string }>(
            sql`select count(*) as n from reports r left join issues i on i.id = r.issue_id
                left join dialogues d on d.id = i.dialogue_id
                where r.side_key = ${c.side!} and (r.issue_id is null or d.key = ${fx.dialogue[t].key})`,
          );
          assert.equal(total, Number(own.n), "a side's staff count its own reports, none of the other side's");
        },
      }))(),
    ],
  },

  // The public register (issue 7): the public viewer whoever asks; 404 for anything not public.
  'GET /api/public/v1/dialogues': {
    rule: anyone(),
    cases: single({
      request: get('/api/public/v1/dialogues'),
      check: (res) =>
        assert.deepEqual(
          (res.json() as { items: { key: string }[] }).items.map((d) => d.key),
          [DIALOGUE],
        ),
    }),
  },
  ...Object.fromEntries(
    ['issues', 'meetings', 'outcomes', 'readouts', 'feed.atom'].map((what) => [
      `GET /api/public/v1/dialogues/:key/${what}`,
      {
        rule: publicOnly,
        cases: byTier((t) => ({
          request: () => ({ url: `/api/public/v1/dialogues/${fx.dialogue[t].key}/${what}` }),
          check: async (res) => {
            if (what === 'feed.atom') return;
            const items = (res.json() as { items: { visibility?: string; key?: string }[] }).items;
            assert.ok(items.every((i) => i.visibility === undefined || i.visibility === 'public'));
            const s = await seen({ id: 'public', via: 'public', scope: 'read' });
            const key = fx.dialogue[t].key;
            if (what === 'issues') assert.deepEqual(sorted(items.map((i) => i.key!)), visibleIssueKeys(s, key));
            if (what === 'outcomes') assert.deepEqual(sorted(items.map((i) => i.key!)), visibleOutcomeKeys(s, key));
          },
        })),
      } satisfies Entry,
    ]),
  ),
  'GET /api/public/v1/dialogues/:key/issues/:issueKey': {
    rule: publicOnly,
    cases: byTier((t) => ({
      request: () => ({ url: `/api/public/v1/dialogues/${DIALOGUE}/issues/${fx.issue[t].key}` }),
    })),
  },
  'GET /api/public/v1/datasets': { rule: anyone(), cases: single({ request: get('/api/public/v1/datasets') }) },
  'GET /api/public/v1/datasets/:file': {
    rule: anyone(),
    cases: () =>
      ['issues.csv', 'outcomes.json', 'meetings.ndjson', 'issues.schema.json'].map((file) => ({
        label: file,
        request: () => ({ url: `/api/public/v1/datasets/${file}` }),
        check: async (res) => {
          if (file !== 'outcomes.json') return;
          const s = await seen({ id: 'public', via: 'public', scope: 'read' });
          const items = (res.json() as { items: { dialogue: string; key: string }[] }).items;
          assert.deepEqual(
            sorted(items.filter((i) => i.dialogue === DIALOGUE).map((i) => i.key)),
            visibleOutcomeKeys(s, DIALOGUE),
          );
          assert.deepEqual(sorted(new Set(items.map((i) => i.dialogue))), [DIALOGUE]);
        },
      })),
  },

  // Reports (issue 4)
  'POST /api/v1/reports': {
    rule: anyone(201),
    cases: () => [
      { label: 'JSON', request: (c) => ({ url: '/api/v1/reports', payload: reportBody(sideOf(c)) }) },
      {
        label: 'multipart, with a file',
        request: (c) => {
          const form = multipart([
            { name: 'report', value: JSON.stringify(reportBody(sideOf(c))) },
            { name: 'attachments', filename: 'scan.png', content: png() },
          ]);
          return { url: '/api/v1/reports', payload: form.payload, headers: form.headers };
        },
      },
    ],
  },
  'GET /api/v1/reports/status/:token': {
    rule: anyone(),
    cases: single({
      request: async () => ({ url: (await newReport('us')).statusUrl }),
      check: (res) => {
        const body = res.json() as Record<string, unknown>;
        assert.deepEqual(Object.keys(body).sort(), ['meetings', 'questions', 'receivedAt', 'reference', 'status']);
      },
    }),
  },
  'GET /api/v1/reports': {
    rule: triageRead(),
    cases: single({
      request: get('/api/v1/reports?limit=500'),
      check: (res, c) => {
        const items = (res.json() as { items: { addressedTo: string }[] }).items;
        assert.ok(items.length > 0 || c.side === 'cn');
        assert.ok(
          items.every((i) => i.addressedTo === c.side),
          "a side's staff see only the reports addressed to it",
        );
      },
    }),
  },
  'GET /api/v1/reports/:reference': { rule: triageRead(), cases: reportCases((r) => `/api/v1/reports/${r}`) },
  'GET /api/v1/reports/:reference/attachments/:id': {
    // A report's files: only the leads and analysts of the side it is addressed to, like the report.
    rule: triageRead(),
    cases: () =>
      SIDES.map((to) => ({
        label: `addressed to ${to}`,
        rule: triageRead(to),
        request: async () => {
          const { reference, id } = await newReportWithFile(to);
          return { url: `/api/v1/reports/${reference}/attachments/${id}` };
        },
        check: (res) => {
          assert.equal(res.headers['content-type'], 'image/png');
          assert.match(String(res.headers['content-disposition']), /^attachment; /);
        },
      })),
  },
  'GET /api/v1/reports/:reference/similar': {
    rule: triageRead(),
    cases: reportCases((r) => `/api/v1/reports/${r}/similar`),
  },
  'POST /api/v1/reports/:reference/reject': {
    rule: triageWrite(() => 'us'),
    cases: () =>
      SIDES.map((to) => ({
        label: `addressed to ${to}`,
        rule: triageWrite(() => to),
        request: async () => ({
          url: `/api/v1/reports/${(await newReport(to)).reference}/reject`,
          payload: { reason: 'out-of-scope' },
        }),
      })),
  },
  'POST /api/v1/reports/:reference/questions': {
    // Asking the reporter: the leads and analysts of the side the report is addressed to; for others it does not exist.
    rule: created(triageWrite(() => 'us')),
    cases: () =>
      SIDES.map((to) => ({
        label: `addressed to ${to}`,
        rule: created(triageWrite(() => to)),
        request: async () => ({
          url: `/api/v1/reports/${(await newReport(to)).reference}/questions`,
          payload: { question: 'Which ports hold the goods?' },
        }),
      })),
  },
  'GET /api/v1/reports/:reference/questions': {
    rule: triageRead(),
    cases: () =>
      SIDES.map((to) => ({
        label: `addressed to ${to}`,
        rule: triageRead(to),
        request: async () => ({ url: `/api/v1/reports/${(await askedReport(to)).reference}/questions` }),
        check: (res) => {
          const items = (res.json() as { items: { question: string; askedBy: string }[] }).items;
          assert.deepEqual(
            items.map((q) => [q.question, q.askedBy]),
            [['Since when?', 'system']],
          );
        },
      })),
  },
  'POST /api/v1/reports/status/:token/answers': {
    // Whoever holds the report's link answers, signed in or not; another report's link does not open the question.
    rule: anyone(),
    cases: () => [
      {
        label: "the report's link",
        request: async () => {
          const r = await askedReport('cn');
          return { url: `${r.statusUrl}/answers`, payload: { question: r.question, answer: '2025-03' } };
        },
        check: (res) => {
          const items = (res.json() as { items: Record<string, unknown>[] }).items;
          assert.equal(items[0]!.answer, '2025-03');
          assert.ok(!('askedBy' in items[0]!), 'the reporter is not told who asked');
        },
      },
      {
        label: "another report's link",
        rule: anyone(404),
        request: async () => {
          const r = await askedReport('us');
          const other = await newReport('us');
          return { url: `${other.statusUrl}/answers`, payload: { question: r.question, answer: '2025-03' } };
        },
      },
    ],
  },
  'POST /api/v1/issues/:id/reports': {
    // A side merges reports addressed to it into an issue it holds; another side's issue is not found.
    rule: triageWrite(sideOf),
    cases: () => [
      {
        label: "the caller's side's issue",
        request: async (c) => ({
          url: `/api/v1/issues/${ISSUE_OF[sideOf(c)]}/reports`,
          payload: { reports: [(await newReport(sideOf(c))).reference] },
        }),
      },
      {
        label: "the other side's issue",
        rule: triageWrite((c) => otherSide(sideOf(c))),
        request: async (c) => ({
          url: `/api/v1/issues/${ISSUE_OF[otherSide(sideOf(c))]}/reports`,
          payload: { reports: [(await newReport(sideOf(c))).reference] },
        }),
      },
    ],
  },
  'GET /api/v1/priorities': { rule: triageRead(), cases: single({ request: get('/api/v1/priorities') }) },
  'GET /api/v1/taxonomy/hs': { rule: anyone(), cases: single({ request: get('/api/v1/taxonomy/hs?q=8541') }) },

  // Administration
  'GET /api/v1/users': { rule: write(['admin'], 200), cases: single({ request: get('/api/v1/users') }) },
  'POST /api/v1/users': {
    rule: write(['admin'], 201),
    cases: single({
      request: (c) => ({
        url: '/api/v1/users',
        payload: { email: `${uniqueKey(c, 'user')}@example.gov`, side: 'us', role: 'reporter' },
      }),
    }),
  },
  'POST /api/v1/users/:id/disable': {
    rule: write(['admin'], 200),
    cases: single({
      request: async (c) => {
        const user = await addUser(h.auth, SYSTEM_ACTOR, {
          email: `${uniqueKey(c, 'disable')}@example.gov`,
          side: 'cn',
          role: 'reporter',
        });
        return { url: `/api/v1/users/${user.id}/disable` };
      },
    }),
  },
};

// ---------------------------------------------------------------------------
// Reading the routes from the app

/** Every route of the app as "METHOD /path", from Fastify's own route tree. */
function routesOf(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    assert.ok(m, `a line of printRoutes this test cannot read: ${JSON.stringify(line)}`);
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack[depth] = path;
    for (const method of m[3]?.split(', ') ?? []) out.push(`${method} ${path}`);
  }
  return out;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

before(async () => {
  h = await testApp();
  fx = await makeFixtures();
});
after(async () => {
  await h?.close();
});

describe('the access matrix', () => {
  it('has a rule for every route of the app, and no rule for a route that does not exist', () => {
    assert.deepEqual([...PRODUCT_ROLES], [...ROLES], 'a new role needs its column in the matrix');
    const routes = routesOf(h.app.printRoutes({ commonPrefix: false }));
    assert.ok(routes.length > 40, `read ${routes.length} routes`);
    const heads = routes.filter((r) => r.startsWith('HEAD '));
    for (const head of heads) {
      assert.ok(routes.includes(head.replace(/^HEAD /, 'GET ')), `${head} mirrors a GET route`);
    }
    const served = sorted(new Set(routes.filter((r) => !r.startsWith('HEAD '))));
    const ruled = sorted(Object.keys(MATRIX));
    assert.deepEqual(
      served.filter((r) => !ruled.includes(r)),
      [],
      'routes without a rule in MATRIX: add one saying who gets what',
    );
    assert.deepEqual(
      ruled.filter((r) => !served.includes(r)),
      [],
      'rules in MATRIX for routes the app does not have',
    );
  });

  // Reads first (their bodies are checked against the fixtures as made), then writes.
  const entries = Object.entries(MATRIX).sort(
    ([a], [b]) => Number(!a.startsWith('GET ')) - Number(!b.startsWith('GET ')),
  );
  for (const [route, entry] of entries) {
    it(route, async () => {
      const method = route.split(' ')[0] as Method;
      const wrong: string[] = [];
      for (const kase of entry.cases()) {
        for (const c of CALLERS) {
          const rule = kase.rule ?? entry.rule;
          const expected = rule(c, kase.tier);
          const req = await kase.request(c);
          const headers = { ...(await credentialsOf(c, entry.fresh)), ...req.headers };
          const methods: Method[] = method === 'GET' ? ['GET', 'HEAD'] : [method];
          for (const m of methods) {
            const res = await h.app.inject({ method: m, url: req.url, payload: req.payload as object, headers });
            const where = `${m} ${req.url} as ${c.id}${kase.tier ? ` (${kase.tier}${kase.label ? `, ${kase.label}` : ''})` : kase.label ? ` (${kase.label})` : ''}`;
            if (res.statusCode !== expected) {
              wrong.push(`${where}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
              continue;
            }
            if (m === 'HEAD') continue;
            const code = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found' }[expected];
            if (code !== undefined) {
              const got = (res.json() as { error?: { code?: string } }).error?.code;
              if (got !== code) wrong.push(`${where}: expected error code ${code}, got ${got}`);
            }
            if (expected < 300 && kase.check) {
              try {
                await kase.check(res, c);
              } catch (err) {
                wrong.push(`${where}: ${(err as Error).message}`);
              }
            }
          }
        }
      }
      assert.deepEqual(wrong, [], `${wrong.length} answers differ from the rules:\n${wrong.join('\n')}`);
    });
  }
});
