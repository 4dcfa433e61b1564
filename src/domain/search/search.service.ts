/**
 * Search across the records a caller may open: issues, reports, meetings,
 * accounts, outcomes and readouts, in English (stemmed) and Chinese
 * (segmented), with substrings of three or more characters.
 *
 * Storage keeps a search index (one row per record, maintained in the
 * transaction of every write, `migrations/0010_search_index.sql`) holding each
 * record's texts, facets and the effective tier of the record together with
 * everything it hangs from; it finds, filters, counts and sorts in SQL through
 * the access layer, so that totals and facets count exactly what the caller
 * may open. This module says who may see what, checks the request and shapes
 * snippets.
 */
import type { Viewer } from '../access/viewer.js';
import { viewerFor, type Principal } from '../auth/roles.js';
import { ValidationError } from '../errors.js';

export const SEARCH_KINDS = ['issue', 'report', 'meeting', 'account', 'outcome', 'readout'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_SORTS = ['relevance', 'date', 'priority'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Facets counted over the hits, each also a filter of the same name. */
export const FACETS = [
  'kind',
  'category',
  'status',
  'side',
  'economy',
  'sector',
  'chapter',
  'meeting',
  'year',
] as const;
export type Facet = (typeof FACETS)[number];

/** Who searches: what they may see, and whose reports (and priorities) they triage. */
export interface SearchAccess {
  viewer: Viewer;
  /**
   * The side whose reports the caller may open: set for that side's leads and
   * analysts only (as `GET /api/v1/reports/:reference`). They alone find those
   * reports, and they alone see (and sort by) the priority of that side's
   * issues and reports, which comes from what companies reported to it.
   */
  triageSide?: string;
}

/** Roles that triage the reports addressed to their side (report.service.ts `triageSide`). */
const TRIAGE_ROLES: readonly string[] = ['lead', 'analyst'];

/** What a principal (or the public, undefined) may find. */
export function searchAccess(principal: Principal | undefined): SearchAccess {
  const viewer = viewerFor(principal);
  const triage =
    principal !== undefined && !principal.user.disabled && TRIAGE_ROLES.includes(principal.user.role)
      ? principal.user.side
      : undefined;
  return triage === undefined ? { viewer } : { viewer, triageSide: triage };
}

/** One record that matched. */
export interface SearchHit {
  kind: SearchKind;
  /**
   * Stable key of the record: the issue or outcome key, the meeting number,
   * "number/side" for an account (side "joint" for a joint statement), the
   * report's reference, "number/id" for a readout (meeting number, readout id).
   */
  key: string;
  /** The dialogue's key; null for a report not yet merged into an issue. */
  dialogue: string | null;
  title: string;
  /** HTML-escaped text with every match in <mark>. */
  snippet: string;
  score: number;
  category: string | null;
  status: string | null;
  side: string | null;
  year: number | null;
  date: string | null;
  /** The priority score (domain/reports/priority.ts); null unless the caller triages for the side that holds it. */
  priority: number | null;
}

export interface SearchFilters {
  kind?: SearchKind;
  category?: string;
  status?: string;
  side?: string;
  /** ISO 3166 code of an economy concerned (issue) or reported from (report). */
  economy?: string;
  /** A sector's name, in English or Chinese. */
  sector?: string;
  /** A Harmonized System chapter: two digits. */
  chapter?: string;
  /** A meeting's number: the meeting, its accounts, outcomes and readouts, and the issues raised at it. */
  meeting?: number;
  year?: number;
  dialogue?: string;
}

export interface SearchQuery extends SearchFilters {
  q: string;
  sort?: SearchSort;
  language?: 'en' | 'zh';
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  total: number;
  facets: Record<Facet, Record<string, number>>;
  items: SearchHit[];
}

/** A checked request, as storage runs it. */
export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  language: 'en' | 'zh';
  limit: number;
  offset: number;
}

/** A record that matched, as the saved-search alerts need it: no snippet, score or facets. */
export type SearchMatch = Pick<SearchHit, 'kind' | 'key' | 'dialogue' | 'title' | 'date'>;

/** Every match of a query, for the saved-search alerts. */
export interface MatchRequest {
  q: string;
  filters: SearchFilters;
  /** The language of the titles. */
  language: 'en' | 'zh';
  /** Only the records whose search document was written at or after this time. */
  indexedSince?: Date;
}

export interface SearchIndex {
  /** Every record matching the request that `access` may open: counted, faceted, sorted and paged. */
  find(access: SearchAccess, request: SearchRequest): Promise<SearchResult>;
  /**
   * Every record matching the request that `access` may open, newest first,
   * in one statement: what a saved search knows (its watermark) and what its
   * alert compares with it.
   */
  matches(access: SearchAccess, request: MatchRequest): Promise<SearchMatch[]>;
  /** Builds the whole index again from the records (`parley search reindex`); documents by kind. */
  rebuild(): Promise<{ documents: number; byKind: Record<string, number> }>;
}

export const DEFAULT_PAGE = 20;

export async function search(
  deps: { search: SearchIndex },
  access: SearchAccess,
  query: SearchQuery,
): Promise<SearchResult> {
  const q = query.q.trim();
  if (q.length === 0) {
    throw new ValidationError('Say what to search for.', [{ pointer: '/q', message: 'expected a non-empty query' }]);
  }
  const { q: _q, sort, language, limit, offset, ...filters } = query;
  return deps.search.find(access, {
    q,
    filters,
    sort: sort ?? 'relevance',
    language: language ?? 'en',
    limit: limit ?? DEFAULT_PAGE,
    offset: offset ?? 0,
  });
}

/** The terms to highlight for a query: its words and the segments of its Chinese. */
export function highlightTerms(q: string, segments: readonly string[]): string[] {
  const words = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 && !/\p{Script=Han}/u.test(w));
  const all = [q.trim(), ...words, ...segments.filter((s) => s.trim().length > 0)];
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A short passage of `text` around the first term found, HTML-escaped, with
 * every term wrapped in <mark>. English words also match their longer forms
 * (health → healthcare), as the stemmed match does.
 */
export function snippetOf(text: string, terms: readonly string[], width = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (terms.length === 0) return escapeHtml(clean.slice(0, width));
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
  const first = clean.search(pattern);
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  if (start > 0) {
    const space = clean.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  const passage = clean.slice(start, start + width);
  let out = '';
  let last = 0;
  for (const m of passage.matchAll(pattern)) {
    out += escapeHtml(passage.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  out += escapeHtml(passage.slice(last));
  return (start > 0 ? '…' : '') + out + (start + width < clean.length ? '…' : '');
}
