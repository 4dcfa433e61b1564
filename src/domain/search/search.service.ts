/**
 * Search across the records a viewer may see: issues, meetings, accounts and
 * outcomes, in English (stemmed) and Chinese (segmented), with substrings of
 * three or more characters. Storage finds and scores the matches through the
 * access layer; this module filters, counts facets, sorts and pages, so that
 * totals and facets count exactly what the caller may open.
 */
import type { Viewer } from '../access/viewer.js';
import { ValidationError } from '../errors.js';

export const SEARCH_KINDS = ['issue', 'meeting', 'account', 'outcome'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** One record that matched, before paging. */
export interface SearchHit {
  kind: SearchKind;
  /** Stable key within its dialogue: the issue or outcome key, the meeting number, "number/side" for an account. */
  key: string;
  dialogue: string;
  title: string;
  snippet: string;
  score: number;
  category: string | null;
  status: string | null;
  side: string | null;
  year: number | null;
  date: string | null;
}

export interface SearchIndex {
  /** Every record matching `q` that the viewer may see (at most `cap`), scored. */
  find(
    viewer: Viewer,
    q: string,
    options: { language: 'en' | 'zh'; dialogue?: string; cap: number },
  ): Promise<SearchHit[]>;
}

export interface SearchQuery {
  q: string;
  kind?: SearchKind;
  category?: string;
  status?: string;
  side?: string;
  year?: number;
  dialogue?: string;
  sort?: SearchSort;
  language?: 'en' | 'zh';
  limit?: number;
  offset?: number;
}

export const FACETS = ['kind', 'category', 'status', 'side', 'year'] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchResult {
  total: number;
  facets: Record<Facet, Record<string, number>>;
  items: SearchHit[];
}

/** Matches beyond this many are not counted (the total says so by being equal to it). */
export const SEARCH_CAP = 5000;

export async function search(deps: { search: SearchIndex }, viewer: Viewer, query: SearchQuery): Promise<SearchResult> {
  const q = query.q.trim();
  if (q.length === 0) {
    throw new ValidationError('Say what to search for.', [{ pointer: '/q', message: 'expected a non-empty query' }]);
  }
  const hits = await deps.search.find(viewer, q, {
    language: query.language ?? 'en',
    dialogue: query.dialogue,
    cap: SEARCH_CAP,
  });
  const kept = hits.filter(
    (h) =>
      (query.kind === undefined || h.kind === query.kind) &&
      (query.category === undefined || h.category === query.category) &&
      (query.status === undefined || h.status === query.status) &&
      (query.side === undefined || h.side === query.side) &&
      (query.year === undefined || h.year === query.year),
  );
  const facets = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as SearchResult['facets'];
  for (const h of kept) {
    for (const f of FACETS) {
      const v = h[f];
      if (v === null) continue;
      const counts = facets[f];
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    }
  }
  const sorted =
    query.sort === 'date'
      ? [...kept].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.score - a.score)
      : [...kept].sort((a, b) => b.score - a.score || (b.date ?? '').localeCompare(a.date ?? ''));
  const offset = query.offset ?? 0;
  return { total: kept.length, facets, items: sorted.slice(offset, offset + (query.limit ?? 20)) };
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
