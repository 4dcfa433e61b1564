/** Row → record mapping shared by the repositories. */
import type { RecordMeta } from '../domain/records.js';
import type { Visibility } from '../domain/vocabulary.js';

/** Drops absent (undefined) optional fields so records compare and serialize cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function meta(row: {
  id: string;
  version: number;
  owner_side: string | null;
  visibility: string;
  created_at: Date | string;
  updated_at: Date | string;
}): RecordMeta {
  return {
    id: row.id,
    version: row.version,
    ownerSide: row.owner_side,
    visibility: row.visibility as Visibility,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Optional value from a nullable column. */
export function opt<T>(value: unknown): T | undefined {
  return value === null || value === undefined ? undefined : (value as T);
}
