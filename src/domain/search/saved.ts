/**
 * Saved searches and their e-mail alerts (issue 7). A signed-in user keeps a
 * search (words and filters, as `GET /api/v1/search` takes them) under a
 * name; each user sees, changes (name, alert, query: with the version in
 * If-Match) and deletes only their own.
 *
 * Alerts: `runSearchAlerts` runs every alerting search as its user, with what
 * that user may see now (a disabled user's searches are skipped), and compares
 * its matches with the search's watermark, the set of records it already knew
 * ("kind:dialogue/key", filled with what matched when it was saved). A run
 * reads only the matches whose search document was written since the search
 * was last checked (less ALERT_OVERLAP_MS): a record can become a new match
 * only by being written (created, changed, its tier widened), and every write
 * rewrites its document, so the rest were compared before. What is new goes
 * into one e-mail per search, in the language the search was saved in, queued
 * in the outbox in the transaction that adds it to the watermark and records
 * the check: nothing new, no e-mail; an e-mail queued, never the same records
 * again.
 */
import type { Actor } from '../audit/audit.js';
import type { Principal, User } from '../auth/roles.js';
import {
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
  VersionConflictError,
} from '../errors.js';
import type { MailLanguage, MailMessage } from '../mail/outbox.js';
import { LINK_MARK } from '../mail/outbox.js';
import {
  searchAccess,
  type SearchFilters,
  type SearchIndex,
  type SearchKind,
  type SearchMatch,
} from './search.service.js';

/** The search a saved search runs: the words and the filters of the search API. */
export interface SavedQuery extends SearchFilters {
  q: string;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: SavedQuery;
  alert: boolean;
  /** The language of its e-mails: the interface's when it was saved. */
  language: MailLanguage;
  createdAt: string;
  lastAlertedAt: string | null;
  /** Bumped by every change; the ETag. */
  version: number;
}

export interface NewSavedSearch {
  name: string;
  query: SavedQuery;
  alert: boolean;
  language: MailLanguage;
}

/** What PATCH changes: absent fields stay as they are; a query replaces the whole query. */
export interface SavedSearchChanges {
  name?: string;
  query?: SavedQuery;
  alert?: boolean;
}

/** What a change came to: done, no such search of the user's, or a newer version in the way. */
export type SavedSearchUpdate =
  { status: 'updated'; saved: SavedSearch } | { status: 'missing' } | { status: 'stale'; current: SavedSearch };

/** A saved search as the alert job reads it: with its user and when it was last checked. */
export interface AlertingSearch {
  search: SavedSearch;
  user: User;
  /** When the alert job last compared its matches with the watermark (ISO); null: never. */
  checkedAt: string | null;
}

export interface SavedSearchStore {
  list(userId: string): Promise<SavedSearch[]>;
  /** The user's saved search of that id; undefined when the user has none (or the id is no id). */
  get(userId: string, id: string): Promise<SavedSearch | undefined>;
  /** Saves the search with `seen` as its watermark, audited in the same transaction. */
  create(actor: Actor, userId: string, input: NewSavedSearch, seen: string[]): Promise<SavedSearch>;
  /** Deletes the user's saved search (audited); false when the user has none of that id. */
  delete(actor: Actor, userId: string, id: string): Promise<boolean>;
  /**
   * In one transaction, when the user's search is still at `expectedVersion`:
   * applies `changes`, replaces the watermark with `seen` when given, bumps the
   * version and writes the audit entry (before and after).
   */
  update(
    actor: Actor,
    userId: string,
    id: string,
    expectedVersion: number,
    changes: SavedSearchChanges,
    seen?: string[],
  ): Promise<SavedSearchUpdate>;
  /** Every saved search with alerts on, with its user. */
  alerting(): Promise<AlertingSearch[]>;
  /**
   * In one transaction, the search's row locked: keeps of `candidates` those
   * not in the watermark, and when there are any, queues the e-mail `compose`
   * makes of them (in the order given) and adds them to the watermark; records
   * `at` as the time of the check either way. True when an e-mail was queued;
   * false when nothing was new or the search is gone.
   */
  recordCheck(id: string, candidates: string[], compose: (fresh: string[]) => MailMessage, at: Date): Promise<boolean>;
}

