/**
 * Two sides' accounts of one meeting, compared: which outcomes appear in both
 * (matched across wording and language, with a confidence), which only one
 * side reports, which issues only one side mentions, and the two
 * next-meeting statements. The readouts of one meeting often differ; this
 * makes the difference visible rather than deciding who is right.
 */
import type { Account, NextMeeting, Outcome } from '../records.js';

/** Words that carry no meaning for matching. */
const STOP = new Set(
  'a an and the of in on for to with by at from into about their its our this that these those new use explore discuss jointly keep'.split(
    ' ',
  ),
);

/** Spellings that mean the same thing in outcome titles. */
const SAME: Record<string, string> = {
  healthcare: 'health',
  medical: 'health',
  environmental: 'environment',
  technologies: 'technology',
  tech: 'technology',
  exchanges: 'exchange',
  remedies: 'remedy',
  authorities: 'authority',
  companies: 'company',
  firms: 'company',
  businesses: 'company',
  enterprises: 'company',
  regions: 'region',
  events: 'event',
  issues: 'issue',
  standards: 'standard',
  services: 'service',
  womens: 'women',
  woman: 'women',
  subnational: 'local',
  provincial: 'local',
  cooperation: '',
  cooperate: '',
  expanded: '',
  expand: '',
  support: '',
  specific: '',
};

/** The meaningful English words of a title, normalised. */
export function englishTerms(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[’']s\b/g, 's')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => SAME[w] ?? w)
    .filter((w) => w.length > 0);
  return new Set(words);
}

/** Character pairs of a Chinese title, punctuation left out. */
export function chineseBigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * How alike two outcomes are, 0 to 1: the English and the Chinese titles are
 * each compared, and where both languages are there the two scores are
 * averaged, so that one coincidence in one language is not enough.
 */
export function outcomeSimilarity(a: Pick<Outcome, 'title'>, b: Pick<Outcome, 'title'>): number {
  const scores: number[] = [];
  if (a.title.en && b.title.en) scores.push(dice(englishTerms(a.title.en), englishTerms(b.title.en)));
  if (a.title.zh && b.title.zh) scores.push(dice(chineseBigrams(a.title.zh), chineseBigrams(b.title.zh)));
  return scores.length === 0 ? 0 : scores.reduce((x, y) => x + y, 0) / scores.length;
}

export const PAIR_THRESHOLD = 0.3;

export interface OutcomePair {
  left: string;
  right: string;
  confidence: number;
}

export interface AccountComparison {
  sides: [string | null, string | null];
  pairs: OutcomePair[];
  onlyIn: {
    side: string | null;
    outcomes: string[];
    issues: { issue: string; by: string; stance: string }[];
  }[];
  bothRaised: { issue: string; left: { by: string; stance: string }[]; right: { by: string; stance: string }[] }[];
  nextMeeting: { side: string | null; statement?: NextMeeting }[];
}

/**
 * Compares two accounts. Each outcome of either account is paired with its
 * most similar counterpart in the other when the similarity reaches the
 * threshold; one outcome may answer several of the other side's (one side
 * often reports in one line what the other reports in two).
 */
export function compareAccounts(left: Account, right: Account): AccountComparison {
  const pairs = new Map<string, OutcomePair>();
  const best = (o: Outcome, others: readonly Outcome[]) => {
    let top: { other: Outcome; score: number } | undefined;
    for (const other of others) {
      const score = outcomeSimilarity(o, other);
      if (score >= PAIR_THRESHOLD && (!top || score > top.score)) top = { other, score };
    }
    return top;
  };
  for (const o of left.outcomes) {
    const top = best(o, right.outcomes);
    if (top)
      pairs.set(`${o.key}|${top.other.key}`, { left: o.key, right: top.other.key, confidence: round(top.score) });
  }
  for (const o of right.outcomes) {
    const top = best(o, left.outcomes);
    if (top)
      pairs.set(`${top.other.key}|${o.key}`, { left: top.other.key, right: o.key, confidence: round(top.score) });
  }
  const paired = [...pairs.values()];
  const leftIssues = new Set(left.raised.map((r) => r.issue));
  const rightIssues = new Set(right.raised.map((r) => r.issue));
  const both = [...leftIssues].filter((i) => rightIssues.has(i));
  return {
    sides: [left.side, right.side],
    pairs: paired.sort((a, b) => b.confidence - a.confidence),
    onlyIn: [
      {
        side: left.side,
        outcomes: left.outcomes.filter((o) => !paired.some((p) => p.left === o.key)).map((o) => o.key),
        issues: left.raised.filter((r) => !rightIssues.has(r.issue)),
      },
      {
        side: right.side,
        outcomes: right.outcomes.filter((o) => !paired.some((p) => p.right === o.key)).map((o) => o.key),
        issues: right.raised.filter((r) => !leftIssues.has(r.issue)),
      },
    ],
    bothRaised: both.map((issue) => ({
      issue,
      left: left.raised.filter((r) => r.issue === issue).map(({ by, stance }) => ({ by, stance })),
      right: right.raised.filter((r) => r.issue === issue).map(({ by, stance }) => ({ by, stance })),
    })),
    nextMeeting: [
      { side: left.side, statement: left.nextMeeting },
      { side: right.side, statement: right.nextMeeting },
    ],
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
