/**
 * The access layer's SQL: the one place where queries are filtered by the
 * caller's side and the record's tier. It encodes the same rule as
 * domain/access/viewer.ts `canSee`; a test holds the two equal.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
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

/**
 * The rows of search_documents `viewer` may open, as conditions to OR, one per
 * audience: each names the tier of one partial index of
 * migrations/0010_search_index.sql, so that a search reads only the index
 * entries of what its caller may see. A row's tier is already the conjunction
 * of the record's and of everything it hangs from (domain/access/tiers.ts), so
 * this is the rule of `visibleTo` applied to it; reports (tier `triage`) are
 * for the leads and analysts of the side they are addressed to, `triageSide`.
 */
export function searchAudiences(viewer: Viewer, triageSide: string | undefined, alias: string): RawBuilder<SqlBool>[] {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const publicTier = sql<SqlBool>`${col('tier')} = 'public'`;
  const delegations = sql<SqlBool>`${col('tier')} in ('shared', 'internal')`;
  const triage = sql<SqlBool>`${col('tier')} = 'triage'`;
  if (viewer.kind === 'system') return [publicTier, delegations, triage, sql<SqlBool>`${col('tier')} = 'none'`];
  if (viewer.kind === 'public') return [publicTier];
  const arms = [
    publicTier,
    sql<SqlBool>`${delegations}
      and ${col('dialogue_id')} in (select vs.dialogue_id from sides vs where vs.key = ${viewer.side})
      and (${col('tier')} = 'shared' or ${col('owner_side')} = ${viewer.side})`,
  ];
  if (triageSide !== undefined) arms.push(sql<SqlBool>`${triage} and ${col('owner_side')} = ${triageSide}`);
  return arms;
}
