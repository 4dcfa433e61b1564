/**
 * The access layer's SQL: the one place where queries are filtered by the
 * caller's side and the record's tier. It encodes the same rule as
 * domain/access/viewer.ts `canSee`; a test holds the two equal.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';

/**
 * A condition true for the rows of `table` that `viewer` may see. `dialogueId`
 * names the column holding the row's dialogue (for rows of tables without one,
 * the joined parent's column).
 */
export function visibleTo(viewer: Viewer, table: string, dialogueId: string): Expression<SqlBool> {
  if (viewer.kind === 'system') return sql<SqlBool>`true`;
  const visibility = sql.ref(`${table}.visibility`);
  if (viewer.kind === 'public') return sql<SqlBool>`${visibility} = 'public'`;
  const owner = sql.ref(`${table}.owner_side`);
  return sql<SqlBool>`(${visibility} = 'public' or (
    exists (select 1 from sides vs where vs.dialogue_id = ${sql.ref(dialogueId)} and vs.key = ${viewer.side})
    and (${visibility} = 'shared' or ${owner} = ${viewer.side})))`;
}

/** jsonb parameters must be sent as JSON text: node-postgres turns JS arrays into SQL arrays. */
export function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
