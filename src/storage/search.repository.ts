/**
 * Search in SQL over the live records, each kind filtered through the access
 * layer together with everything it hangs from (dialogue, meeting, account),
 * so that a hit is always a record the viewer can open. A record matches when
 * its English text matches the query stemmed (`english` configuration), when
 * it holds every Chinese word of the query (segmented with jieba), or when it
 * holds the query as a substring of three or more characters (pg_trgm indexes).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Viewer } from '../domain/access/viewer.js';
import {
  highlightTerms,
  snippetOf,
  type SearchHit,
  type SearchIndex,
  type SearchKind,
} from '../domain/search/search.service.js';
import type { Text } from '../domain/text.js';
import { visibleTo } from './access.js';
import type { Database } from './database.js';
import { chineseWords } from './segment.js';

interface Row {
  kind: SearchKind;
  key: string;
  dialogue: string;
  title: Text | null;
  label: string | null;
  body: string;
  en: string;
  category: string | null;
  status: string | null;
  side: string | null;
  year: number | null;
  date: string | null;
  score: number;
}

function like(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function pick(text: Text | null, language: 'en' | 'zh'): string {
  if (!text) return '';
  return text[language] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Every text value of a jsonb column of language → text, joined by spaces. */
const texts = (column: string) =>
  sql<string>`coalesce((select string_agg(value, ' ') from jsonb_each_text(case when jsonb_typeof(${sql.ref(column)}) = 'object' then ${sql.ref(column)} else '{}'::jsonb end)), '')`;

export function createSearchIndex(db: Kysely<Database>): SearchIndex {
  return {
    async find(viewer: Viewer, q, options) {
      const seen = (table: string, dialogueId: string) => visibleTo(viewer, table, dialogueId);
      const inDialogue: RawBuilder<SqlBool> =
        options.dialogue === undefined ? sql<SqlBool>`true` : sql<SqlBool>`d.key = ${options.dialogue}`;
      const raisedTitles = (accountId: string, field: 'all' | 'en') =>
        sql<string>`coalesce((select string_agg(${field === 'all' ? texts('ri.title') : sql`coalesce(ri.title ->> 'en', '')`}, ' ')
          from account_raisings r join issues ri on ri.id = r.issue_id
          where r.account_id = ${sql.ref(accountId)} and ${seen('ri', 'ri.dialogue_id')}), '')`;
      const docs = sql`
        select 'issue' as kind, i.key as key, d.key as dialogue, i.title as title, null as label,
          ${texts('i.title')} || ' ' || ${texts('i.summary')} as body,
          coalesce(i.title ->> 'en', '') || ' ' || coalesce(i.summary ->> 'en', '') as en,
          i.category as category, i.status as status, i.raised_by as side,
          extract(year from i.created_at)::int as year, i.updated_at::date::text as date
        from issues i join dialogues d on d.id = i.dialogue_id
        where ${seen('i', 'i.dialogue_id')} and ${seen('d', 'd.id')} and ${inDialogue}
        union all
        select 'meeting', m.number::text, d.key, null, m.number::text,
          ${texts('m.place')} || ' ' || coalesce(m.host, '') || ' ' || ${texts('dn.text')},
          coalesce(m.place ->> 'en', '') || ' ' || coalesce(dn.text ->> 'en', ''),
          null, null, m.host, extract(year from m.starts_on)::int, m.starts_on::text
        from meetings m join dialogues d on d.id = m.dialogue_id
          left join dialogue_names dn on dn.dialogue_id = d.id and dn.side_key is null
        where ${seen('m', 'm.dialogue_id')} and ${seen('d', 'd.id')} and ${inDialogue}
        union all
        select 'account', m.number::text || '/' || coalesce(a.side_key, 'joint'), d.key, null,
          m.number::text || '/' || coalesce(a.side_key, 'joint'),
          ${texts('a.notes')} || ' ' || coalesce(a.source ->> 'title', '') || ' ' || ${raisedTitles('a.id', 'all')},
          coalesce(a.notes ->> 'en', '') || ' ' || coalesce(a.source ->> 'title', '') || ' ' || ${raisedTitles('a.id', 'en')},
          null, null, a.side_key, extract(year from m.starts_on)::int, coalesce(a.published_on, m.starts_on)::text
        from accounts a join meetings m on m.id = a.meeting_id join dialogues d on d.id = m.dialogue_id
        where ${seen('a', 'm.dialogue_id')} and ${seen('m', 'm.dialogue_id')} and ${seen('d', 'd.id')} and ${inDialogue}
        union all
        select 'outcome', o.key, d.key, o.title, null, ${texts('o.title')}, coalesce(o.title ->> 'en', ''),
          o.kind, o.status, a.side_key, extract(year from m.starts_on)::int, m.starts_on::text
        from outcomes o join accounts a on a.id = o.account_id join meetings m on m.id = a.meeting_id
          join dialogues d on d.id = o.dialogue_id
        where ${seen('o', 'o.dialogue_id')} and ${seen('a', 'm.dialogue_id')} and ${seen('m', 'm.dialogue_id')}
          and ${seen('d', 'd.id')} and ${inDialogue}`;

      const words = chineseWords(q);
      const hasLatin = /[A-Za-z0-9]/.test(q);
      const tsq = sql`plainto_tsquery('english', ${q})`;
      const english = hasLatin ? sql<SqlBool>`to_tsvector('english', docs.en) @@ ${tsq}` : sql<SqlBool>`false`;
      const chinese =
        words.length > 0
          ? sql.join(
              words.map((w) => sql<SqlBool>`docs.body ilike ${like(w)}`),
              sql` and `,
            )
          : sql<SqlBool>`false`;
      const substring = q.length >= 3 ? sql<SqlBool>`docs.body ilike ${like(q)}` : sql<SqlBool>`false`;
      const wordShare =
        words.length > 0
          ? sql`(${sql.join(
              words.map((w) => sql`(case when docs.body ilike ${like(w)} then 1 else 0 end)`),
              sql` + `,
            )})::float / ${words.length}`
          : sql`0`;
      const score = sql<number>`(
        ${hasLatin ? sql`ts_rank(to_tsvector('english', docs.en), ${tsq})` : sql`0`}
        + ${wordShare}
        + (case when ${substring} then 0.5 else 0 end)
        + (case when coalesce(docs.title::text, '') ilike ${like(q)} then 1 else 0 end))::float`;

      const rows = (
        await sql<Row>`select docs.*, ${score} as score from (${docs}) docs
          where (${english}) or (${chinese}) or (${substring})
          order by score desc limit ${options.cap}`.execute(db)
      ).rows;

      const terms = highlightTerms(q, words);
      return rows.map((r): SearchHit => {
        const title =
          r.kind === 'meeting'
            ? `${options.language === 'zh' ? '第' + r.key + '次会议' : 'Meeting ' + r.key}`
            : r.kind === 'account'
              ? `${options.language === 'zh' ? '会议记录' : 'Account'} ${r.label ?? r.key}`
              : pick(r.title, options.language);
        return {
          kind: r.kind,
          key: r.key,
          dialogue: r.dialogue,
          title,
          snippet: snippetOf(r.body, terms),
          score: Math.round(Number(r.score) * 1000) / 1000,
          category: r.category,
          status: r.status,
          side: r.side,
          year: r.year === null ? null : Number(r.year),
          date: r.date,
        };
      });
    },
  };
}
