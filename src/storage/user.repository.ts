/** Users, sessions, API tokens, failed sign-ins and installation settings in SQL. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../domain/audit/audit.js';
import type { NewUser, SessionRecord, TokenRecord, UserStore } from '../domain/auth/auth.ports.js';
import type { Role, User } from '../domain/auth/roles.js';
import { appendAudit } from './audit.repository.js';
import type { ApiTokensTable, Database, SessionsTable, UsersTable } from './database.js';
import { compact, iso } from './mappers.js';

function toUser(r: Selectable<UsersTable>): User {
  return compact({
    id: r.id,
    email: r.email,
    displayName: r.display_name ?? undefined,
    side: r.side_key,
    role: r.role as Role,
    disabled: r.disabled_at !== null,
    version: r.version,
    createdAt: iso(r.created_at),
  });
}

function toSession(r: Selectable<SessionsTable>): SessionRecord {
  return compact({
    id: r.id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    method: r.method as SessionRecord['method'],
    userAgent: r.user_agent ?? undefined,
    address: r.address ?? undefined,
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
  });
}

function toToken(r: Selectable<ApiTokensTable>): TokenRecord {
  return compact({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    prefix: r.prefix,
    scope: r.scope as TokenRecord['scope'],
    createdAt: iso(r.created_at),
    lastUsedAt: r.last_used_at ? iso(r.last_used_at) : undefined,
    revokedAt: r.revoked_at ? iso(r.revoked_at) : undefined,
  });
}

/** What the audit trail keeps of a user: never the password hash. */
function userForAudit(u: User) {
  return { email: u.email, displayName: u.displayName ?? null, side: u.side, role: u.role, disabled: u.disabled };
}

