/** Reads of issues, filtered by the access layer, with keyset pagination on seq. */
import type { Kysely, Selectable } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';
import type { IssueFilter, IssueReader, Page } from '../domain/ports.js';
import type { Issue } from '../domain/records.js';
import type { Text } from '../domain/text.js';
import type { Category, IssueStatus } from '../domain/vocabulary.js';
import type { Database, IssuesTable } from './database.js';
import { visibleTo } from './access.js';
import { compact, meta, opt } from './mappers.js';
import { encodeCursor } from '../domain/pagination.js';

export function toIssue(row: Selectable<IssuesTable> & { dialogue_key: string }): Issue {
  return compact({
    ...meta(row),
    dialogue: row.dialogue_key,
    key: row.key,
    title: row.title as Text,
    summary: opt<Text>(row.summary),
    raisedBy: row.raised_by,
    respondent: row.respondent,
    category: row.category as Category,
    topics: row.topics as string[],
    sectors: row.sectors as Text[],
    products: row.products as string[],
    economies: row.economies as string[],
    regions: row.regions as Text[],
    status: row.status as IssueStatus,
    owner: row.owner_side as string,
  });
}

export function createIssueRepository(db: Kysely<Database>): IssueReader {
  const base = (viewer: Viewer) =>
    db
      .selectFrom('issues')
      .innerJoin('dialogues', 'dialogues.id', 'issues.dialogue_id')
      .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
      .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
      .selectAll('issues')
      .select('dialogues.key as dialogue_key');

  return {
    async list(viewer: Viewer, filter: IssueFilter, page: { limit: number; after?: number }): Promise<Page<Issue>> {
      let q = base(viewer);
      if (filter.dialogue !== undefined) q = q.where('dialogues.key', '=', filter.dialogue);
      if (filter.status !== undefined) q = q.where('issues.status', '=', filter.status);
      if (filter.category !== undefined) q = q.where('issues.category', '=', filter.category);
      if (filter.raisedBy !== undefined) q = q.where('issues.raised_by', '=', filter.raisedBy);
      if (filter.respondent !== undefined) q = q.where('issues.respondent', '=', filter.respondent);
      if (page.after !== undefined) q = q.where('issues.seq', '>', String(page.after) as never);
      const rows = await q
        .orderBy('issues.seq')
        .limit(page.limit + 1)
        .execute();
      const more = rows.length > page.limit;
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return {
        items: items.map(toIssue),
        nextCursor: more && last ? encodeCursor(Number(last.seq)) : undefined,
      };
    },

    async get(viewer: Viewer, dialogueKey: string, issueKey: string): Promise<Issue | undefined> {
      const row = await base(viewer)
        .where('dialogues.key', '=', dialogueKey)
        .where('issues.key', '=', issueKey)
        .executeTakeFirst();
      return row ? toIssue(row) : undefined;
    },

    async getById(viewer: Viewer, id: string): Promise<Issue | undefined> {
      const row = await base(viewer).where('issues.id', '=', id).executeTakeFirst();
      return row ? toIssue(row) : undefined;
    },
  };
}
