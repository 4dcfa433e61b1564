/** What the report services need from storage. */
import type { Actor } from '../audit/audit.js';
import type { Text } from '../text.js';
import type { Report, ReportInput } from '../../shared/reports.js';
import type { NewAttachment } from './attachments.js';
import type { Features } from './similar.js';

export type RejectReason = 'not-actionable' | 'duplicate' | 'out-of-scope';

/** The report's fate as its private status link shows it. */
export interface ReportFate {
  reference: string;
  receivedAt: string;
  status: 'new' | 'merged' | 'rejected';
  issue?: { key: string; title: Text; status: string };
  /** Numbers of the meetings at which the issue it was merged into was raised. */
  meetings: number[];
  rejection?: { reason: RejectReason };
}

/** A record the similarity search compares a report with: its stored features, and what names it. */
export type SimilarCandidate =
  | { kind: 'issue'; dialogue: string; key: string; weights: ReadonlyMap<string, number> }
  | { kind: 'report'; reference: string; weights: ReadonlyMap<string, number> };

/**
 * A report merged into an issue, as storage hands it to the "Reported by" rule
 * (issue-reporters.ts): what any audience may get of it, and its consent; never
 * its contact or text, which are not read.
 */
export interface MergedReport {
  reference: string;
  /** The side the report was addressed to (the side that received it). */
  side: string;
  receivedAt: string;
  language: 'en' | 'zh';
  organisation: { name: string; kind: 'company' | 'association' };
  consent: { shareWithCounterpart: boolean; shareWithPublic: boolean };
  impact?: { tradeValue?: number; currency?: string; companiesAffected?: number };
  status: 'new' | 'merged' | 'rejected';
}

export interface ReportStore {
  /** The side keys of the installation's dialogues. */
  sides(): Promise<string[]>;
  /** Each side of each dialogue with its country (for the default addressee of a report). */
  sideCountries(): Promise<{ dialogue: string; key: string; country: string }[]>;
  /** Stores a new report, its attachments and its status-token hash and audits it, in one transaction. */
  create(
    actor: Actor,
    side: string,
    input: ReportInput,
    tokenHash: string,
    attachments?: readonly NewAttachment[],
  ): Promise<{ reference: string }>;
  /** A file of a report addressed to `side`, with its bytes; undefined otherwise. */
  attachment(side: string, reference: string, id: string): Promise<(NewAttachment & { id: string }) | undefined>;
  fateByToken(tokenHash: string): Promise<ReportFate | undefined>;
  /** A report addressed to `side`; undefined for another side's (it does not exist for them). */
  get(side: string, reference: string): Promise<Report | undefined>;
  list(side: string, status: Report['status'] | undefined, limit: number): Promise<Report[]>;
  /**
   * The report's features (computed as when it was stored) and at most `limit` candidates from the
   * feature index: the issues `side` may see and the other reports addressed to it that were not
   * rejected, that share the most informative features with the report (see `probeKeys`).
   */
  similarCandidates(
    side: string,
    reference: string,
    limit: number,
  ): Promise<{ query: Features; candidates: SimilarCandidate[] } | undefined>;
  /** Issues with that key that `side` may see and owns (in `dialogue` when given). */
  ownIssues(side: string, key: string, dialogue?: string): Promise<{ id: string; dialogue: string; key: string }[]>;
  /** Marks new reports of `side` as merged into the issue; audits each. */
  merge(
    actor: Actor,
    side: string,
    issue: { id: string; dialogue: string; key: string },
    references: string[],
  ): Promise<void>;
  reject(actor: Actor, side: string, reference: string, reason: RejectReason, note?: string): Promise<void>;
  /**
   * The reports merged into the issue with that id (not rejected), oldest first. The caller has
   * already found the issue through the viewer's access filter; the consent rule is the domain's.
   */
  mergedInto(issueId: string): Promise<MergedReport[]>;
  /** The issues `side` holds, with what their merged reports add up to and the side's weight for their category. */
  priorityInputs(side: string): Promise<PriorityRow[]>;
}

export interface PriorityRow {
  dialogue: string;
  key: string;
  title: Text;
  category: string;
  status: string;
  openedAt: string;
  tradeValue: number;
  companiesAffected: number;
  reports: number;
  weight: number;
}
