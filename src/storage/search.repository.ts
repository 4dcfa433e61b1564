/**
 * Search in SQL over the search index (search_documents, kept by
 * search.indexer.ts). A document matches when its English words match the
 * query stemmed (`english` configuration) or when it holds every Chinese word
 * of the query (segmented with jieba); when words find few records (fewer than
 * SUBSTRING_FALLBACK), documents holding the query as a substring of three or
 * more characters match too (pg_trgm), so that "capaci" or 监管透 find what
 * they are part of. Only the rows the caller may open are read (access.ts
 * `searchAudiences`, one partial index per audience); one statement counts
 * them, counts every facet over them, sorts and pages.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import {
  FACETS,
  highlightTerms,
  snippetOf,
  type Facet,
  type SearchAccess,
  type SearchHit,
  type SearchIndex,
  type SearchKind,
  type SearchMatch,
  type SearchRequest,
  type SearchResult,
} from '../domain/search/search.service.js';
import { pick, type Text } from '../domain/text.js';
import { searchAudiences } from './access.js';
import type { Database } from './database.js';
import { lexeme } from './search.documents.js';
import { rebuildSearchIndex } from './search.indexer.js';
import { chineseWords } from './segment.js';

/**
 * Below this many records found by words, substrings are searched too. Above
 * it, what the words find is what the reader asked for, and reading every
 * document that merely contains the letters (data → database) would cost a
 * second pass over as many rows.
 */
export const SUBSTRING_FALLBACK = 50;

function like(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The Chinese words a document must hold: the finest segments of the query
 * (jieba's search mode also gives the long words, whose parts the document's
 * own segmentation holds too). A word of one character matches as a prefix
 * (透 finds 透明), since jieba rarely leaves one standing alone in a text.
 */
function chineseQuery(words: readonly string[]): string | undefined {
  const finest = words.filter((w) => !words.some((o) => o !== w && o.length < w.length && w.includes(o)));
  if (finest.length === 0) return undefined;
  return finest.map((w) => ([...w].length === 1 ? `${lexeme(w)}:*` : lexeme(w))).join(' & ');
}

interface Page {
  kind: SearchKind;
  key: string;
  dialogue: string | null;
  title: Text;
  body: string;
  score: number;
  priority: number | null;
  category: string | null;
  status: string | null;
  side: string | null;
  year: number | null;
  date: string | null;
}

type Answer = { total: number; facets: [string, string, number][]; items: Page[] };

/** How a query matches: its words as a tsquery (evaluated once), its substring for LIKE, its Chinese words. */
interface Matching {
  tsq?: RawBuilder<unknown>;
  substring?: string;
  /** The query without its Chinese, for the English configuration. */
  latin?: string;
  /** The Chinese words a document must hold, as tsquery text. */
  zh?: string;
  words: string[];
}

function matching(q: string): Matching {
  const words = chineseWords(q);
  const latin = q.replace(/\p{Script=Han}+/gu, ' ').trim();
  const parts: RawBuilder<unknown>[] = [];
  const hasLatin = /[\p{L}\p{N}]/u.test(latin);
  if (hasLatin) parts.push(sql`plainto_tsquery('english'::regconfig, ${latin})`);
  const zh = chineseQuery(words);
  if (zh !== undefined) parts.push(sql`${zh}::tsquery`);
  // As a scalar subquery: evaluated once per statement (an InitPlan), not once per row it is compared with,
  // and still usable as a condition of the full-text indexes.
  const tsq =
    parts.length === 0
      ? undefined
      : parts.length === 1
        ? sql`(select ${parts[0]!})`
        : sql`(select ${parts[0]!} || ${parts[1]!})`;
  // Lowered as the documents' body_lower was (in JavaScript), so that LIKE needs no case folding.
  const substring = [...q].length >= 3 ? like(q.toLowerCase()) : undefined;
  return { tsq, substring, words, ...(hasLatin ? { latin } : {}), ...(zh !== undefined ? { zh } : {}) };
}

/** The conditions of a search: what the caller may open that matches, narrowed by the filters. */
function conditions(access: SearchAccess, request: Pick<SearchRequest, 'filters'>, m: Matching, substrings: boolean) {
  const matches: RawBuilder<SqlBool>[] = [];
  if (m.tsq) matches.push(sql<SqlBool>`d.terms @@ ${m.tsq}`);
  if (m.substring && substrings) matches.push(sql<SqlBool>`d.body_lower like ${m.substring}`);
  if (matches.length === 0) return undefined;
  // One arm per audience and way of matching, so that each can read its own partial index.
  const found = sql.join(
    searchAudiences(access.viewer, access.triageSide, 'd').flatMap((audience) =>
      matches.map((match) => sql`(${audience} and ${match})`),
    ),
    sql` or `,
  );
  const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`(${found})`];
  const f = request.filters;
  const token = (facet: string, value: string | number) => sql<SqlBool>`${`${facet}:${value}`}::text = any(d.facets)`;
  if (f.kind !== undefined) where.push(sql<SqlBool>`d.kind = ${f.kind}`);
  if (f.category !== undefined) where.push(sql<SqlBool>`d.category = ${f.category}`);
  if (f.status !== undefined) where.push(sql<SqlBool>`d.status = ${f.status}`);
  if (f.side !== undefined) where.push(sql<SqlBool>`d.side = ${f.side}`);
  if (f.year !== undefined) where.push(sql<SqlBool>`d.year = ${f.year}`);
  if (f.economy !== undefined) where.push(token('economy', f.economy));
  // A sector by its name in either language, whichever language the answer is in.
  if (f.sector !== undefined) {
    const s = f.sector;
    where.push(sql<SqlBool>`(${token('sector', s)} or ${token('sector.en', s)} or ${token('sector.zh', s)})`);
  }
  if (f.chapter !== undefined) where.push(token('chapter', f.chapter));
  if (f.meeting !== undefined) where.push(token('meeting', f.meeting));
  if (f.dialogue !== undefined)
    where.push(sql<SqlBool>`d.dialogue_id = (select dl.id from dialogues dl where dl.key = ${f.dialogue})`);
  return sql.join(where, sql` and `);
}

