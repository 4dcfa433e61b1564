/**
 * No leak of another side's records (issue 3, acceptance 2). fast-check builds
 * random dialogues (test/arbitraries/bundle.ts) with records of every tier for
 * two to four sides, imports them, then sets random tiers on meetings,
 * accounts, outcomes, principles and the dialogue itself. A side "A" (the
 * first) and a side "B" (the second) are picked; B's staff, a B reporter and
 * the public then read everything the API offers — lists, gets, history,
 * timelines, agenda proposals, comparisons, readouts and the bundle export —
 * and ask for each hidden record by key and id. No answer may return, count or
 * mention a record the caller may not see:
 *
 * - structurally: lists, counts, exports and raisings hold exactly what the
 *   oracle (test/helpers/visibility.ts) says the caller may see;
 * - textually: no body holds the id, the key or the text of a hidden record.
 *   Every text of a record carries a unique marker (in the private-use
 *   language tag `qaa`), and keys are made unique, so that a mention anywhere
 *   is found. A string the caller itself sent (in the URL or the body) does
 *   not count: a 404 may echo the key asked for.
 *
 * B's lead then writes: re-importing B's own export changes nothing and counts
 * only what B sees; reusing a hidden key or raising a hidden issue is refused
 * without naming what is hidden.
 *
 * FC_NUM_RUNS and FC_SEED override the number of runs and the seed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { importBundle } from '../src/bundle/import.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { addUser, createApiToken } from '../src/domain/auth/auth.service.js';
import { bundleArb, type BundleDoc } from './arbitraries/bundle.js';
import { testApp, type TestApp } from './helpers/app.js';
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
  type Visibility,
} from './helpers/visibility.js';

const NUM_RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : 25;
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

let h: TestApp;
before(async () => {
  h = await testApp({ demo: false });
});
after(async () => {
  await h?.close();
});

// ---------------------------------------------------------------------------
// Callers: API tokens of users made on demand for the generated sides.

interface Caller {
  label: string;
  headers: Record<string, string>;
  looker: Looker;
}

const tokens = new Map<string, string>();
async function tokenOf(side: string, role: 'analyst' | 'lead' | 'reporter', scope: 'read' | 'write'): Promise<string> {
  const email = `${role}.${side}@no-leak.example.gov`;
  const id = `${email}/${scope}`;
  if (!tokens.has(id)) {
    const user = (await h.auth.users.byEmail(email)) ?? (await addUser(h.auth, SYSTEM_ACTOR, { email, side, role }));
    const { token } = await createApiToken(h.auth, SYSTEM_ACTOR, user.id, { name: 'no-leak', scope });
    tokens.set(id, token);
  }
  return tokens.get(id)!;
}

async function callersFor(a: string, b: string) {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const readers: Caller[] = [
    { label: `${b} analyst`, headers: bearer(await tokenOf(b, 'analyst', 'read')), looker: { staffOf: b } },
    { label: `${b} reporter`, headers: bearer(await tokenOf(b, 'reporter', 'read')), looker: {} },
    { label: 'the public', headers: {}, looker: {} },
  ];
  const control: Caller = {
    label: `${a} analyst`,
    headers: bearer(await tokenOf(a, 'analyst', 'read')),
    looker: { staffOf: a },
  };
  const writer: Caller = {
    label: `${b} lead`,
    headers: bearer(await tokenOf(b, 'lead', 'write')),
    looker: { staffOf: b },
  };
  return { readers, control, writer };
}

// ---------------------------------------------------------------------------
// The generated dialogue: unique keys, a marker in every text, random tiers.

let run = 0;

interface Prepared {
  doc: BundleDoc;
  key: string;
  sides: string[];
}

/** Makes every key of the dialogue unique in the database and puts a unique marker in each record's texts. */
function prepare(generated: BundleDoc): Prepared {
  const doc = structuredClone(generated);
  const r = ++run;
  let n = 0;
  const mark = () => `zq${r}k${++n}w`;
  const key = `zd${r}w`;
  const sides = doc.dialogue.sides.map((s) => s.key);
  doc.dialogue.key = key;
  doc.dialogue.mandate = { ...doc.dialogue.mandate, qaa: mark() };
  for (const p of doc.dialogue.principles ?? []) p.text = { ...p.text, qaa: mark() };
  const issueKeys = new Map<string, string>();
  (doc.issues ?? []).forEach((issue, i) => {
    issueKeys.set(issue.key, `zi${r}x${i}q`);
    issue.key = `zi${r}x${i}q`;
    issue.title = { ...issue.title, qaa: mark() };
    if (issue.summary) issue.summary = { ...issue.summary, qaa: mark() };
  });
  let outcomes = 0;
  (doc.meetings ?? []).forEach((m, i) => {
    m.key = `zm${r}x${i}q`;
    m.participants = [...(m.participants ?? []), { side: sides[0]!, text: { qaa: mark() } }];
    for (const a of m.accounts ?? []) {
      a.notes = { ...a.notes, qaa: mark() };
      for (const raising of a.raised ?? []) raising.issue = issueKeys.get(raising.issue)!;
      for (const o of a.outcomes ?? []) {
        o.key = `zo${r}x${++outcomes}q`;
        o.title = { ...o.title, qaa: mark() };
      }
    }
  });
  return { doc, key, sides };
}