/**
 * How far before its last check a run looks back: a write whose transaction
 * began before the check and committed after it wrote its document with the
 * earlier time, and the clocks of the server and the database may differ.
 * The watermark keeps what the overlap finds twice from being told twice.
 */
export const ALERT_OVERLAP_MS = 60 * 60_000;
/** The most records one e-mail lists; the rest are counted ("and 110 more"). */
export const ALERT_LIST_LIMIT = 20;
/** A record's place in the watermark: kind, dialogue and key (keys repeat across dialogues). */
export function seenKey(hit: Pick<SearchMatch, 'kind' | 'key' | 'dialogue'>): string {
  return `${hit.kind}:${hit.dialogue ?? ''}/${hit.key}`;
}

function requireWrite(principal: Principal): void {
  if (principal.scope !== 'write') throw new ForbiddenError('This API token is read-only.');
}

/** Every match of a saved query for `principal`, newest first (titles in `language`). */
function matchesOf(
  deps: { search: SearchIndex },
  principal: Principal,
  query: SavedQuery,
  language: MailLanguage,
  indexedSince?: Date,
): Promise<SearchMatch[]> {
  const { q, ...filters } = query;
  return deps.search.matches(searchAccess(principal), {
    q,
    filters,
    language,
    ...(indexedSince ? { indexedSince } : {}),
  });
}

/** The watermark of a query as of now: every record it matches for `principal`. */
async function watermark(
  deps: { search: SearchIndex },
  principal: Principal,
  query: SavedQuery,
  language: MailLanguage,
): Promise<string[]> {
  return (await matchesOf(deps, principal, query, language)).map(seenKey);
}

export function listSavedSearches(deps: { savedSearches: SavedSearchStore }, principal: Principal) {
  return deps.savedSearches.list(principal.user.id);
}

export async function saveSearch(
  deps: { savedSearches: SavedSearchStore; search: SearchIndex },
  actor: Actor,
  principal: Principal,
  input: NewSavedSearch,
): Promise<SavedSearch> {
  requireWrite(principal);
  const name = input.name.trim();
  if (name.length === 0) {
    throw new ValidationError('Give the search a name.', [{ pointer: '/name', message: 'expected a non-empty name' }]);
  }
  const q = input.query.q.trim();
  if (q.length === 0) {
    throw new ValidationError('Say what to search for.', [
      { pointer: '/query/q', message: 'expected a non-empty query' },
    ]);
  }
  const query = { ...input.query, q };
  // What matches now is known already: alerts tell of what matches later.
  const seen = await watermark(deps, principal, query, input.language);
  return deps.savedSearches.create(actor, principal.user.id, { ...input, name, query }, seen);
}

/** Whether two saved queries ask for the same (the order of their fields aside). */
function sameQuery(a: SavedQuery, b: SavedQuery): boolean {
  const defined = (q: SavedQuery) =>
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify(defined(a)) === JSON.stringify(defined(b));
}

/**
 * Changes the user's saved search `id` at `expectedVersion` (If-Match):
 * renames it, turns its alert on or off, replaces its query. A new query, or
 * an alert turned back on, starts a new watermark (what matches now), as
 * saving does: alerts tell of what matches after the change, not of what
 * matched while the search asked something else or was silent. Another user's
 * search is not found; a stale version changes nothing (VersionConflictError).
 */
