/**
 * The tier rule of PRODUCT.md written once more for tests, independently of
 * the product's `canSee` and SQL filter, over the raw rows of the database: a
 * record is visible when it and every record it hangs from (dialogue, meeting,
 * account) are. Tests compare what the API answers with what this oracle says.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/storage/database.js';

export type Visibility = 'internal' | 'shared' | 'public';

/** Who looks: staff of a side see that side's internal records; reporters and the public see public ones. */
export interface Looker {
  /** The side of a delegation's staff (admin, lead, analyst, public-affairs); undefined for reporters and the public. */
  staffOf?: string;
}

export interface Tiered {
  id: string;
  visibility: Visibility;
  owner_side: string | null;
}

export interface World {
  dialogues: (Tiered & { key: string; sides: string[] })[];
  issues: (Tiered & { key: string; dialogue_id: string; title: Record<string, string> })[];
  meetings: (Tiered & { key: string; number: number; dialogue_id: string })[];
  accounts: (Tiered & { meeting_id: string; side_key: string | null })[];
  outcomes: (Tiered & { key: string; account_id: string; dialogue_id: string })[];
  people: (Tiered & { key: string; dialogue_id: string })[];
  principles: (Tiered & { dialogue_id: string })[];
  raisings: { account_id: string; issue_id: string; by_side: string }[];
}

/** Every tiered row, read as the installation (no filter). */
export async function loadWorld(db: Kysely<Database>): Promise<World> {
  const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows;
  const [dialogues, sides, issues, meetings, accounts, outcomes, people, principles, raisings] = await Promise.all([
    rows<Tiered & { key: string }>(sql`select id, key, visibility, owner_side from dialogues`),
    rows<{ dialogue_id: string; key: string }>(sql`select dialogue_id, key from sides`),
    rows<World['issues'][number]>(sql`select id, key, dialogue_id, title, visibility, owner_side from issues`),
    rows<World['meetings'][number]>(
      sql`select id, key, number, dialogue_id, visibility, owner_side from meetings order by number`,
    ),
    rows<World['accounts'][number]>(sql`select id, meeting_id, side_key, visibility, owner_side from accounts`),
    rows<World['outcomes'][number]>(sql`select id, key, account_id, dialogue_id, visibility, owner_side from outcomes`),
    rows<World['people'][number]>(sql`select id, key, dialogue_id, visibility, owner_side from people`),
    rows<World['principles'][number]>(sql`select id, dialogue_id, visibility, owner_side from principles`),
    rows<World['raisings'][number]>(sql`select account_id, issue_id, by_side from account_raisings`),
  ]);
  return {
    dialogues: dialogues.map((d) => ({ ...d, sides: sides.filter((s) => s.dialogue_id === d.id).map((s) => s.key) })),
    issues,
    meetings: meetings.map((m) => ({ ...m, number: Number(m.number) })),
    accounts,
    outcomes,
    people,
    principles,
    raisings,
  };
}

/** The rule for one row: public to all; shared to the staff of the dialogue's sides; internal to its owner's staff. */
export function seesRow(looker: Looker, row: Tiered, dialogueSides: readonly string[]): boolean {
  if (row.visibility === 'public') return true;
  if (looker.staffOf === undefined || !dialogueSides.includes(looker.staffOf)) return false;
  return row.visibility === 'shared' || row.owner_side === looker.staffOf;
}

/** What `looker` may see of the world: each record together with everything it hangs from. */
export function visiblePart(world: World, looker: Looker): World {
  const sidesOf = new Map(world.dialogues.map((d) => [d.id, d.sides]));
  const can = (r: Tiered, dialogueId: string) => seesRow(looker, r, sidesOf.get(dialogueId) ?? []);
  const dialogues = world.dialogues.filter((d) => can(d, d.id));
  const dialogueIds = new Set(dialogues.map((d) => d.id));
  const issues = world.issues.filter((i) => dialogueIds.has(i.dialogue_id) && can(i, i.dialogue_id));
  const meetings = world.meetings.filter((m) => dialogueIds.has(m.dialogue_id) && can(m, m.dialogue_id));
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const accounts = world.accounts.filter((a) => {
    const m = meetingById.get(a.meeting_id);
    return m !== undefined && can(a, m.dialogue_id);
  });
  const accountIds = new Set(accounts.map((a) => a.id));
  const outcomes = world.outcomes.filter((o) => accountIds.has(o.account_id) && can(o, o.dialogue_id));
  const issueIds = new Set(issues.map((i) => i.id));
  return {
    dialogues,
    issues,
    meetings,
    accounts,
    outcomes,
    people: world.people.filter((p) => dialogueIds.has(p.dialogue_id) && can(p, p.dialogue_id)),
    principles: world.principles.filter((p) => dialogueIds.has(p.dialogue_id) && can(p, p.dialogue_id)),
    raisings: world.raisings.filter((r) => accountIds.has(r.account_id) && issueIds.has(r.issue_id)),
  };
}