interface TierChoice {
  visibility: Visibility;
  owner: number;
}
const tierArb: fc.Arbitrary<TierChoice> = fc.record({
  visibility: fc.constantFrom<Visibility>('internal', 'shared', 'public'),
  owner: fc.nat({ max: 3 }),
});

/** Sets the tiers the bundle cannot carry (meetings, accounts, outcomes, principles, the dialogue). */
async function setTiers(p: Prepared, dialogueTier: TierChoice | null, choices: TierChoice[]) {
  const db = h.t.db;
  let next = 0;
  const choose = () => choices[next++ % choices.length]!;
  const owner = (c: TierChoice) => p.sides[c.owner % p.sides.length]!;
  const set = (table: string, id: string, visibility: Visibility, ownerSide: string | null) =>
    sql`update ${sql.table(table)} set visibility = ${visibility}, owner_side = ${ownerSide} where id = ${id}`.execute(
      db,
    );
  const dialogue = (await sql<{ id: string }>`select id from dialogues where key = ${p.key}`.execute(db)).rows[0]!;
  if (dialogueTier) await set('dialogues', dialogue.id, dialogueTier.visibility, owner(dialogueTier));
  const rows = async (query: ReturnType<typeof sql<{ id: string; side: string | null }>>) =>
    (await query.execute(db)).rows;
  for (const m of await rows(
    sql`select id, null as side from meetings where dialogue_id = ${dialogue.id} order by number`,
  )) {
    const c = choose();
    await set('meetings', m.id, c.visibility, c.visibility === 'internal' ? owner(c) : null);
  }
  for (const a of await rows(
    sql`select a.id, a.side_key as side from accounts a join meetings m on m.id = a.meeting_id
        where m.dialogue_id = ${dialogue.id} order by m.number, a.position`,
  )) {
    const c = choose();
    await set('accounts', a.id, c.visibility, c.visibility === 'internal' ? (a.side ?? owner(c)) : a.side);
  }
  for (const table of ['outcomes', 'principles'] as const) {
    for (const o of await rows(
      sql`select id, null as side from ${sql.table(table)} where dialogue_id = ${dialogue.id} order by position, id`,
    )) {
      const c = choose();
      await set(table, o.id, c.visibility, owner(c));
    }
  }
}

// ---------------------------------------------------------------------------
// What a caller may not see: ids, keys and markers of hidden records.

const TABLES = ['dialogues', 'issues', 'meetings', 'accounts', 'outcomes', 'principles'] as const;

async function rowTexts(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of TABLES) {
    const rows = await sql<{ id: string; doc: string }>`select id, to_jsonb(t)::text as doc from ${sql.table(
      table,
    )} t`.execute(h.t.db);
    for (const r of rows.rows) out.set(r.id, r.doc);
  }
  return out;
}

/** needle → what it names, for every record hidden from the caller. */
function secretsOf(s: Seen, texts: Map<string, string>): Map<string, string> {
  const secrets = new Map<string, string>();
  const hide = <T extends { id: string }>(kind: string, all: T[], seen: T[], keyOf?: (r: T) => string) => {
    const visible = new Set(seen.map((r) => r.id));
    for (const r of all) {
      if (visible.has(r.id)) continue;
      const what = `${kind} ${keyOf?.(r) ?? r.id}`;
      secrets.set(r.id, `the id of hidden ${what}`);
      if (keyOf) secrets.set(keyOf(r), `the key of hidden ${what}`);
      for (const m of texts.get(r.id)?.match(/zq\d+k\d+w/g) ?? []) secrets.set(m, `a text of hidden ${what}`);
    }
  };
  hide('dialogue', s.world.dialogues, s.mine.dialogues, (d) => d.key);
  hide('issue', s.world.issues, s.mine.issues, (i) => i.key);
  hide('meeting', s.world.meetings, s.mine.meetings, (m) => m.key);
  hide('account', s.world.accounts, s.mine.accounts);
  hide('outcome', s.world.outcomes, s.mine.outcomes, (o) => o.key);
  hide('principle', s.world.principles, s.mine.principles);
  return secrets;
}