/** How many records (up to `cap`) the words of the query find for the caller, filters applied. */
function wordHits(access: SearchAccess, request: Pick<SearchRequest, 'filters'>, m: Matching, cap: number) {
  const where = conditions(access, request, m, false);
  return (
    where &&
    sql<{ n: number }>`select count(*)::int as n from (
      select 1 from search_documents d where ${where} limit ${cap}) found`
  );
}

/**
 * The one statement that answers a search; undefined when the query has
 * nothing to match with. `substrings`: whether substrings match too; `rank`:
 * the query's words as tsquery text joined by `|`, for the score.
 */
export function searchStatement(
  access: SearchAccess,
  request: SearchRequest,
  options: { substrings: boolean; rank?: string },
): RawBuilder<Answer> | undefined {
  const m = matching(request.q);
  const where = conditions(access, request, m, options.substrings);
  if (!where) return undefined;

  // The rank counts each word of the query found, weighted by where (title words are weighted A in terms);
  // every hit holds all of them already, so their nearness (what ranking the AND of them would add, at
  // twice the cost) is left out. A substring alone scores 0.
  const score = sql<number>`${options.rank ? sql`ts_rank(d.terms, (select ${options.rank}::tsquery))` : sql`0`}::float8`;
  // Priority (domain/reports/priority.ts): the stored parts, the months open as of now (at most 15),
  // times the side's weight for the category; only for the side that holds the record.
  const triage = access.triageSide ?? null;
  const priority = (t: string) => {
    const c = (name: string) => sql.ref(`${t}.${name}`);
    return sql<number | null>`case when ${c('holder')} = ${triage}::text and ${c('priority_base')} is not null then
      round(((${c('priority_base')}
        + round(least(15, greatest(0, extract(epoch from (now() - ${c('opened_at')})) / 2592000))::numeric, 1)::float8)
        * least(3, greatest(0.5, case when jsonb_typeof(w.weights -> ${c('category')}) = 'number'
            then (w.weights ->> ${c('category')})::float8 else 1 end)))::numeric, 1)::float8
      end`;
  };
  // Sorting by priority needs it for every hit; otherwise only the page's are worked out.
  const byPriority = request.sort === 'priority';
  const order = (h: string) => {
    const c = (name: string) => sql.ref(`${h}.${name}`);
    const tail = sql`${c('kind')}, ${c('key')}`;
    switch (request.sort) {
      case 'date':
        return sql`${c('date')} desc nulls last, ${c('score')} desc, ${tail}`;
      case 'priority':
        return sql`${c('priority')} desc nulls last, ${c('date')} desc nulls last, ${c('score')} desc, ${tail}`;
      default:
        return sql`${c('score')} desc, ${c('date')} desc nulls last, ${tail}`;
    }
  };

  return sql<Answer>`
    with w as (
      select coalesce((select s.value -> ${triage}::text from installation_settings s
        where s.key = 'reports.strategic-weights'), '{}'::jsonb) as weights
    ),
    hits as materialized (
      select d.kind, d.record_id, d.key, d.dialogue_id, d.category, d.status, d.side, d.year, d.date, d.facets,
        ${score} as score${byPriority ? sql`, ${priority('d')} as priority` : sql``}
      from search_documents d${byPriority ? sql` cross join w` : sql``}
      where ${where}
    ),
    -- Hits alike in every facet, counted once: many share them, so the facets are counted over these few.
    alike as (
      select kind, category, status, side, year, facets, count(*)::int as n
      from hits group by kind, category, status, side, year, facets
    ),
    counted as (
      select grouping(kind) as gk, grouping(category) as gc, grouping(status) as gs, grouping(side) as gd,
        kind, category, status, side, year, sum(n)::int as n
      from alike group by grouping sets ((kind), (category), (status), (side), (year))
    ),
    page as (
      select h.* from hits h order by ${order('h')} limit ${request.limit} offset ${request.offset}
    )
    select
      (select coalesce(sum(n), 0)::int from counted where gk = 0) as total,
      (select coalesce(jsonb_agg(jsonb_build_array(f, v, n)), '[]'::jsonb) from (
        select case when gk = 0 then 'kind' when gc = 0 then 'category' when gs = 0 then 'status'
            when gd = 0 then 'side' else 'year' end as f,
          coalesce(kind, category, status, side, year::text) as v, n
        from counted
        union all
        select 'token', t, sum(n)::int from alike, unnest(alike.facets) t group by t
      ) facets where v is not null) as facets,
      (select coalesce(jsonb_agg(jsonb_build_object('kind', p.kind, 'key', p.key, 'dialogue', dl.key,
          'title', sd.title, 'body', sd.body, 'score', p.score,
          'priority', ${byPriority ? sql`p.priority` : priority('sd')}, 'category', p.category,
          'status', p.status, 'side', p.side, 'year', p.year, 'date', p.date) order by ${order('p')}), '[]'::jsonb)
        from page p join search_documents sd on sd.kind = p.kind and sd.record_id = p.record_id
          cross join w left join dialogues dl on dl.id = p.dialogue_id) as items`;
}