export async function updateSavedSearch(
  deps: { savedSearches: SavedSearchStore; search: SearchIndex },
  actor: Actor,
  principal: Principal,
  id: string,
  expectedVersion: number | undefined,
  changes: SavedSearchChanges,
): Promise<SavedSearch> {
  requireWrite(principal);
  const problems: { pointer: string; message: string }[] = [];
  const next: SavedSearchChanges = {};
  if (changes.name !== undefined) {
    next.name = changes.name.trim();
    if (next.name.length === 0) problems.push({ pointer: '/name', message: 'expected a non-empty name' });
  }
  if (changes.query !== undefined) {
    next.query = { ...changes.query, q: changes.query.q.trim() };
    if (next.query.q.length === 0) problems.push({ pointer: '/query/q', message: 'expected a non-empty query' });
  }
  if (changes.alert !== undefined) next.alert = changes.alert;
  if (problems.length === 0 && Object.keys(next).length === 0) {
    problems.push({ pointer: '', message: 'expected at least one of name, alert, query' });
  }
  if (problems.length > 0) throw new ValidationError('The change is not valid; nothing was changed.', problems);

  const current = await deps.savedSearches.get(principal.user.id, id);
  if (!current) throw new NotFoundError('saved search', id);
  if (expectedVersion === undefined) throw new PreconditionRequiredError();
  if (current.version !== expectedVersion) throw new VersionConflictError('saved search', current.version, current);

  const query = next.query ?? current.query;
  const restart =
    (next.query !== undefined && !sameQuery(next.query, current.query)) || (next.alert === true && !current.alert);
  const seen = restart ? await watermark(deps, principal, query, current.language) : undefined;
  const result = await deps.savedSearches.update(actor, principal.user.id, id, expectedVersion, next, seen);
  switch (result.status) {
    case 'updated':
      return result.saved;
    case 'missing':
      throw new NotFoundError('saved search', id);
    case 'stale':
      throw new VersionConflictError('saved search', result.current.version, result.current);
  }
}

export async function deleteSavedSearch(
  deps: { savedSearches: SavedSearchStore },
  actor: Actor,
  principal: Principal,
  id: string,
): Promise<void> {
  requireWrite(principal);
  if (!(await deps.savedSearches.delete(actor, principal.user.id, id))) throw new NotFoundError('saved search', id);
}

// ---------------------------------------------------------------------------
// Alerts

/** The web page of a record, as the search page links it (src/web/routes.ts). */
export function recordPath(hit: Pick<SearchMatch, 'kind' | 'key' | 'dialogue'>): string {
  const seg = encodeURIComponent;
  if (hit.kind === 'report' || hit.dialogue === null) return '/triage';
  const dialogue = `/dialogues/${seg(hit.dialogue)}`;
  switch (hit.kind) {
    case 'issue':
      return `${dialogue}/issues/${seg(hit.key)}`;
    case 'meeting':
      return `${dialogue}/meetings/${Number(hit.key)}`;
    case 'account':
    case 'readout':
      return `${dialogue}/meetings/${Number(hit.key.split('/')[0])}`;
    case 'outcome':
      return `${dialogue}#outcome-${seg(hit.key)}`;
  }
}

/** The search page running a saved query. */
export function searchPath(query: SavedQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
  return `/search?${params.toString()}`;
}

const KIND_NAMES: Record<MailLanguage, Record<SearchKind, string>> = {
  en: {
    issue: 'Issue',
    report: 'Report',
    meeting: 'Meeting',
    account: 'Account',
    outcome: 'Outcome',
    readout: 'Readout',
  },
  zh: { issue: '议题', report: '报告', meeting: '会议', account: '会议记述', outcome: '成果', readout: '会议纪要' },
};

/** No title may carry the outbox's link mark into the text. */
const plain = (s: string) => s.split(LINK_MARK).join('').replace(/\s+/g, ' ').trim();

/**
 * The alert about `total` new matches of `search`, listing `hits` (the first
 * of them, ALERT_LIST_LIMIT at most) and counting the rest; links in full,
 * from `origin`.
 */