export function sorted<T>(values: Iterable<T>): T[] {
  return [...values].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

// ---------------------------------------------------------------------------
// What a read should hold, from the oracle: `mine` is visiblePart(world, looker).

/** A world and the part of it one caller may see. */
export interface Seen {
  world: World;
  mine: World;
}

export async function seenBy(db: Kysely<Database>, looker: Looker): Promise<Seen> {
  const world = await loadWorld(db);
  return { world, mine: visiblePart(world, looker) };
}

function dialogueIdOf(s: Seen, key: string): string | undefined {
  return s.world.dialogues.find((d) => d.key === key)?.id;
}

export function visibleIssueKeys(s: Seen, dialogueKey: string): string[] {
  const did = dialogueIdOf(s, dialogueKey);
  return sorted(s.mine.issues.filter((i) => i.dialogue_id === did).map((i) => i.key));
}

export function visibleMeetingNumbers(s: Seen, dialogueKey: string): number[] {
  const did = dialogueIdOf(s, dialogueKey);
  return s.mine.meetings
    .filter((m) => m.dialogue_id === did)
    .map((m) => m.number)
    .sort((a, b) => a - b);
}

export function visibleOutcomeKeys(s: Seen, dialogueKey: string): string[] {
  const did = dialogueIdOf(s, dialogueKey);
  return sorted(s.mine.outcomes.filter((o) => o.dialogue_id === did).map((o) => o.key));
}

/** An account as the API shows it, reduced to what visibility decides. */
export interface AccountBody {
  side: string | null;
  raised: { by: string; issue: string }[];
  outcomes: { key: string }[];
}

export interface AccountShape {
  side: string | null;
  raised: string[];
  outcomes: string[];
}

const bySide = (a: AccountShape, b: AccountShape) => String(a.side).localeCompare(String(b.side));

/** The accounts of meeting `number` of a dialogue as the caller should see them. */
export function expectedAccounts(s: Seen, dialogueKey: string, number: number): AccountShape[] {
  const did = dialogueIdOf(s, dialogueKey);
  const meeting = s.mine.meetings.find((m) => m.dialogue_id === did && m.number === number);
  if (!meeting) return [];
  const issueKey = new Map(s.world.issues.map((i) => [i.id, i.key]));
  return s.mine.accounts
    .filter((a) => a.meeting_id === meeting.id)
    .map((a) => ({
      side: a.side_key,
      raised: sorted(
        s.mine.raisings.filter((r) => r.account_id === a.id).map((r) => `${r.by_side}/${issueKey.get(r.issue_id)}`),
      ),
      outcomes: sorted(s.mine.outcomes.filter((o) => o.account_id === a.id).map((o) => o.key)),
    }))
    .sort(bySide);
}

export function accountShapes(accounts: AccountBody[]): AccountShape[] {
  return accounts
    .map((a) => ({
      side: a.side,
      raised: sorted(a.raised.map((r) => `${r.by}/${r.issue}`)),
      outcomes: sorted(a.outcomes.map((o) => o.key)),
    }))
    .sort(bySide);
}

/** The raisings of an issue the caller may see, as "meeting number/account side/by". */
export function expectedRaisings(s: Seen, issueId: string): string[] {
  return sorted(
    s.mine.raisings
      .filter((r) => r.issue_id === issueId)
      .map((r) => {
        const a = s.mine.accounts.find((x) => x.id === r.account_id)!;
        const m = s.mine.meetings.find((x) => x.id === a.meeting_id)!;
        return `${m.number}/${a.side_key}/${r.by_side}`;
      }),
  );
}

/**
 * The raisings an issue's timeline should list, as "meeting number/by": one per
 * side and meeting (two accounts recording one side's raising count once).
 */
export function expectedTimeline(s: Seen, issueId: string): string[] {
  return sorted(new Set(expectedRaisings(s, issueId).map((r) => r.replace(/^(\d+)\/.*\/([^/]+)$/, '$1/$2'))));
}