// ---------------------------------------------------------------------------
// Asking

interface Ask {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

class Session {
  readonly problems: string[] = [];
  constructor(
    readonly caller: Caller,
    readonly seen: Seen,
    readonly secrets: Map<string, string>,
  ) {}

  /** Asks, and records any hidden record the answer mentions and any status not in `statuses`. */
  async ask(ask: Ask, statuses: readonly number[]): Promise<LightMyRequestResponse> {
    const res = await h.app.inject({
      method: ask.method ?? 'GET',
      url: ask.url,
      payload: ask.payload as object,
      headers: { ...this.caller.headers, ...ask.headers },
    });
    const where = `${ask.method ?? 'GET'} ${ask.url} as ${this.caller.label}`;
    if (!statuses.includes(res.statusCode)) {
      this.problems.push(
        `${where}: expected ${statuses.join(' or ')}, got ${res.statusCode} ${res.body.slice(0, 300)}`,
      );
    }
    const sent = `${ask.url} ${JSON.stringify(ask.payload ?? null)}`;
    const body = res.body + JSON.stringify(res.headers);
    for (const [needle, what] of this.secrets) {
      if (body.includes(needle) && !sent.includes(needle)) this.problems.push(`${where} mentions ${what} (${needle})`);
    }
    return res;
  }

