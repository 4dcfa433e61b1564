/**
 * The audit trail's rules: what an entry holds, how entries are chained by
 * hash, and how a chain is checked. Storage appends and reads entries; this
 * module decides what makes the chain intact.
 */
import { createHash } from 'node:crypto';

/** Who did it: a signed-in user, or the installation itself (CLI, start-up). */
export interface Actor {
  /** The user's id, absent for the installation. */
  userId?: string;
  /** How the entry names the actor: an e-mail address, or "cli" / "system". */
  label: string;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ label: 'system' });

export interface AuditInput {
  action: string;
  recordKind: string;
  recordId?: string | null;
  recordKey?: string | null;
  dialogueId?: string | null;
  ownerSide?: string | null;
  visibility?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry extends AuditInput {
  position: number;
  at: string;
  actorId: string | null;
  actor: string;
  changes: FieldChange[] | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fields that differ between two versions of a record (top level). */
export function diff(before: unknown, after: unknown): FieldChange[] | null {
  if (before === null || before === undefined || after === null || after === undefined) return null;
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .filter((f) => canonicalJson(b[f]) !== canonicalJson(a[f]))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** The hash of an entry: its content and its position, chained to the one before. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const content = canonicalJson({
    position: entry.position,
    at: entry.at,
    actorId: entry.actorId,
    actor: entry.actor,
    action: entry.action,
    recordKind: entry.recordKind,
    recordId: entry.recordId ?? null,
    recordKey: entry.recordKey ?? null,
    dialogueId: entry.dialogueId ?? null,
    ownerSide: entry.ownerSide ?? null,
    visibility: entry.visibility ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    changes: entry.changes,
    requestId: entry.requestId,
  });
  return createHash('sha256').update(entry.prevHash).update('\n').update(content).digest('hex');
}

export type ChainProblem =
  | { kind: 'altered'; position: number }
  | { kind: 'broken-link'; position: number; expectedPrevious: string }
  | { kind: 'out-of-order'; position: number; expectedPosition: number };

/**
 * Walks entries in position order and names the first that is not what the
 * chain says it should be: altered (its hash does not match its content), or
 * removed / inserted / reordered (its position or link to the previous hash
 * does not follow).
 */
export function verifyChain(entries: Iterable<AuditEntry>): {
  count: number;
  lastHash: string;
  problem?: ChainProblem;
} {
  let prev = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  for (const e of entries) {
    if (e.position !== expected) {
      return {
        count,
        lastHash: prev,
        problem: { kind: 'out-of-order', position: e.position, expectedPosition: expected },
      };
    }
    if (e.prevHash !== prev) {
      return { count, lastHash: prev, problem: { kind: 'broken-link', position: e.position, expectedPrevious: prev } };
    }
    if (entryHash(e) !== e.hash) return { count, lastHash: prev, problem: { kind: 'altered', position: e.position } };
    prev = e.hash;
    expected++;
    count++;
  }
  return { count, lastHash: prev };
}