export function alertMail(
  search: SavedSearch,
  hits: readonly SearchMatch[],
  total: number,
  origin: string,
): { subject: string; text: string } {
  const zh = search.language === 'zh';
  const name = plain(search.name);
  const shown = hits.slice(0, ALERT_LIST_LIMIT);
  const lines = [
    zh
      ? `您保存的搜索“${name}”有 ${total} 条新结果：`
      : `Your saved search "${name}" has ${total} new ${total === 1 ? 'match' : 'matches'}:`,
    '',
  ];
  for (const hit of shown) {
    lines.push(`- ${KIND_NAMES[search.language][hit.kind]}: ${plain(hit.title)}`, `  ${origin}${recordPath(hit)}`);
  }
  if (total > shown.length) {
    const more = total - shown.length;
    lines.push(zh ? `……另有 ${more} 条。` : `…and ${more} more.`);
  }
  lines.push(
    '',
    zh ? '查看全部结果：' : 'See every match:',
    `${origin}${searchPath(search.query)}`,
    '',
    zh
      ? '您收到此邮件是因为您为该搜索开启了提醒。如需停止，请在“我的账户”中关闭该搜索的提醒，或删除该搜索。'
      : 'You receive this because alerts are on for this search. To stop them, turn its alerts off or delete it on your account page.',
  );
  return {
    subject: zh ? `Parley：“${name}”有新结果` : `Parley: new matches for "${name}"`,
    text: lines.join('\n'),
  };
}

export interface AlertRun {
  /** Saved searches run. */
  searches: number;
  /** E-mails queued. */
  mails: number;
}

/**
 * Runs every alerting saved search as its user and queues one e-mail per
 * search that has new matches. A search that fails (its query no longer
 * valid) is logged and the others run on.
 */
export async function runSearchAlerts(
  deps: { savedSearches: SavedSearchStore; search: SearchIndex },
  options: { origin: string; now?: () => Date; log?: { error(obj: object, msg: string): void } },
): Promise<AlertRun> {
  const run: AlertRun = { searches: 0, mails: 0 };
  for (const { search: saved, user, checkedAt } of await deps.savedSearches.alerting()) {
    // A disabled user is told nothing, whatever the public might see.
    if (user.disabled) continue;
    run.searches++;
    try {
      const at = options.now?.() ?? new Date();
      const principal: Principal = { user, via: 'session', scope: 'read' };
      const since = checkedAt === null ? undefined : new Date(Date.parse(checkedAt) - ALERT_OVERLAP_MS);
      const found = await matchesOf(deps, principal, saved.query, saved.language, since);
      const byKey = new Map(found.map((m) => [seenKey(m), m]));
      const queued = await deps.savedSearches.recordCheck(
        saved.id,
        [...byKey.keys()],
        (fresh) => {
          const shown = fresh.slice(0, ALERT_LIST_LIMIT).map((k) => byKey.get(k)!);
          const mail = alertMail(saved, shown, fresh.length, options.origin);
          return {
            to: user.email,
            subject: mail.subject,
            text: mail.text,
            language: saved.language,
            kind: 'search.alert',
            record: { kind: 'saved-search', id: saved.id, key: saved.name },
          };
        },
        at,
      );
      if (queued) run.mails++;
    } catch (err) {
      options.log?.error(
        { savedSearch: saved.id, error: err instanceof Error ? err.message : String(err) },
        'a saved search alert failed',
      );
    }
  }
  return run;
}

/** Runs the alerts every `intervalMs` until stopped; rounds never overlap. */
export function startSearchAlerts(
  deps: { savedSearches: SavedSearchStore; search: SearchIndex },
  options: { origin: string; intervalMs?: number; log?: { error(obj: object, msg: string): void } },
): { stop(): Promise<void> } {
  const interval = options.intervalMs ?? 5 * 60_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    if (stopped) return;
    try {
      await runSearchAlerts(deps, options);
    } catch (err) {
      options.log?.error({ error: err instanceof Error ? err.message : String(err) }, 'saved search alerts failed');
    }
  };
  const timer = setInterval(() => {
    running = running.then(round);
  }, interval);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
