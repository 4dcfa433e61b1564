/**
 * What the meeting cycle needs from storage beyond the bundle's records: the
 * agenda of a meeting (cut-off, agreement, items, internal briefings), each
 * side's view of an issue's resolution, and outcome progress updates. Rows are
 * returned whole; the domain (agenda.service.ts) decides who may see what.
 */
import type { Actor, AuditInput } from '../audit/audit.js';
import type { Text } from '../text.js';

export type AgendaItemStatus = 'proposed' | 'accepted' | 'withdrawn';
export const AGENDA_ITEM_STATUSES = ['proposed', 'accepted', 'withdrawn'] as const;
export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export interface AgendaSettings {
  meetingId: string;
  cutoff: string | null;
  agreedBy: string[];
  version: number;
}

export interface AgendaItemRow {
  id: string;
  meetingId: string;
  issueId: string;
  issue: string;
  side: string;
  position: number;
  status: AgendaItemStatus;
  joint: boolean;
  late: boolean;
  version: number;
  createdAt: string;
}

export interface BriefingRow {
  itemId: string;
  side: string;
  notes: string | null;
  stance: string | null;
}

export interface ResolutionView {
  side: string;
  resolved: boolean;
  reason: string;
  at: string;
}

export interface OutcomeUpdateRow {
  id: string;
  outcomeId: string;
  side: string;
  date: string;
  rag: Rag;
  text: Text | null;
  evidence: string[];
  statusFrom: string | null;
  statusTo: string | null;
  /** The meeting at which the update was recorded, when it was (its id, and its number for reading). */
  meetingId: string | null;
  meeting: number | null;
  createdAt: string;
}

export interface CycleStore {
  agenda(meetingId: string): Promise<AgendaSettings | undefined>;
  /** Creates or changes the agenda settings of a meeting. */
  saveAgenda(meetingId: string, change: { cutoff?: string | null; agreedBy?: string[] }): Promise<AgendaSettings>;
  items(meetingId: string): Promise<AgendaItemRow[]>;
  addItem(row: { meetingId: string; issueId: string; side: string; joint: boolean; late: boolean }): Promise<string>;
  updateItem(id: string, change: { status?: AgendaItemStatus; joint?: boolean }): Promise<void>;
  /** Locks an item and returns its version. */
  lockItem(id: string): Promise<number | undefined>;
  briefings(itemIds: string[]): Promise<BriefingRow[]>;
  saveBriefing(itemId: string, side: string, notes: string | null, stance: string | null): Promise<void>;
  resolutions(issueId: string): Promise<ResolutionView[]>;
  saveResolution(issueId: string, side: string, resolved: boolean, reason: string): Promise<void>;
  outcomeUpdates(outcomeIds: string[]): Promise<OutcomeUpdateRow[]>;
  addOutcomeUpdate(row: Omit<OutcomeUpdateRow, 'id' | 'createdAt' | 'meeting'>): Promise<OutcomeUpdateRow>;
  /** Appends an audit entry in the current transaction. */
  audit(actor: Actor, input: AuditInput): Promise<void>;
}
