/**
 * What the domain needs from storage, as small interfaces. Storage implements
 * them with SQL (storage/*.repository.ts); services receive them as `deps`.
 * Every read takes the viewer: the repositories filter through the access layer.
 */
import type { TaxonomyStore } from './taxonomy/hs.js';
import type { ReportStore } from './reports/report.ports.js';
import type { QuestionStore } from './reports/questions.js';
import type { OutboxStore } from './mail/outbox.js';
import type { ReadoutStore } from './readouts/readout.workflow.ports.js';
import type { Viewer } from './access/viewer.js';
import type { Actor, AuditEntry } from './audit/audit.js';
import type {
  Account,
  Bundle,
  Dialogue,
  DialogueName,
  ExistingKeys,
  Issue,
  Meeting,
  Outcome,
  Side,
} from './records.js';
import type { SearchIndex } from './search/search.service.js';
import type { SavedSearchStore } from './search/saved.js';
import type { Category, IssueStatus, Level, OutcomeKind, OutcomeStatus } from './vocabulary.js';
import type { CycleStore } from './meetings/cycle.ports.js';
import type { AnalyticsStore } from './analytics/analytics.ports.js';

export interface DialogueSummary {
  id: string;
  key: string;
  names: DialogueName[];
  level: Level;
  sides: Pick<Side, 'key' | 'country' | 'agency'>[];
  meetingCount: number;
  issueCount: number;
  lastMeeting?: { number: number; date: string };
  updatedAt: string;
}

export interface IssueFilter {
  dialogue?: string;
  status?: IssueStatus;
  category?: Category;
  raisedBy?: string;
  respondent?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, absent on the last one. */
  nextCursor?: string;
}

export interface OutcomeFilter {
  status?: OutcomeStatus;
  kind?: OutcomeKind;
  meeting?: number;
}

export interface DialogueReader {
  list(viewer: Viewer): Promise<DialogueSummary[]>;
  get(viewer: Viewer, key: string): Promise<Dialogue | undefined>;
  /** True when the database holds no dialogue at all (for `parley demo`). */
  isEmpty(): Promise<boolean>;
}

export interface IssueReader {
  list(viewer: Viewer, filter: IssueFilter, page: { limit: number; after?: number }): Promise<Page<Issue>>;
  get(viewer: Viewer, dialogueKey: string, issueKey: string): Promise<Issue | undefined>;
  getById(viewer: Viewer, id: string): Promise<Issue | undefined>;
}

export interface MeetingReader {
  list(viewer: Viewer, dialogueKey: string): Promise<Meeting[]>;
  get(viewer: Viewer, dialogueKey: string, number: number): Promise<Meeting | undefined>;
  accounts(viewer: Viewer, dialogueKey: string, number: number): Promise<Account[]>;
  outcomes(viewer: Viewer, dialogueKey: string, filter: OutcomeFilter): Promise<Outcome[]>;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface BundleStore {
  /** Keys on file for a dialogue, for validating a partial bundle against them. */
  existingKeys(dialogueKey: string): Promise<ExistingKeys>;
  /**
   * Writes a validated bundle: insert or update by key, never delete; every change audited as `actor`.
   * With `side`, a side imports: a record owned by another side that would be created or changed is
   * refused (ForbiddenError naming its JSON Pointer), and nothing is written.
   */
  write(bundle: Bundle, actor?: Actor, side?: string): Promise<ImportCounts>;
}

/** A record that a client edits with If-Match. */
export type RecordRef =
  | { kind: 'issue'; dialogue: string; key: string }
  | { kind: 'meeting'; dialogue: string; number: number }
  | { kind: 'account'; dialogue: string; meeting: number; side: string | null }
  | { kind: 'outcome'; dialogue: string; key: string };

export interface Readers {
  dialogues: DialogueReader;
  issues: IssueReader;
  meetings: MeetingReader;
}

export interface TransactionStore extends Readers {
  bundles: BundleStore;
  /** The meeting cycle's agenda, resolution views and outcome updates (issue 5). */
  cycle: CycleStore;
  /** The record's current version, locked until the transaction ends; undefined if there is none. */
  lockVersion(ref: RecordRef): Promise<number | undefined>;
}

export interface Store extends Readers {
  /** Search over what a viewer may see (issue 7). */
  search: SearchIndex;
  /** Runs `fn` in one transaction: all its writes land, or none. */
  transaction<T>(fn: (tx: TransactionStore) => Promise<T>): Promise<T>;
  bundles: BundleStore;
  cycle: CycleStore;
  /** The audit entries about one record, oldest first. */
  history(kind: string, id: string): Promise<AuditEntry[]>;
  /** The audit entries about many records of one kind, oldest first, by record id (one read, not one per record). */
  histories(kind: string, ids: readonly string[]): Promise<Map<string, AuditEntry[]>>;
  /** The keys of the sides of the dialogue a record belongs to (history reads each entry's tier against them). */
  dialogueSides(kind: string, id: string): Promise<string[]>;
  /** Whether the viewer may see the record of that kind and id (history follows the record). */
  canSeeRecord(viewer: Viewer, kind: string, id: string): Promise<boolean>;
  /** Every audit entry in order, for verification. */
  auditTrail(): AsyncIterable<AuditEntry>;
  /** The Harmonized System nomenclature (issue 4). */
  taxonomy: TaxonomyStore;
  /** Problems reported by companies, and their triage (issue 4). */
  reports: ReportStore;
  /** Questions to reporters, and the status links sent by e-mail (issue 4). */
  questions: QuestionStore;
  /** E-mail waiting to be sent, and sent (issue 4). */
  outbox: OutboxStore;
  /** Readouts in the public-affairs workflow: draft, approved, published (issue 6). */
  readouts: ReadoutStore;
  /** Counts behind the analytics charts that no reader gives (issue 7). */
  analytics: AnalyticsStore;
  /** Users' saved searches and their alerts (issue 7). */
  savedSearches: SavedSearchStore;
}
