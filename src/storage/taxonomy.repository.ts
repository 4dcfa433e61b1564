/** The Harmonized System in SQL: an idempotent load and a search by code prefix or words. */
import { sql, type Kysely } from 'kysely';
import type { HsEntry, HsImportCounts, TaxonomyStore } from '../domain/taxonomy/hs.js';
import type { Database } from './database.js';

const toEntry = (r: { code: string; section: string; description: string; parent: string | null; level: number }) =>
  ({ ...r, level: r.level as HsEntry['level'] }) satisfies HsEntry;

/** A word reduced to a crude stem (plural and common endings), so that "cells" finds "cell". */
function stem(word: string): string {
  return word.length > 4 ? word.replace(/(ies|es|s)$/, '') : word;
}

export function createTaxonomyStore(db: Kysely<Database>): TaxonomyStore {
  return {
    importHs(entries) {
      return db.transaction().execute(async (tx) => {
        const existing = new Map((await tx.selectFrom('hs_codes').selectAll().execute()).map((r) => [r.code, r]));
        const counts: HsImportCounts = { rows: entries.length, added: 0, changed: 0, unchanged: 0 };
        const added: HsEntry[] = [];
        for (const e of entries) {
          const old = existing.get(e.code);
          if (!old) {
            added.push(e);
            counts.added++;
          } else if (
            old.section !== e.section ||
            old.description !== e.description ||
            old.parent !== e.parent ||
            old.level !== e.level
          ) {
            await tx
              .updateTable('hs_codes')
              .set({ section: e.section, description: e.description, parent: e.parent, level: e.level })
              .where('code', '=', e.code)
              .execute();
            counts.changed++;
          } else counts.unchanged++;
        }
        // Parents come first in `entries`, so each batch's links already exist.
        for (let i = 0; i < added.length; i += 500) {
          await tx
            .insertInto('hs_codes')
            .values(added.slice(i, i + 500))
            .execute();
        }
        return counts;
      });
    },
    async searchHs(q, limit) {
      const query = q.trim();
      let s = db.selectFrom('hs_codes').selectAll();
      const digits = query.replace(/[.\s]/g, '');
      if (/^\d{1,6}$/.test(digits)) {
        s = s.where('code', 'like', `${digits}%`);
      } else {
        const words = query
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((w) => w.length > 1)
          .map(stem);
        if (words.length === 0) return [];
        for (const w of words) {
          const pattern = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          s = s.where(sql<boolean>`description ilike ${pattern}`);
        }
      }
      const rows = await s.orderBy('code').limit(limit).execute();
      return rows.map(toEntry);
    },
    async knownHs(codes) {
      if (codes.length === 0) return new Set();
      const rows = await db.selectFrom('hs_codes').select('code').where('code', 'in', codes).execute();
      return new Set(rows.map((r) => r.code));
    },
  };
}
