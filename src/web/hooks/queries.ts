/**
 * Data hooks, one per API resource. Pages never call fetch themselves; the
 * query keys here are the cache's only vocabulary.
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { DialogueSummaryT, DialogueT, InstallationT, IssueT, MeetingDetailT, MeetingT } from '../../shared/api.js';
import { filtersToSearch, type IssueFilters } from '../routes.js';
import { apiGet, type IssueDetailT, type ListOf, type PageOf } from './api.js';
import type { HistoryEntryT, HistoryKind } from './types.js';

const seg = encodeURIComponent;
const dialoguePath = (key: string): string => `/api/v1/dialogues/${seg(key)}`;

/** Issues per page of the list; the "More" button fetches the next. */
export const ISSUES_PAGE_SIZE = 25;
/** Page size when collecting every issue to name the ones an account raised. */
const INDEX_PAGE_SIZE = 100;

export const queryKeys = {
  installation: ['installation'] as const,
  dialogues: ['dialogues'] as const,
  dialogue: (key: string) => ['dialogue', key] as const,
  meetings: (key: string) => ['dialogue', key, 'meetings'] as const,
  meeting: (key: string, number: number) => ['dialogue', key, 'meeting', number] as const,
  issues: (key: string, filters: IssueFilters) => ['dialogue', key, 'issues', filters] as const,
  issueIndex: (key: string) => ['dialogue', key, 'issue-index'] as const,
  issue: (key: string, issueKey: string) => ['dialogue', key, 'issue', issueKey] as const,
  // Who is signed in, and what belongs to them (hooks/session.ts, hooks/admin.ts).
  me: ['me'] as const,
  tokens: ['me', 'tokens'] as const,
  sessions: ['me', 'sessions'] as const,
  demoUsers: ['demo-users'] as const,
  oidc: ['oidc'] as const,
  users: ['users'] as const,
  history: (kind: HistoryKind, id: string) => ['history', kind, id] as const,
};

export function useInstallation() {
  return useQuery({
    queryKey: queryKeys.installation,
    queryFn: ({ signal }) => apiGet<InstallationT>('/api/v1/installation', signal),
    // The installation's name does not change while a page is open.
    staleTime: Infinity,
  });
}

export function useDialogues() {
  return useQuery({
    queryKey: queryKeys.dialogues,
    queryFn: ({ signal }) => apiGet<ListOf<DialogueSummaryT>>('/api/v1/dialogues', signal),
  });
}

export function useDialogue(key: string) {
  return useQuery({
    queryKey: queryKeys.dialogue(key),
    queryFn: ({ signal }) => apiGet<DialogueT>(dialoguePath(key), signal),
  });
}

export function useMeetings(key: string) {
  return useQuery({
    queryKey: queryKeys.meetings(key),
    queryFn: ({ signal }) => apiGet<ListOf<MeetingT>>(`${dialoguePath(key)}/meetings`, signal),
  });
}

export function useMeeting(key: string, number: number) {
  return useQuery({
    queryKey: queryKeys.meeting(key, number),
    queryFn: ({ signal }) => apiGet<MeetingDetailT>(`${dialoguePath(key)}/meetings/${number}`, signal),
  });
}

export function useIssues(key: string, filters: IssueFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.issues(key, filters),
    queryFn: ({ pageParam, signal }) => {
      const search = filtersToSearch(filters);
      search.set('limit', String(ISSUES_PAGE_SIZE));
      if (pageParam) search.set('cursor', pageParam);
      return apiGet<PageOf<IssueT>>(`${dialoguePath(key)}/issues?${search.toString()}`, signal);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the current table while a new filter loads, instead of flashing a spinner in its place.
    placeholderData: keepPreviousData,
  });
}

/**
 * Every issue the reader may see, keyed by issue key: accounts refer to issues
 * by key, and the meeting page shows their titles. Issues the reader may not
 * see are simply absent, and the page shows the key instead.
 */
export function useIssueIndex(key: string) {
  return useQuery({
    queryKey: queryKeys.issueIndex(key),
    queryFn: async ({ signal }) => {
      const index = new Map<string, IssueT>();
      let cursor: string | undefined;
      do {
        const search = new URLSearchParams({ limit: String(INDEX_PAGE_SIZE) });
        if (cursor) search.set('cursor', cursor);
        const page = await apiGet<PageOf<IssueT>>(`${dialoguePath(key)}/issues?${search.toString()}`, signal);
        for (const issue of page.items) index.set(issue.key, issue);
        cursor = page.nextCursor;
      } while (cursor);
      return index;
    },
  });
}

export function useIssue(key: string, issueKey: string) {
  return useQuery({
    queryKey: queryKeys.issue(key, issueKey),
    queryFn: ({ signal }) => apiGet<IssueDetailT>(`${dialoguePath(key)}/issues/${seg(issueKey)}`, signal),
  });
}

/** The audit history of one record, as far as the reader may see the record; newest first. */
export function useHistory(kind: HistoryKind, id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.history(kind, id ?? ''),
    queryFn: async ({ signal }) => {
      const history = await apiGet<ListOf<HistoryEntryT>>(`/api/v1/${kind}/${seg(id ?? '')}/history`, signal);
      return [...history.items].sort((a, b) => b.position - a.position);
    },
    enabled: Boolean(id),
  });
}