/**
 * The statement for a request (exported for the benchmark, which shows its
 * plan), to run in `db`'s transaction: one small query
 * first gives the English words as the configuration stems them (for the
 * rank), decides the substring fallback, and lets the statement keep a broad
 * query's hits in memory while they are counted and sorted (work_mem, for
 * this transaction only) rather than spill them to disk.
 */
export async function prepareSearch(
  db: Kysely<Database>,
  access: SearchAccess,
  request: SearchRequest,
): Promise<RawBuilder<Answer> | undefined> {
  const m = matching(request.q);
  let substrings = m.substring !== undefined;
  const probe = substrings && m.tsq ? wordHits(access, request, m, SUBSTRING_FALLBACK) : undefined;
  const r = await sql<{ lexemes: string[] | null; n: number | null }>`select
      set_config('work_mem', '64MB', true) as work_mem,
      ${m.latin !== undefined ? sql`tsvector_to_array(to_tsvector('english'::regconfig, ${m.latin}))` : sql`null::text[]`} as lexemes,
      ${probe ? sql`(${probe})` : sql`null::integer`} as n`.execute(db);
  const lexemes = r.rows[0]!.lexemes ?? [];
  if (probe) substrings = r.rows[0]!.n! < SUBSTRING_FALLBACK;
  const rank = [...lexemes.map(lexeme), ...(m.zh ? [m.zh.replace(/ & /g, ' | ')] : [])].join(' | ');
  return searchStatement(access, request, { substrings, ...(rank ? { rank } : {}) });
}

