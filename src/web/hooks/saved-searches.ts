/** My saved searches (issue 7): GET/POST/PATCH/DELETE /api/v1/me/searches. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, type ListOf } from './api.js';
import { useSend } from './session.js';

/** The words and filters of a search, as the API keeps them. */
export type SavedQueryT = { q: string } & Record<string, string | number | undefined>;

export interface SavedSearchT {
  id: string;
  name: string;
  query: SavedQueryT;
  alert: boolean;
  language: 'en' | 'zh';
  createdAt: string;
  lastAlertedAt: string | null;
  /** Sent back in If-Match to change the search. */
  version: number;
}

const KEY = ['saved-searches'] as const;

export function useSavedSearches(enabled = true) {
  return useQuery({
    queryKey: KEY,
    queryFn: async ({ signal }) => (await apiGet<ListOf<SavedSearchT>>('/api/v1/me/searches', signal)).items,
    enabled,
  });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: (input: { name: string; query: SavedQueryT; alert: boolean; language: 'en' | 'zh' }) =>
      send<SavedSearchT>('POST', '/api/v1/me/searches', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/**
 * Renames a saved search or turns its alert on or off, from the version the
 * page shows (If-Match). Whatever the answer, the list is read again: after a
 * 412 the page shows the version that won, for the user to change again.
 */
export function useUpdateSavedSearch() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: ({
      id,
      version,
      changes,
    }: {
      id: string;
      version: number;
      changes: { name?: string; alert?: boolean };
    }) =>
      send<SavedSearchT>('PATCH', `/api/v1/me/searches/${encodeURIComponent(id)}`, { body: changes, ifMatch: version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: (id: string) => send('DELETE', `/api/v1/me/searches/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** Numeric filters of the search API (JSON numbers in a saved query). */
const NUMERIC = new Set(['meeting', 'year']);
/** Filters a saved search keeps (sort, paging and language are the reader's, not the search's). */
export const SAVED_FILTERS = [
  'kind',
  'category',
  'status',
  'side',
  'economy',
  'sector',
  'chapter',
  'meeting',
  'year',
  'dialogue',
] as const;

/** The saved query of the search page's URL. */
export function queryOfParams(params: URLSearchParams): SavedQueryT {
  const query: SavedQueryT = { q: (params.get('q') ?? '').trim() };
  for (const f of SAVED_FILTERS) {
    const v = params.get(f);
    if (v) query[f] = NUMERIC.has(f) ? Number(v) : v;
  }
  return query;
}

/** The search page's URL for a saved query. */
export function searchLink(query: SavedQueryT): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  return `/search?${params.toString()}`;
}

export type SavedKey =
  | 'saveTitle'
  | 'name'
  | 'alert'
  | 'save'
  | 'saving'
  | 'savedAs'
  | 'signInToSave'
  | 'listTitle'
  | 'none'
  | 'run'
  | 'alertOn'
  | 'alertOff'
  | 'lastAlert'
  | 'delete'
  | 'deleteQuestion'
  | 'deleteConfirm'
  | 'saveFailed'
  | 'deleteFailed'
  | 'alertToggle'
  | 'rename'
  | 'renameOf'
  | 'renameLabel'
  | 'renameSave'
  | 'cancel'
  | 'updating'
  | 'updateFailed'
  | 'stale';

/** The strings of src/web/i18n/saved.*.json. */
export function useSavedT(): (key: SavedKey, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return useCallback(
    (key, options) => (t as unknown as (k: string, o?: Record<string, unknown>) => string)(`saved.${key}`, options),
    [t],
  );
}
