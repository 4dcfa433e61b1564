/**
 * Saved searches in SQL (`migrations/0012_saved_searches.sql`, its version
 * `0013_saved_search_versions.sql`). Every read, change and delete is by user:
 * nobody reaches another's searches. Saving, changing and deleting are audited
 * in their transaction; an alert's check queues its e-mail, grows the
 * watermark and records the check in one.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../domain/audit/audit.js';
import type { Role } from '../domain/auth/roles.js';
import type { MailLanguage } from '../domain/mail/outbox.js';
import type { SavedQuery, SavedSearch, SavedSearchStore, SavedSearchUpdate } from '../domain/search/saved.js';
import { appendAudit } from './audit.repository.js';
import type { Database, SavedSearchesTable } from './database.js';
import { iso } from './mappers.js';
import { enqueueMail } from './outbox.repository.js';

const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toSaved(r: Selectable<SavedSearchesTable>): SavedSearch {
  return {
    id: r.id,
    name: r.name,
    query: asJson<SavedQuery>(r.query),
    alert: r.alert,
    language: r.language as MailLanguage,
    createdAt: iso(r.created_at),
    lastAlertedAt: r.last_alerted_at ? iso(r.last_alerted_at) : null,
    version: r.version,
  };
}

/** What the audit trail keeps of a saved search (its watermark is the job's, not the user's). */
const audited = (s: SavedSearch) => ({ name: s.name, query: s.query, alert: s.alert, language: s.language });

/** The audit entry of a change to a saved search: internal to its owner's side. */
async function auditChange(
  tx: Kysely<Database>,
  actor: Actor,
  userId: string,
  action: string,
  saved: SavedSearch,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  const owner = await tx.selectFrom('users').select('side_key').where('id', '=', userId).executeTakeFirst();
  await appendAudit(tx, actor, {
    action,
    recordKind: 'saved-search',
    recordId: saved.id,
    recordKey: saved.name,
    ownerSide: owner?.side_key ?? null,
    visibility: 'internal',
    ...change,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createSavedSearchStore(db: Kysely<Database>): SavedSearchStore {
  return {
    async list(userId) {
      const rows = await db
        .selectFrom('saved_searches')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toSaved);
    },

    async get(userId, id) {
      if (!UUID.test(id)) return undefined;
      const row = await db
        .selectFrom('saved_searches')
        .selectAll()
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toSaved(row) : undefined;
    },

    async update(actor, userId, id, expectedVersion, changes, seen) {
      if (!UUID.test(id)) return { status: 'missing' };
      return db.transaction().execute(async (tx): Promise<SavedSearchUpdate> => {
        // Locked until the transaction ends: two changes from one version, one wins and the other is stale.
        const row = await tx
          .selectFrom('saved_searches')
          .selectAll()
          .where('id', '=', id)
          .where('user_id', '=', userId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return { status: 'missing' };
        const before = toSaved(row);
        if (before.version !== expectedVersion) return { status: 'stale', current: before };
        const updated = await tx
          .updateTable('saved_searches')
          .set({
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.query !== undefined ? { query: JSON.stringify(changes.query) } : {}),
            ...(changes.alert !== undefined ? { alert: changes.alert } : {}),
            // A new watermark holds every match as of now: the alert job checks from here.
            ...(seen !== undefined ? { seen: JSON.stringify([...new Set(seen)]), checked_at: sql<Date>`now()` } : {}),
            version: sql<number>`version + 1`,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const saved = toSaved(updated);
        await auditChange(tx, actor, userId, 'saved-search.update', saved, {
          before: audited(before),
          after: audited(saved),
        });
        return { status: 'updated', saved };
      });
    },

    create: (actor, userId, input, seen) =>
      db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('saved_searches')
          .values({
            user_id: userId,
            name: input.name,
            query: JSON.stringify(input.query),
            alert: input.alert,
            language: input.language,
            seen: JSON.stringify([...new Set(seen)]),
            checked_at: sql<Date>`now()`,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const saved = toSaved(row);
        await auditChange(tx, actor, userId, 'saved-search.create', saved, { after: audited(saved) });
        return saved;
      }),

    async delete(actor, userId, id) {
      if (!UUID.test(id)) return false;
      return db.transaction().execute(async (tx) => {
        const row = await tx
          .deleteFrom('saved_searches')
          .where('id', '=', id)
          .where('user_id', '=', userId)
          .returningAll()
          .executeTakeFirst();
        if (!row) return false;
        const saved = toSaved(row);
        await auditChange(tx, actor, userId, 'saved-search.delete', saved, { before: audited(saved) });
        return true;
      });
    },

    async alerting() {
      const rows = await db
        .selectFrom('saved_searches as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('s')
        .select([
          'u.email as u_email',
          'u.display_name as u_display_name',
          'u.side_key as u_side',
          'u.role as u_role',
          'u.disabled_at as u_disabled_at',
          'u.version as u_version',
          'u.created_at as u_created_at',
        ])
        .where('s.alert', '=', true)
        .orderBy('s.created_at')
        .orderBy('s.id')
        .execute();
      return rows.map((r) => ({
        search: toSaved(r),
        checkedAt: r.checked_at ? iso(r.checked_at) : null,
        user: {
          id: r.user_id,
          email: r.u_email,
          ...(r.u_display_name ? { displayName: r.u_display_name } : {}),
          side: r.u_side,
          role: r.u_role as Role,
          disabled: r.u_disabled_at !== null,
          version: r.u_version,
          createdAt: iso(r.u_created_at),
        },
      }));
    },

    recordCheck: (id, candidates, compose, at) =>
      db.transaction().execute(async (tx) => {
        const found = [...new Set(candidates)];
        if (found.length === 0) {
          await sql`update saved_searches set checked_at = ${at} where id = ${id}`.execute(tx);
          return false;
        }
        // Locks the row: two servers running the job at once queue one e-mail, not two.
        const row = await tx
          .selectFrom('saved_searches')
          .select('seen')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return false;
        const seen = new Set(asJson<string[]>(row.seen));
        const fresh = found.filter((k) => !seen.has(k));
        if (fresh.length === 0) {
          await sql`update saved_searches set checked_at = ${at} where id = ${id}`.execute(tx);
          return false;
        }
        await sql`update saved_searches
                     set seen = seen || ${JSON.stringify(fresh)}::jsonb, last_alerted_at = ${at}, checked_at = ${at}
                   where id = ${id}`.execute(tx);
        await enqueueMail(tx, compose(fresh));
        return true;
      }),
  };
}