/**
 * Whether substrings match too: when the query has one and its words find
 * fewer than SUBSTRING_FALLBACK records (for `find`, `prepareSearch` asks this
 * in its own small query).
 */
async function substringsMatch(
  db: Kysely<Database>,
  access: SearchAccess,
  request: Pick<SearchRequest, 'filters'>,
  m: Matching,
): Promise<boolean> {
  if (m.substring === undefined) return false;
  const probe = m.tsq ? wordHits(access, request, m, SUBSTRING_FALLBACK) : undefined;
  return probe ? (await probe.execute(db)).rows[0]!.n < SUBSTRING_FALLBACK : true;
}

export function createSearchIndex(db: Kysely<Database>): SearchIndex {
  return {
    rebuild: () => rebuildSearchIndex(db),

    async matches(access, request): Promise<SearchMatch[]> {
      const m = matching(request.q);
      const where = conditions(access, request, m, await substringsMatch(db, access, request, m));
      if (!where) return [];
      const since = request.indexedSince ? sql` and d.indexed_at >= ${request.indexedSince}` : sql``;
      const r = await sql<{ kind: SearchKind; key: string; dialogue: string | null; title: Text; date: string | null }>`
        select d.kind, d.key, dl.key as dialogue, d.title, d.date::text as date
        from search_documents d left join dialogues dl on dl.id = d.dialogue_id
        where ${where}${since}
        order by d.date desc nulls last, d.kind, d.key`.execute(db);
      return r.rows.map((x) => ({
        kind: x.kind,
        key: x.key,
        dialogue: x.dialogue,
        title: pick(x.title, request.language),
        date: x.date,
      }));
    },

    async find(access: SearchAccess, request: SearchRequest): Promise<SearchResult> {
      const m = matching(request.q);
      const row = await db.transaction().execute(async (tx) => {
        const statement = await prepareSearch(tx, access, request);
        return statement ? (await statement.execute(tx)).rows[0]! : undefined;
      });
      if (!row) return { total: 0, facets: emptyFacets(), items: [] };
      const facets = emptyFacets();
      for (const [f, v, n] of row.facets) {
        if (f !== 'token') {
          facets[f as Facet][v] = n;
          continue;
        }
        // "facet:value"; a sector is `sector:` in both languages, or `sector.en:` / `sector.zh:` in one.
        const at = v.indexOf(':');
        const name = v.slice(0, at);
        const facet = name === 'sector' || name === `sector.${request.language}` ? 'sector' : name;
        if ((FACETS as readonly string[]).includes(facet)) {
          const value = v.slice(at + 1);
          const counts = facets[facet as Facet];
          counts[value] = (counts[value] ?? 0) + n;
        }
      }
      const terms = highlightTerms(request.q, m.words);
      return {
        total: Number(row.total),
        facets,
        items: row.items.map((p): SearchHit => ({
          kind: p.kind,
          key: p.key,
          dialogue: p.dialogue,
          title: pick(p.title, request.language),
          snippet: snippetOf(p.body, terms),
          score: Math.round(Number(p.score) * 1000) / 1000,
          category: p.category,
          status: p.status,
          side: p.side,
          year: p.year === null ? null : Number(p.year),
          date: p.date,
          priority: p.priority === null ? null : Number(p.priority),
        })),
      };
    },
  };
}

function emptyFacets(): SearchResult['facets'] {
  return Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as SearchResult['facets'];
}
