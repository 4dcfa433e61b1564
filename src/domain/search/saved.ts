/**
 * Saved searches and their e-mail alerts (issue 7). A signed-in user keeps a
 * search (words and filters, as `GET /api/v1/search` takes them) under a
 * name; each user sees and deletes only their own.
 *
 * Alerts: `runSearchAlerts` runs every alerting search as its user, with what
 * that user may see now (a disabled user's searches are skipped), and compares
 * the matches with the search's watermark, the set of records it already knew
 * ("kind:dialogue/key", filled with what matched when it was saved). What is
 * new goes into one e-mail per search, in the language the search was saved
 * in, queued in the outbox in the transaction that adds it to the watermark:
 * nothing new, no e-mail; an e-mail queued, never the same records again.
 */
import type { Actor } from '../audit/audit.js';
import type { Principal, User } from '../auth/roles.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { MailLanguage, MailMessage } from '../mail/outbox.js';
import { LINK_MARK } from '../mail/outbox.js';
import {
  search,
  searchAccess,
  type SearchFilters,
  type SearchHit,
  type SearchIndex,
  type SearchKind,
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
}

export interface NewSavedSearch {
  name: string;
  query: SavedQuery;
  alert: boolean;
  language: MailLanguage;
}

/** A saved search as the alert job reads it: with its user and its watermark. */
export interface AlertingSearch {
  search: SavedSearch;
  user: User;
  seen: string[];
}

export interface SavedSearchStore {
  list(userId: string): Promise<SavedSearch[]>;
  /** Saves the search with `seen` as its watermark, audited in the same transaction. */
  create(actor: Actor, userId: string, input: NewSavedSearch, seen: string[]): Promise<SavedSearch>;
  /** Deletes the user's saved search (audited); false when the user has none of that id. */
  delete(actor: Actor, userId: string, id: string): Promise<boolean>;
  /** Every saved search with alerts on, with its user. */
  alerting(): Promise<AlertingSearch[]>;
  /**
   * In one transaction: queues `mail` in the outbox and adds `keys` to the
   * search's watermark. False (and nothing queued) when the search is gone.
   */
  recordAlert(id: string, keys: string[], mail: MailMessage, at: Date): Promise<boolean>;
}

/** How many matches a run compares with the watermark (newest first). */
export const ALERT_SCAN_LIMIT = 100;
/** The most records one e-mail lists; the rest are counted. */
export const ALERT_LIST_LIMIT = 50;

/** A record's place in the watermark: kind, dialogue and key (keys repeat across dialogues). */
export function seenKey(hit: Pick<SearchHit, 'kind' | 'key' | 'dialogue'>): string {
  return `${hit.kind}:${hit.dialogue ?? ''}/${hit.key}`;
}

function requireWrite(principal: Principal): void {
  if (principal.scope !== 'write') throw new ForbiddenError('This API token is read-only.');
}

/** What the query matches now for `user`, newest first. */
async function matches(deps: { search: SearchIndex }, principal: Principal, query: SavedQuery): Promise<SearchHit[]> {
  const result = await search(deps, searchAccess(principal), {
    ...query,
    sort: 'date',
    limit: ALERT_SCAN_LIMIT,
  });
  return result.items;
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
  const seen = (await matches(deps, principal, query)).map(seenKey);
  return deps.savedSearches.create(actor, principal.user.id, { ...input, name, query }, seen);
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
export function recordPath(hit: Pick<SearchHit, 'kind' | 'key' | 'dialogue'>): string {
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

/** The alert about `hits`, new matches of `search`; links in full, from `origin`. */
export function alertMail(search: SavedSearch, hits: SearchHit[], origin: string): { subject: string; text: string } {
  const zh = search.language === 'zh';
  const name = plain(search.name);
  const shown = hits.slice(0, ALERT_LIST_LIMIT);
  const lines = [
    zh
      ? `您保存的搜索“${name}”有 ${hits.length} 条新结果：`
      : `Your saved search "${name}" has ${hits.length} new ${hits.length === 1 ? 'match' : 'matches'}:`,
    '',
  ];
  for (const hit of shown) {
    lines.push(`- ${KIND_NAMES[search.language][hit.kind]}: ${plain(hit.title)}`, `  ${origin}${recordPath(hit)}`);
  }
  if (hits.length > shown.length) {
    const more = hits.length - shown.length;
    lines.push(zh ? `……另有 ${more} 条。` : `…and ${more} more.`);
  }
  lines.push(
    '',
    zh ? '查看全部结果：' : 'See every match:',
    `${origin}${searchPath(search.query)}`,
    '',
    zh
      ? '您收到此邮件是因为您为该搜索开启了提醒。如需停止，请在“我的账户”中删除该搜索。'
      : 'You receive this because alerts are on for this search. To stop them, delete the search on your account page.',
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
  for (const { search: saved, user, seen } of await deps.savedSearches.alerting()) {
    // A disabled user is told nothing, whatever the public might see.
    if (user.disabled) continue;
    run.searches++;
    try {
      const known = new Set(seen);
      const principal: Principal = { user, via: 'session', scope: 'read' };
      const fresh = (await matches(deps, principal, saved.query)).filter((hit) => !known.has(seenKey(hit)));
      if (fresh.length === 0) continue;
      const mail = alertMail(saved, fresh, options.origin);
      const queued = await deps.savedSearches.recordAlert(
        saved.id,
        fresh.map(seenKey),
        {
          to: user.email,
          subject: mail.subject,
          text: mail.text,
          language: saved.language,
          kind: 'search.alert',
          record: { kind: 'saved-search', id: saved.id, key: saved.name },
        },
        options.now?.() ?? new Date(),
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
