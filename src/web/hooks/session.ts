/**
 * Who is signed in, and the writes made on their behalf. Every write of the
 * web app goes through `useSend`, which adds the session's CSRF token that the
 * server requires on cookie-authenticated writes.
 */
import { useMutation, useQuery, useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { OidcStatusT } from '../../shared/sso.js';
import { ApiError, apiGet, apiSend, type ListOf, type SendOptions, type WriteMethod } from './api.js';
import { linkTo } from '../routes.js';
import { queryKeys } from './queries.js';
import type { CreatedTokenT, DemoUserT, MeT, Permission, SessionT, TokenScope, TokenT } from './types.js';

/**
 * Whether this browser may hold a session. The session cookie is HTTP-only,
 * so the page cannot see it; asking GET /api/v1/me answers 401 for the public,
 * which browsers log as an error on every page of the public register. So the
 * app remembers that it signed in (or started single sign-on) and asks only
 * then, or when storage is unavailable, or on the sign-in page (see
 * useVerifySession). A wrong "no" corrects itself there; a wrong "yes" costs
 * one 401 and is cleared.
 */
export const SESSION_HINT_KEY = 'parley.session';

function readSessionHint(): boolean | undefined {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return undefined;
  }
}

export function writeSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Without storage the app asks the server every time instead.
  }
}

async function fetchMe(signal?: AbortSignal, { force = false } = {}): Promise<MeT | null> {
  if (!force && readSessionHint() === false) return null;
  try {
    const me = await apiGet<MeT>('/api/v1/me', signal);
    writeSessionHint(true);
    return me;
  } catch (error) {
    // Not signed in (or the session ended): the reader is the public, which is not an error.
    if (error instanceof ApiError && error.status === 401) {
      writeSessionHint(false);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, `null` for the public. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
  });
}

/**
 * On the sign-in page, ask the server even when this browser does not know of
 * a session: one may have been started elsewhere (a bookmarked single
 * sign-on link, storage cleared).
 */
export function useVerifySession(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (readSessionHint() !== false) return;
    let live = true;
    fetchMe(undefined, { force: true })
      .then((me) => {
        if (live && me) queryClient.setQueryData(queryKeys.me, me);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [queryClient]);
}

/** Whether the signed-in user may do `permission` (the API's own list, from GET /api/v1/me). */
export function may(me: MeT | null | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

export type Send = <T = undefined>(
  method: WriteMethod,
  path: string,
  options?: Omit<SendOptions, 'csrfToken'>,
) => Promise<T>;

/**
 * `apiSend` with the CSRF token of the current session. When the server
 * refuses the token (the session changed in another tab), the token is read
 * again and the write tried once more.
 */
export function useSend(): Send {
  const queryClient = useQueryClient();
  return useCallback(
    async <T>(method: WriteMethod, path: string, options: Omit<SendOptions, 'csrfToken'> = {}): Promise<T> => {
      let me = queryClient.getQueryData<MeT | null>(queryKeys.me);
      if (me === undefined) me = await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: () => fetchMe() });
      try {
        return await apiSend<T>(method, path, { ...options, csrfToken: me?.csrfToken });
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'csrf-failed')) throw error;
        const fresh = await queryClient.fetchQuery({
          queryKey: queryKeys.me,
          queryFn: () => fetchMe(undefined, { force: true }),
          staleTime: 0,
        });
        return apiSend<T>(method, path, { ...options, csrfToken: fresh?.csrfToken });
      }
    },
    [queryClient],
  ) as Send;
}

/** What the installation is (its name, demo users, single sign-on) is the same for everybody. */
const SAME_FOR_ALL = new Set<unknown>([queryKeys.installation[0], queryKeys.demoUsers[0], queryKeys.oidc[0]]);

/** Whether a query's answer depends on who asks: all but SAME_FOR_ALL. */
function readAsSomebody(query: Query): boolean {
  return !SAME_FOR_ALL.has(query.queryKey[0]);
}

function isMe(query: Query): boolean {
  return query.queryKey.length === queryKeys.me.length && query.queryKey[0] === queryKeys.me[0];
}

/**
 * After signing in, everything cached was read as somebody else: the lists
 * differ by side. Forget it all and refetch what is on screen.
 */
function startOver(queryClient: QueryClient): Promise<void> {
  writeSessionHint(true);
  return queryClient.resetQueries({ predicate: readAsSomebody });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      apiSend('POST', '/api/v1/session', { body: credentials }),
    onSuccess: () => startOver(queryClient),
  });
}

/** One-click sign-in as a demo user (demo installations only). */
export function useDemoSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => apiSend('POST', '/api/v1/demo/session', { body: { email } }),
    onSuccess: () => startOver(queryClient),
  });
}

/**
 * Signs out of this browser, or with `everywhere` ends every session of the
 * account, and goes to the list of dialogues: the page on screen may show
 * records that the public may not see, so it goes first, then the cache.
 *
 * The order matters: once the session has ended, any read made for the
 * signed-in user is refused (401). So reads still on their way are cancelled
 * before the session ends and again after; the cached user becomes `null`
 * before anything renders again, so that no page still believes somebody is
 * signed in; the page on screen is left synchronously (`flushSync`: a router
 * navigation is otherwise a React transition, and the old page, still
 * mounted, would have its signed-in-only queries refetched by the reset);
 * and only then is what the new page shows read again, as the public.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const send = useSend();
  return useMutation({
    mutationFn: async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      await queryClient.cancelQueries({ predicate: (query) => readAsSomebody(query) && !isMe(query) });
      try {
        await send('DELETE', `/api/v1/session${everywhere ? '?everywhere=true' : ''}`);
      } catch (error) {
        // A session that has already ended is signed out; anything else is worth telling.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: async () => {
      writeSessionHint(false);
      await queryClient.cancelQueries({ predicate: readAsSomebody });
      queryClient.setQueryData(queryKeys.me, null);
      await navigate(linkTo.dialogues(), { flushSync: true });
      await queryClient.resetQueries({ predicate: (query) => readAsSomebody(query) && !isMe(query) });
    },
  });
}

/** The demo users, on a demo installation; `null` on any other (the API answers 404 there). */
export function useDemoUsers() {
  return useQuery({
    queryKey: queryKeys.demoUsers,
    queryFn: async ({ signal }) => {
      try {
        return (await apiGet<ListOf<DemoUserT>>('/api/v1/demo/users', signal)).items;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** Whether the installation offers single sign-on; a server without the route does not. */
export function useOidc() {
  return useQuery({
    queryKey: queryKeys.oidc,
    queryFn: async ({ signal }): Promise<OidcStatusT> => {
      try {
        return await apiGet<OidcStatusT>('/api/v1/auth/oidc', signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { enabled: false };
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: async ({ signal }) => (await apiGet<ListOf<TokenT>>('/api/v1/me/tokens', signal)).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: (input: { name: string; scope: TokenScope }) =>
      send<CreatedTokenT>('POST', '/api/v1/me/tokens', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: (id: string) => send('DELETE', `/api/v1/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: async ({ signal }) => (await apiGet<ListOf<SessionT>>('/api/v1/me/sessions', signal)).items,
  });
}
