/**
 * Named routes. Pages and links refer to routes by name through `linkTo`, so
 * that a path changes in one place (the paas-admin convention).
 */
import type { IssueT } from '../shared/api.js';
import { safeReturnTo } from '../shared/sso.js';
import { CATEGORIES, ISSUE_STATUSES } from './vocabulary.js';

export const routes = {
  dialogues: '/',
  dialogue: '/dialogues/:key',
  meeting: '/dialogues/:key/meetings/:number',
  issues: '/dialogues/:key/issues',
  issue: '/dialogues/:key/issues/:issueKey',
  signIn: '/sign-in',
  account: '/account',
  users: '/admin/users',
  register: '/register',
  registerDialogue: '/register/:key',
  registerIssue: '/register/:key/issues/:issueKey',
  openData: '/open-data',
  search: '/search',
} as const;

export type RouteName = keyof typeof routes;

/** The filters of the issues list, as they appear in its URL query and in the API's. */
export interface IssueFilters {
  status?: IssueT['status'];
  category?: IssueT['category'];
  raisedBy?: string;
  respondent?: string;
}

export const ISSUE_FILTER_NAMES = ['status', 'category', 'raisedBy', 'respondent'] as const;

function includes<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value);
}

/** The filters in a URL query; values that are not in the closed lists are ignored rather than sent. */
export function filtersFromSearch(search: URLSearchParams): IssueFilters {
  const filters: IssueFilters = {};
  const status = search.get('status');
  const category = search.get('category');
  const raisedBy = search.get('raisedBy');
  const respondent = search.get('respondent');
  if (includes(ISSUE_STATUSES, status)) filters.status = status;
  if (includes(CATEGORIES, category)) filters.category = category;
  if (raisedBy) filters.raisedBy = raisedBy;
  if (respondent) filters.respondent = respondent;
  return filters;
}

export function filtersToSearch(filters: IssueFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of ISSUE_FILTER_NAMES) {
    const value = filters[name];
    if (value) search.set(name, value);
  }
  return search;
}

const seg = encodeURIComponent;

/** The query parameter of the sign-in page that names the page to return to (as single sign-on uses it too). */
export const RETURN_TO_PARAM = 'returnTo';

export const linkTo = {
  dialogues: (): string => routes.dialogues,
  dialogue: (key: string): string => `/dialogues/${seg(key)}`,
  meeting: (key: string, number: number): string => `/dialogues/${seg(key)}/meetings/${number}`,
  issues: (key: string, filters: IssueFilters = {}): string => {
    const query = filtersToSearch(filters).toString();
    return `/dialogues/${seg(key)}/issues${query ? `?${query}` : ''}`;
  },
  issue: (key: string, issueKey: string): string => `/dialogues/${seg(key)}/issues/${seg(issueKey)}`,
  /** The sign-in page, remembering the page to come back to (not the sign-in page itself). */
  signIn: (returnTo?: string): string => {
    const back = returnTo === undefined ? '/' : safeReturnTo(returnTo);
    return back === '/' || back.startsWith(routes.signIn)
      ? routes.signIn
      : `${routes.signIn}?${new URLSearchParams({ [RETURN_TO_PARAM]: back }).toString()}`;
  },
  account: (): string => routes.account,
  users: (): string => routes.users,
  register: (): string => routes.register,
  registerDialogue: (key: string): string => `/register/${seg(key)}`,
  registerIssue: (key: string, issueKey: string): string => `/register/${seg(key)}/issues/${seg(issueKey)}`,
  openData: (): string => routes.openData,
  search: (q = ''): string => (q ? `/search?${new URLSearchParams({ q }).toString()}` : routes.search),
} satisfies Record<RouteName, (...args: never[]) => string>;
