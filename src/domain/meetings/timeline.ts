/**
 * An issue's life across meetings, counted as the WTO counts specific trade
 * concerns: `timesRaised` is the number of meetings at which any side raised
 * it; `raisings` lists every side's raising at every meeting. From the same
 * facts, each open issue proposed for a coming meeting is marked `new`,
 * `carried-over` or `stalled` (raised at two or more meetings with no change
 * of status since it was first raised).
 */
import type { Stance } from '../vocabulary.js';

export interface RaisingFact {
  meeting: number;
  date: string;
  /** Whose account records it (null: a joint statement). */
  account: string | null;
  by: string;
  stance: Stance;
}

export interface StatusChange {
  at: string;
  from: string | null;
  to: string;
  by: string;
}

export interface Timeline {
  firstRaised?: { meeting: number; side: string; date: string };
  timesRaised: number;
  raisings: { meeting: number; date: string; side: string; stance: Stance; account: string | null }[];
  statusChanges: StatusChange[];
  lastRaised?: { meeting: number; date: string };
}

/**
 * Builds the timeline from raisings (any order) and status changes. Two
 * accounts of one meeting that both record the same side raising the issue
 * count once: the two readouts describe one event.
 */
export function buildTimeline(facts: readonly RaisingFact[], statusChanges: readonly StatusChange[]): Timeline {
  const sorted = [...facts].sort((a, b) => a.meeting - b.meeting || a.by.localeCompare(b.by));
  const seen = new Set<string>();
  const raisings: Timeline['raisings'] = [];
  for (const f of sorted) {
    const id = `${f.meeting}/${f.by}`;
    if (seen.has(id)) continue;
    seen.add(id);
    raisings.push({ meeting: f.meeting, date: f.date, side: f.by, stance: f.stance, account: f.account });
  }
  const meetings = [...new Set(raisings.map((r) => r.meeting))];
  const first = raisings[0];
  const last = raisings.at(-1);
  return {
    firstRaised: first ? { meeting: first.meeting, side: first.side, date: first.date } : undefined,
    timesRaised: meetings.length,
    raisings,
    statusChanges: [...statusChanges].sort((a, b) => a.at.localeCompare(b.at)),
    lastRaised: last ? { meeting: last.meeting, date: last.date } : undefined,
  };
}

export type AgendaMark = 'new' | 'carried-over' | 'stalled';

/**
 * The mark of an issue proposed for meeting `forMeeting`, judged on the
 * meetings before it.
 */
export function agendaMark(
  timeline: Timeline,
  forMeeting: number,
): { mark: AgendaMark; timesRaised: number; lastStance?: Stance } {
  const before = timeline.raisings.filter((r) => r.meeting < forMeeting);
  const meetings = [...new Set(before.map((r) => r.meeting))];
  const lastStance = before.at(-1)?.stance;
  if (meetings.length === 0) return { mark: 'new', timesRaised: 0 };
  const firstDate = before[0]!.date;
  const changedSince = timeline.statusChanges.some((c) => c.at.slice(0, 10) >= firstDate);
  const mark: AgendaMark = meetings.length >= 2 && !changedSince ? 'stalled' : 'carried-over';
  return { mark, timesRaised: meetings.length, lastStance };
}

/**
 * Issues not raised at the last two consecutive meetings (of those held) are
 * due a dormancy review with their reporters.
 */
export function dueForDormancyReview(timeline: Timeline, heldMeetings: readonly number[]): boolean {
  const held = [...heldMeetings].sort((a, b) => a - b);
  if (held.length < 2 || timeline.raisings.length === 0) return false;
  const lastTwo = held.slice(-2);
  // Only an issue raised before those two meetings can have been left out of both.
  if (timeline.raisings[0]!.meeting >= lastTwo[0]!) return false;
  return !timeline.raisings.some((r) => lastTwo.includes(r.meeting));
}
