/**
 * The e-mail outbox in SQL. `enqueueMail` writes in the caller's transaction;
 * the worker's claim takes due rows with FOR UPDATE SKIP LOCKED (rows another
 * transaction holds are passed over, not waited for) and leases them by
 * moving their next attempt past the lease, so a second worker does not
 * claim them while they are being sent.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ClaimedMessage, MailMessage, OutboxStatus, OutboxStore } from '../domain/mail/outbox.js';
import type { Database, OutboxTable } from './database.js';
import { iso } from './mappers.js';

/** Queues a message. Call it inside the transaction of the change that causes it. */
export async function enqueueMail(tx: Kysely<Database>, m: MailMessage): Promise<string> {
  const row = await tx
    .insertInto('outbox')
    .values({
      recipient: m.to,
      subject: m.subject,
      body_text: m.text,
      body_html: m.html ?? null,
      language: m.language,
      kind: m.kind,
      record_kind: m.record?.kind ?? null,
      record_id: m.record?.id ?? null,
      record_key: m.record?.key ?? null,
      link: m.link ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Error texts are kept short: a whole SMTP transcript is no use in a table. */
const short = (s: string) => (s.length > 1000 ? `${s.slice(0, 997)}...` : s);

export function createOutboxStore(db: Kysely<Database>): OutboxStore {
  return {
    async claimDue(now, limit, leaseMs) {
      const claim = randomUUID();
      const rows = await sql<Selectable<OutboxTable>>`
        update outbox
           set attempts = attempts + 1,
               next_attempt_at = ${new Date(now.getTime() + leaseMs)},
               claim = ${claim}
         where id in (
           select id from outbox
            where status = 'pending' and next_attempt_at <= ${now}
            order by next_attempt_at, created_at
            limit ${limit}
            for update skip locked)
        returning *`.execute(db);
      return rows.rows
        .sort((a, b) => iso(a.created_at).localeCompare(iso(b.created_at)))
        .map((r): ClaimedMessage => ({
          id: r.id,
          to: r.recipient,
          subject: r.subject,
          text: r.body_text,
          html: r.body_html ?? undefined,
          link: r.link ?? undefined,
          kind: r.kind,
          attempts: r.attempts,
          claim,
        }));
    },

    async markSent(id, claim, at) {
      const r = await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: at, link: null, claim: null, last_error: null })
        .where('id', '=', id)
        .where('claim', '=', claim)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async markRetry(id, claim, next, error) {
      const r = await db
        .updateTable('outbox')
        .set({ next_attempt_at: next, last_error: short(error), claim: null })
        .where('id', '=', id)
        .where('claim', '=', claim)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async markFailed(id, claim, error) {
      const r = await db
        .updateTable('outbox')
        .set({ status: 'failed', last_error: short(error), claim: null })
        .where('id', '=', id)
        .where('claim', '=', claim)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async list(filter, limit) {
      let q = db.selectFrom('outbox').selectAll();
      if (filter.status) q = q.where('status', '=', filter.status);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        to: r.recipient,
        subject: r.subject,
        kind: r.kind,
        recordKey: r.record_key ?? undefined,
        status: r.status as OutboxStatus,
        attempts: r.attempts,
        nextAttemptAt: iso(r.next_attempt_at),
        lastError: r.last_error ?? undefined,
        createdAt: iso(r.created_at),
        sentAt: r.sent_at ? iso(r.sent_at) : undefined,
      }));
    },

    async retry(ids, now) {
      let q = db
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, claim: null })
        .where('status', '=', 'failed');
      if (ids !== 'all-failed') {
        if (ids.length === 0) return 0;
        q = q.where('id', 'in', ids);
      }
      return Number((await q.executeTakeFirst()).numUpdatedRows);
    },
  };
}