  expect(where: string, check: () => void) {
    try {
      check();
    } catch (err) {
      this.problems.push(`${where} as ${this.caller.label}: ${(err as Error).message}`);
    }
  }
}

async function allPages(session: Session, url: string): Promise<{ dialogue: string; key: string }[]> {
  const items: { dialogue: string; key: string }[] = [];
  let cursor: string | undefined;
  do {
    const res = await session.ask(
      { url: `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}` },
      [200],
    );
    if (res.statusCode !== 200) break;
    const page = res.json() as { items: { dialogue: string; key: string }[]; nextCursor?: string };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Every read of the API, as `session`'s caller; `p` is the dialogue of this run. */
async function readEverything(session: Session, p: Prepared) {
  const s = session.seen;
  const D = `/api/v1/dialogues/${p.key}`;
  const dialogue = s.world.dialogues.find((d) => d.key === p.key)!;
  const seesDialogue = s.mine.dialogues.some((d) => d.id === dialogue.id);
  const read = seesDialogue ? [200] : [404];

  // Lists across dialogues: exactly what may be seen, with counts to match.
  const list = await session.ask({ url: '/api/v1/dialogues' }, [200]);
  const summaries = (list.json() as { items: { key: string; issueCount: number; meetingCount: number }[] }).items;
  session.expect('GET /api/v1/dialogues', () => {
    assert.deepEqual(sorted(summaries.map((d) => d.key)), sorted(s.mine.dialogues.map((d) => d.key)));
    for (const d of summaries) {
      assert.equal(d.issueCount, visibleIssueKeys(s, d.key).length, `issueCount of ${d.key}`);
      assert.equal(d.meetingCount, visibleMeetingNumbers(s, d.key).length, `meetingCount of ${d.key}`);
    }
  });
  const keyOf = new Map(s.world.dialogues.map((d) => [d.id, d.key]));
  const everyIssue = await allPages(session, '/api/v1/issues');
  session.expect('GET /api/v1/issues', () =>
    assert.deepEqual(
      sorted(everyIssue.map((i) => `${i.dialogue}/${i.key}`)),
      sorted(s.mine.issues.map((i) => `${keyOf.get(i.dialogue_id)}/${i.key}`)),
    ),
  );

  // The dialogue and what hangs from it.
  for (const path of ['', '/sides', '/people']) await session.ask({ url: `${D}${path}` }, read);
  const issues = await session.ask({ url: `${D}/issues?limit=200` }, read);
  const meetings = await session.ask({ url: `${D}/meetings` }, read);
  const outcomes = await session.ask({ url: `${D}/outcomes` }, read);
  const bundle = await session.ask({ url: `${D}/bundle` }, read);
  for (const side of p.sides) await session.ask({ url: `${D}/meetings/999/agenda/proposals?side=${side}` }, read);
  if (seesDialogue) {
    session.expect(`GET ${D}/issues`, () =>
      assert.deepEqual(
        sorted((issues.json() as { items: { key: string }[] }).items.map((i) => i.key)),
        visibleIssueKeys(s, p.key),
      ),
    );
    session.expect(`GET ${D}/meetings`, () => {
      const items = (meetings.json() as { items: { number: number; accountSides: (string | null)[] }[] }).items;
      assert.deepEqual(
        items.map((m) => m.number),
        visibleMeetingNumbers(s, p.key),
      );
      for (const m of items) {
        assert.deepEqual(
          sorted(m.accountSides.map(String)),
          sorted(expectedAccounts(s, p.key, m.number).map((a) => String(a.side))),
        );
      }
    });
    session.expect(`GET ${D}/outcomes`, () =>
      assert.deepEqual(
        sorted((outcomes.json() as { items: { key: string }[] }).items.map((o) => o.key)),
        visibleOutcomeKeys(s, p.key),
      ),
    );
    session.expect(`GET ${D}/bundle`, () => {
      const b = bundle.json() as { issues: { key: string }[]; meetings: { number: number; accounts: AccountBody[] }[] };
      assert.deepEqual(sorted(b.issues.map((i) => i.key)), visibleIssueKeys(s, p.key));
      assert.deepEqual(
        b.meetings.map((m) => m.number),
        visibleMeetingNumbers(s, p.key),
      );
      for (const m of b.meetings) assert.deepEqual(accountShapes(m.accounts), expectedAccounts(s, p.key, m.number));
    });
  }

  // Every issue, by key and by id, its timeline and its history.
  const visibleIssues = new Set(s.mine.issues.map((i) => i.id));
  for (const issue of s.world.issues.filter((i) => i.dialogue_id === dialogue.id)) {
    const ok = visibleIssues.has(issue.id) ? [200] : [404];
    const detail = await session.ask({ url: `${D}/issues/${issue.key}` }, ok);
    await session.ask({ url: `/api/v1/issues/${issue.id}` }, ok);
    const timeline = await session.ask({ url: `${D}/issues/${issue.key}/timeline` }, ok);
    await session.ask({ url: `/api/v1/issues/${issue.id}/history` }, ok);
    if (detail.statusCode === 200 && timeline.statusCode === 200) {
      session.expect(`raisings of ${issue.key}`, () => {
        const raisings = (detail.json() as { raisings: { meeting: number; side: string | null; by: string }[] })
          .raisings;
        assert.deepEqual(sorted(raisings.map((r) => `${r.meeting}/${r.side}/${r.by}`)), expectedRaisings(s, issue.id));
        const timed = (timeline.json() as { raisings: { meeting: number; side: string; account: string | null }[] })
          .raisings;
        assert.deepEqual(sorted(timed.map((r) => `${r.meeting}/${r.side}`)), expectedTimeline(s, issue.id));
      });
    }
  }

  // Every meeting: itself, its accounts, their comparison, every readout, its history.
  const visibleMeetings = new Set(s.mine.meetings.map((m) => m.id));
  for (const meeting of s.world.meetings.filter((m) => m.dialogue_id === dialogue.id)) {
    const seesMeeting = visibleMeetings.has(meeting.id);
    const ok = seesMeeting ? [200] : [404];
    const M = `${D}/meetings/${meeting.number}`;
    const detail = await session.ask({ url: M }, ok);
    const accounts = await session.ask({ url: `${M}/accounts` }, ok);
    if (seesMeeting) {
      session.expect(`GET ${M}`, () => {
        const expected = expectedAccounts(s, p.key, meeting.number);
        assert.deepEqual(accountShapes((detail.json() as { accounts: AccountBody[] }).accounts), expected);
        assert.deepEqual(accountShapes((accounts.json() as { items: AccountBody[] }).items), expected);
      });
    }
    await session.ask({ url: `${M}/accounts/compare` }, seesMeeting ? [200, 404] : [404]);
    for (const side of [...p.sides, 'joint']) {
      // A side without an account the caller may see has none: 409, as when there is none at all.
      await session.ask({ url: `${M}/readout?side=${side}&format=md` }, seesMeeting ? [200, 409] : [404]);
    }
    await session.ask({ url: `/api/v1/meetings/${meeting.id}/history` }, ok);
  }

  // The history of every other record of the dialogue.
  const visible = new Set(
    [...s.mine.accounts, ...s.mine.outcomes, ...s.mine.principles, ...s.mine.dialogues].map((r) => r.id),
  );
  const meetingIds = new Set(s.world.meetings.filter((m) => m.dialogue_id === dialogue.id).map((m) => m.id));
  const histories: [string, string][] = [
    ['dialogues', dialogue.id],
    ...s.world.accounts.filter((a) => meetingIds.has(a.meeting_id)).map((a): [string, string] => ['accounts', a.id]),
    ...s.world.outcomes.filter((o) => o.dialogue_id === dialogue.id).map((o): [string, string] => ['outcomes', o.id]),
    ...s.world.principles
      .filter((x) => x.dialogue_id === dialogue.id)
      .map((x): [string, string] => ['principles', x.id]),
  ];
  for (const [kind, id] of histories) {
    await session.ask({ url: `/api/v1/${kind}/${id}/history` }, visible.has(id) ? [200] : [404]);
  }
}

/** What B's lead may write must not reveal, count or change what B may not see. */
async function writeAsB(session: Session, p: Prepared) {
  const s = session.seen;
  const D = `/api/v1/dialogues/${p.key}`;
  const b = p.sides[1]!;
  const dialogue = s.world.dialogues.find((d) => d.key === p.key)!;
  if (!s.mine.dialogues.some((d) => d.id === dialogue.id)) {
    await session.ask(
      { method: 'POST', url: '/api/v1/bundles', payload: { format: 'parley-dialogue/1', dialogue: { key: p.key } } },
      [400, 404],
    );
    return;
  }
  // Whatever B writes, no record hidden from B changes (new records B makes are B's).
  const world = new Set(
    [...s.world.issues, ...s.world.meetings, ...s.world.accounts, ...s.world.outcomes, ...s.world.principles].map(
      (r) => r.id,
    ),
  );
  const visibleToB = new Set(
    [...s.mine.issues, ...s.mine.meetings, ...s.mine.accounts, ...s.mine.outcomes, ...s.mine.principles].map(
      (r) => r.id,
    ),
  );
  const versions = async () =>
    (
      await sql<{
        id: string;
        version: number;
      }>`select id, version from issues union all select id, version from meetings
        union all select id, version from accounts union all select id, version from outcomes
        union all select id, version from principles`.execute(h.t.db)
    ).rows
      .filter((r) => world.has(r.id) && !visibleToB.has(r.id))
      .map((r) => `${r.id}@${r.version}`)
      .sort();
  const before = await versions();

  // Re-importing what B sees changes nothing, and counts only what B sees.
  const mine = (await session.ask({ url: `${D}/bundle` }, [200])).json() as {
    issues: { key: string }[];
    meetings: unknown[];
  };
  const again = await session.ask({ method: 'POST', url: '/api/v1/bundles', payload: mine }, [200]);
  if (again.statusCode === 200) {
    session.expect('re-importing my own export', () => {
      const counts = again.json() as { created: number; updated: number };
      assert.equal(counts.created, 0, 'created');
      assert.equal(counts.updated, 0, 'updated');
    });
  }

  const hiddenIssues = s.world.issues.filter(
    (i) => i.dialogue_id === dialogue.id && !s.mine.issues.some((x) => x.id === i.id),
  );
  const hidden = hiddenIssues[0];
  if (hidden) {
    // A hidden key is taken: 409, never an update of the hidden record.
    await session.ask(
      {
        method: 'POST',
        url: `${D}/issues`,
        payload: { key: hidden.key, title: { en: 'mine' }, raisedBy: b, respondent: p.sides[0], category: 'other' },
      },
      [409],
    );
    await session.ask(
      {
        method: 'POST',
        url: '/api/v1/bundles',
        payload: {
          ...mine,
          issues: [
            ...mine.issues,
            { key: hidden.key, title: { en: 'mine' }, raisedBy: b, respondent: p.sides[0], category: 'other' },
          ],
        },
      },
      [409],
    );
    // Raising a hidden issue in my account: the issue is unknown (400), as if it did not exist.
    const meeting = s.mine.meetings.find((m) => m.dialogue_id === dialogue.id);
    if (meeting) {
      const account = (
        await sql<{
          version: number;
        }>`select version from accounts where meeting_id = ${meeting.id} and side_key = ${b}`.execute(h.t.db)
      ).rows[0];
      await session.ask(
        {
          method: 'PUT',
          url: `${D}/meetings/${meeting.number}/accounts/${b}`,
          payload: { raised: [{ by: b, issue: hidden.key, stance: 'raised' }] },
          headers: account ? { 'if-match': `"${account.version}"` } : {},
        },
        [400],
      );
    }
  }

  // Changing a meeting, recording the joint statement: the answers (and a stale version's 412) say only what B sees.
  const meeting = s.mine.meetings.find((m) => m.dialogue_id === dialogue.id);
  if (meeting) {
    const M = `${D}/meetings/${meeting.number}`;
    const version = async (q: ReturnType<typeof sql<{ version: number }>>) =>
      (await q.execute(h.t.db)).rows[0]?.version;
    const current = await version(sql`select version from meetings where id = ${meeting.id}`);
    await session.ask({ method: 'PATCH', url: M, payload: {}, headers: { 'if-match': '"0"' } }, [412]);
    const patched = await session.ask(
      { method: 'PATCH', url: M, payload: {}, headers: { 'if-match': `"${current}"` } },
      [200],
    );
    if (patched.statusCode === 200) {
      session.expect(`PATCH ${M}`, () =>
        assert.deepEqual(
          sorted((patched.json() as { accountSides: (string | null)[] }).accountSides.map(String)),
          sorted(expectedAccounts(s, p.key, meeting.number).map((a) => String(a.side))),
        ),
      );
    }
    const joint = s.world.accounts.find((a) => a.meeting_id === meeting.id && a.side_key === null);
    const seesJoint = joint !== undefined && s.mine.accounts.some((a) => a.id === joint.id);
    const jointVersion = await version(
      sql`select version from accounts where meeting_id = ${meeting.id} and side_key is null`,
    );
    const J = `${M}/accounts/joint`;
    if (joint && !seesJoint) {
      // A joint statement B may not see is taken, whatever the version B sends.
      await session.ask({ method: 'PUT', url: J, payload: {}, headers: { 'if-match': '"0"' } }, [409]);
      await session.ask({ method: 'PUT', url: J, payload: {} }, [409]);
    } else {
      if (joint) await session.ask({ method: 'PUT', url: J, payload: {}, headers: { 'if-match': '"0"' } }, [412]);
      await session.ask(
        { method: 'PUT', url: J, payload: {}, headers: jointVersion ? { 'if-match': `"${jointVersion}"` } : {} },
        [200],
      );
    }
  }
  const afterwards = await versions();
  session.expect('the writes above', () => assert.deepEqual(afterwards, before, 'no hidden record changed'));
}

describe('no leak of hidden records', () => {
  it('a side-B user and the public never get, count or see mentioned what they may not see', async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        bundleArb({ minIssues: 2, maxMeetings: 3 }),
        fc.option(tierArb, { freq: 3 }),
        fc.array(tierArb, { minLength: 40, maxLength: 40 }),
        async (generated, dialogueTier, choices) => {
          const p = prepare(generated);
          await importBundle(h.t.store, p.doc);
          await setTiers(p, dialogueTier, choices);
          const texts = await rowTexts();
          const { readers, control, writer } = await callersFor(p.sides[0]!, p.sides[1]!);
          const problems: string[] = [];
          for (const caller of readers) {
            const seen = await seenBy(h.t.db, caller.looker);
            const session = new Session(caller, seen, secretsOf(seen, texts));
            await readEverything(session, p);
            problems.push(...session.problems);
          }
          // The control: side A's analyst gets what A may see, its internal records included.
          const seenByA = await seenBy(h.t.db, control.looker);
          const a = new Session(control, seenByA, secretsOf(seenByA, texts));
          await readEverything(a, p);
          problems.push(...a.problems);

          const seenByB = await seenBy(h.t.db, writer.looker);
          const w = new Session(writer, seenByB, secretsOf(seenByB, texts));
          await writeAsB(w, p);
          problems.push(...w.problems);
          assert.deepEqual(problems, [], `dialogue ${p.key}:\n${problems.join('\n')}`);
        },
      ),
      { numRuns: NUM_RUNS, endOnFailure: true, ...(SEED !== undefined && { seed: SEED }) },
    );
    console.log(`no-leak: ${run} dialogues in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
