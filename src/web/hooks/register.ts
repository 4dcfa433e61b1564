/**
 * The public register, open data and search, as the web app reads them
 * (issue 7), and the typed strings of their catalogue (i18n/register.*.json).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialogueSummaryT, IssueDetailT, MeetingT, OutcomeT } from '../../shared/api.js';
import type registerEn from '../i18n/register.en.json';
import { apiGet, type ListOf } from './api.js';

export type RegisterKey = keyof (typeof registerEn)['register'];
type RegisterT = (key: RegisterKey, options?: Record<string, unknown>) => string;

/** `t` for the register's catalogue, with its keys typed. */
export function useRegisterT(): RegisterT {
  const { t } = useTranslation();
  return useCallback(
    (key, options) => (t as unknown as (k: string, o?: Record<string, unknown>) => string)(`register.${key}`, options),
    [t],
  );
}

export interface StatusChange {
  at: string;
  status: IssueDetailT['status'];
  from: IssueDetailT['status'] | null;
}
export type PublicIssueT = IssueDetailT & { statusHistory: StatusChange[] };
export interface PublicReadoutT {
  id: string;
  meeting: number;
  side: string;
  lang: string;
  number?: number;
  published?: string;
}
export interface DatasetT {
  name: string;
  version: number;
  columns: { name: string; type: string; values?: string[]; description: string }[];
}

export const SEARCH_FACETS = [
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
export type SearchFacetT = (typeof SEARCH_FACETS)[number];
export const SEARCH_SORTS = ['relevance', 'date', 'priority'] as const;

export interface SearchHitT {
  kind: 'issue' | 'report' | 'meeting' | 'account' | 'outcome' | 'readout';
  /** Issue or outcome key, meeting number, "number/side" (account), report reference, "number/id" (readout). */
  key: string;
  /** Null for a report not merged into an issue. */
  dialogue: string | null;
  title: string;
  snippet: string;
  score: number;
  category: string | null;
  status: string | null;
  side: string | null;
  year: number | null;
  date: string | null;
  /** Only for the leads and analysts of the side holding the issue or report. */
  priority: number | null;
}
export interface SearchResultT {
  total: number;
  facets: Record<SearchFacetT, Record<string, number>>;
  items: SearchHitT[];
}

const seg = encodeURIComponent;
export const PUBLIC_API = '/api/public/v1';
const dialoguePath = (key: string) => `${PUBLIC_API}/dialogues/${seg(key)}`;

export function usePublicDialogues() {
  return useQuery({
    queryKey: ['public', 'dialogues'],
    queryFn: ({ signal }) => apiGet<ListOf<DialogueSummaryT>>(`${PUBLIC_API}/dialogues`, signal),
  });
}

export function usePublicIssues(key: string) {
  return useQuery({
    queryKey: ['public', key, 'issues'],
    queryFn: ({ signal }) => apiGet<ListOf<PublicIssueT>>(`${dialoguePath(key)}/issues`, signal),
  });
}

export function usePublicIssue(key: string, issueKey: string) {
  return useQuery({
    queryKey: ['public', key, 'issue', issueKey],
    queryFn: ({ signal }) => apiGet<PublicIssueT>(`${dialoguePath(key)}/issues/${seg(issueKey)}`, signal),
  });
}

export function usePublicMeetings(key: string) {
  return useQuery({
    queryKey: ['public', key, 'meetings'],
    queryFn: ({ signal }) => apiGet<ListOf<MeetingT>>(`${dialoguePath(key)}/meetings`, signal),
  });
}

export function usePublicOutcomes(key: string) {
  return useQuery({
    queryKey: ['public', key, 'outcomes'],
    queryFn: ({ signal }) => apiGet<ListOf<OutcomeT>>(`${dialoguePath(key)}/outcomes`, signal),
  });
}

export function usePublicReadouts(key: string) {
  return useQuery({
    queryKey: ['public', key, 'readouts'],
    queryFn: ({ signal }) => apiGet<ListOf<PublicReadoutT>>(`${dialoguePath(key)}/readouts`, signal),
  });
}

export function useDatasets() {
  return useQuery({
    queryKey: ['public', 'datasets'],
    queryFn: ({ signal }) => apiGet<ListOf<DatasetT>>(`${PUBLIC_API}/datasets`, signal),
    staleTime: Infinity,
  });
}

export function useSearch(params: URLSearchParams) {
  const query = params.toString();
  return useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => apiGet<SearchResultT>(`/api/v1/search?${query}`, signal),
    enabled: (params.get('q') ?? '').trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
