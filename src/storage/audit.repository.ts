/**
 * The audit trail in SQL: append in the writer's transaction (serialized by an
 * advisory lock so that the chain never forks), read back in order.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { diff, entryHash, GENESIS_HASH, type Actor, type AuditEntry, type AuditInput } from '../domain/audit/audit.js';
import type { Database } from './database.js';
import type { AuditLogTable } from './database.js';
import { iso } from './mappers.js';

const AUDIT_LOCK = 4242003;

export function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    position: Number(r.position),
    at: iso(r.at),
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    recordKind: r.record_kind,
    recordId: r.record_id,
    recordKey: r.record_key,
    dialogueId: r.dialogue_id,
    ownerSide: r.owner_side,
    visibility: r.visibility,
    before: r.before,
    after: r.after,
    changes: r.changes as AuditEntry['changes'],
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The chain's head as a transaction last wrote it. Once a transaction holds
 * the advisory lock (until it ends) nobody else appends, so its later entries
 * chain on what it wrote itself without asking the database again: a large
 * import costs one insert per entry, not three statements. The transaction
 * object is the key, so the head is forgotten with it. (Parley uses no
 * savepoints; one that rolled back entries would have to forget the head.)
 */
const heads = new WeakMap<Kysely<Database>, { position: number; hash: string }>();

/**
 * Appends one entry. Must run inside the transaction of the write it records,
 * so that both land or neither does.
 */
export async function appendAudit(tx: Kysely<Database>, actor: Actor, input: AuditInput): Promise<AuditEntry> {
  let last = tx.isTransaction ? heads.get(tx) : undefined;
  if (!last) {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
    const row = await tx
      .selectFrom('audit_log')
      .select(['position', 'hash'])
      .orderBy('position', 'desc')
      .limit(1)
      .executeTakeFirst();
    last = row ? { position: Number(row.position), hash: row.hash } : undefined;
  }
  const unhashed: Omit<AuditEntry, 'hash'> = {
    ...input,
    position: last ? last.position + 1 : 1,
    at: new Date().toISOString(),
    actorId: actor.userId ?? null,
    actor: actor.label,
    changes: diff(input.before, input.after),
    requestId: actor.requestId ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  await tx
    .insertInto('audit_log')
    .values({
      position: String(entry.position),
      at: entry.at,
      actor_id: entry.actorId,
      actor: entry.actor,
      action: entry.action,
      record_kind: entry.recordKind,
      record_id: entry.recordId ?? null,
      record_key: entry.recordKey ?? null,
      dialogue_id: entry.dialogueId ?? null,
      owner_side: entry.ownerSide ?? null,
      visibility: entry.visibility ?? null,
      before: json(entry.before),
      after: json(entry.after),
      changes: json(entry.changes),
      request_id: entry.requestId,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
  if (tx.isTransaction) heads.set(tx, { position: entry.position, hash: entry.hash });
  return entry;
}

/** Every entry in position order, read in batches so that a long trail fits in memory. */
export async function* readAudit(db: Kysely<Database>, batch = 1000): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('position', '>', String(after))
      .orderBy('position')
      .limit(batch)
      .execute();
    for (const r of rows) yield toEntry(r);
    if (rows.length < batch) return;
    after = Number(rows.at(-1)!.position);
  }
}

/** The entries about one record, oldest first. */
/** The entries about many records of one kind, by record id, oldest first; records without entries are absent. */
export async function recordHistories(
  db: Kysely<Database>,
  kind: string,
  ids: readonly string[],
): Promise<Map<string, AuditEntry[]>> {
  const out = new Map<string, AuditEntry[]>();
  const unique = [...new Set(ids)];
  // In slices, so that a statement never carries more parameters than a server takes.
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_kind', '=', kind)
      .where('record_id', 'in', unique.slice(i, i + 1000))
      .orderBy('record_id')
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const entry = toEntry(row);
      const list = out.get(row.record_id!) ?? [];
      list.push(entry);
      out.set(row.record_id!, list);
    }
  }
  return out;
}

export async function recordHistory(db: Kysely<Database>, kind: string, id: string): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('record_kind', '=', kind)
    .where('record_id', '=', id)
    .orderBy('position')
    .execute();
  return rows.map(toEntry);
}
