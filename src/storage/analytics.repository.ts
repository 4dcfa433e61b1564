/** Counts behind the analytics charts (issue 7) that the readers do not give, in SQL. */
import { sql, type Kysely } from 'kysely';
import type { AnalyticsStore, ReportDimension, ReportState } from '../domain/analytics/analytics.ports.js';
import type { Database } from './database.js';

/** The column of each dimension; never built from input, so that no caller names a column. */
const COLUMN: Record<ReportDimension, string> = { sector: 'sector', economy: 'economy', region: 'region' };

export function createAnalyticsStore(db: Kysely<Database>): AnalyticsStore {
  return {
    async reportCounts(side, dialogueKey, by) {
      const column = sql.ref(`r.${COLUMN[by]}`);
      const r = await sql<{ value: string | null; status: ReportState; count: string }>`
        select ${column} as value, r.status, count(*) as count
        from reports r
        left join issues i on i.id = r.issue_id
        left join dialogues d on d.id = i.dialogue_id
        where r.side_key = ${side} and (r.issue_id is null or d.key = ${dialogueKey})
        group by ${column}, r.status`.execute(db);
      return r.rows.map((x) => ({ value: x.value, status: x.status, count: Number(x.count) }));
    },
  };
}
