/** What the report services need from storage. */
import type { Actor } from '../audit/audit.js';
import type { Text } from '../text.js';
import type { Report, ReportInput } from '../../shared/reports.js';

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

/** An issue the similarity search compares a report with. */
export interface CandidateIssue {
  id: string;
  dialogue: string;
  key: string;
  title: Text;
  summary?: Text;
  topics: string[];
  products: string[];
}

export interface CandidateReport {
  reference: string;
  description: string;
  sector?: string;
  products: string[];
}

export interface ReportStore {
  /** The side keys of the installation's dialogues. */
  sides(): Promise<string[]>;
  /** Stores a new report with its status-token hash and audits it, in one transaction. */
  create(actor: Actor, side: string, input: ReportInput, tokenHash: string): Promise<{ reference: string }>;
  fateByToken(tokenHash: string): Promise<ReportFate | undefined>;
  /** A report addressed to `side`; undefined for another side's (it does not exist for them). */
  get(side: string, reference: string): Promise<Report | undefined>;
  list(side: string, status: Report['status'] | undefined, limit: number): Promise<Report[]>;
  /** The issues `side` may see, and the other reports addressed to it. */
  candidates(side: string, except: string): Promise<{ issues: CandidateIssue[]; reports: CandidateReport[] }>;
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