export function createUserStore(db: Kysely<Database>): UserStore {
  const inTx = <T>(fn: (tx: Kysely<Database>) => Promise<T>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);

  return {
    create: (u: NewUser, actor: Actor) =>
      inTx(async (tx) => {
        const row = await tx
          .insertInto('users')
          .values({
            email: u.email,
            display_name: u.displayName ?? null,
            side_key: u.side,
            role: u.role,
            password_hash: u.passwordHash ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const user = toUser(row);
        await appendAudit(tx, actor, {
          action: 'user.create',
          recordKind: 'user',
          recordId: user.id,
          recordKey: user.email,
          ownerSide: user.side,
          visibility: 'internal',
          after: userForAudit(user),
        });
        return user;
      }),

    async byEmail(email) {
      const r = await db
        .selectFrom('users')
        .selectAll()
        .where(sql<boolean>`lower(email) = lower(${email})`)
        .executeTakeFirst();
      return r ? { ...toUser(r), ...(r.password_hash ? { passwordHash: r.password_hash } : {}) } : undefined;
    },

    async byId(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : undefined;
    },

    async list() {
      return (
        await db.selectFrom('users').selectAll().orderBy('side_key').orderBy('role').orderBy('email').execute()
      ).map(toUser);
    },

    setDisabled: (id, disabled, actor) =>
      inTx(async (tx) => {
        const before = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const row = await tx
          .updateTable('users')
          .set({ disabled_at: disabled ? new Date() : null, version: sql`version + 1`, updated_at: new Date() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (disabled) {
          await tx
            .updateTable('sessions')
            .set({ ended_at: new Date() })
            .where('user_id', '=', id)
            .where('ended_at', 'is', null)
            .execute();
          await tx
            .updateTable('api_tokens')
            .set({ revoked_at: new Date() })
            .where('user_id', '=', id)
            .where('revoked_at', 'is', null)
            .execute();
        }
        const user = toUser(row);
        await appendAudit(tx, actor, {
          action: disabled ? 'user.disable' : 'user.enable',
          recordKind: 'user',
          recordId: id,
          recordKey: user.email,
          ownerSide: user.side,
          visibility: 'internal',
          before: userForAudit(toUser(before)),
          after: userForAudit(user),
        });
        return user;
      }),

    createSession: (s, actor) =>
      inTx(async (tx) => {
        const row = await tx
          .insertInto('sessions')
          .values({
            token_hash: s.tokenHash,
            user_id: s.userId,
            csrf_token: s.csrfToken,
            method: s.method,
            user_agent: s.userAgent ?? null,
            address: s.address ?? null,
            expires_at: s.expiresAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(tx, actor, {
          action: 'session.start',
          recordKind: 'session',
          recordId: row.id,
          after: { user: s.userId, method: s.method, address: s.address ?? null },
        });
        return toSession(row);
      }),

    async sessionByTokenHash(tokenHash) {
      const r = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
      return r ? toSession(r) : undefined;
    },

    async touchSession(id) {
      await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
    },

    endSession: (id, actor) =>
      inTx(async (tx) => {
        const r = await tx
          .updateTable('sessions')
          .set({ ended_at: new Date() })
          .where('id', '=', id)
          .where('ended_at', 'is', null)
          .returning('user_id')
          .executeTakeFirst();
        if (r)
          await appendAudit(tx, actor, {
            action: 'session.end',
            recordKind: 'session',
            recordId: id,
            after: { user: r.user_id },
          });
      }),

    endAllSessions: (userId, actor) =>
      inTx(async (tx) => {
        const rows = await tx
          .updateTable('sessions')
          .set({ ended_at: new Date() })
          .where('user_id', '=', userId)
          .where('ended_at', 'is', null)
          .returning('id')
          .execute();
        await appendAudit(tx, actor, {
          action: 'session.end-all',
          recordKind: 'user',
          recordId: userId,
          after: { sessionsEnded: rows.length },
        });
        return rows.length;
      }),

    async sessionsOf(userId) {
      return (
        await db
          .selectFrom('sessions')
          .selectAll()
          .where('user_id', '=', userId)
          .where('ended_at', 'is', null)
          .where('expires_at', '>', new Date())
          .orderBy('created_at', 'desc')
          .execute()
      ).map(toSession);
    },

    createToken: (t, actor) =>
      inTx(async (tx) => {
        const row = await tx
          .insertInto('api_tokens')
          .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, prefix: t.prefix, scope: t.scope })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(tx, actor, {
          action: 'token.create',
          recordKind: 'token',
          recordId: row.id,
          recordKey: t.prefix,
          after: { user: t.userId, name: t.name, scope: t.scope, prefix: t.prefix },
        });
        return toToken(row);
      }),

    async tokenByHash(tokenHash) {
      const r = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return r ? toToken(r) : undefined;
    },

    async touchToken(id) {
      await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
    },

    async tokensOf(userId) {
      return (
        await db
          .selectFrom('api_tokens')
          .selectAll()
          .where('user_id', '=', userId)
          .orderBy('created_at', 'desc')
          .execute()
      ).map(toToken);
    },

    revokeToken: (id, actor) =>
      inTx(async (tx) => {
        const r = await tx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!r) return undefined;
        await appendAudit(tx, actor, {
          action: 'token.revoke',
          recordKind: 'token',
          recordId: id,
          recordKey: r.prefix,
          after: { user: r.user_id, name: r.name, scope: r.scope, prefix: r.prefix },
        });
        return toToken(r);
      }),

    async recordFailure(email, address) {
      await db.insertInto('sign_in_failures').values({ email: email.toLowerCase(), address }).execute();
    },

    async failuresSince(email, address, since) {
      const r = await db
        .selectFrom('sign_in_failures')
        .where('at', '>', since)
        .select([
          sql<number>`count(*) filter (where email = ${email.toLowerCase()})::int`.as('by_email'),
          sql<number>`count(*) filter (where address = ${address})::int`.as('by_address'),
        ])
        .executeTakeFirstOrThrow();
      return { byEmail: r.by_email, byAddress: r.by_address };
    },

    async getSetting<T>(key: string) {
      const r = await db.selectFrom('installation_settings').select('value').where('key', '=', key).executeTakeFirst();
      return r ? (r.value as T) : undefined;
    },

    setSetting: (key, value, actor) =>
      inTx(async (tx) => {
        await sql`insert into installation_settings (key, value) values (${key}, ${JSON.stringify(value)})
          on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(tx);
        await appendAudit(tx, actor, {
          action: 'setting.set',
          recordKind: 'setting',
          recordKey: key,
          after: { value },
        });
      }),
  };
}
