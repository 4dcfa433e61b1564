/** Accounts, for administrators (permission `user.manage`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, type ListOf } from './api.js';
import { queryKeys } from './queries.js';
import { useSend } from './session.js';
import type { Role, UserT } from './types.js';

export interface NewUser {
  email: string;
  side: string;
  role: Role;
  displayName?: string;
  /** Without one, the user signs in with single sign-on. */
  password?: string;
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async ({ signal }) => (await apiGet<ListOf<UserT>>('/api/v1/users', signal)).items,
    enabled,
  });
}

export function useAddUser() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: (input: NewUser) => send<UserT>('POST', '/api/v1/users', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useDisableUser() {
  const queryClient = useQueryClient();
  const send = useSend();
  return useMutation({
    mutationFn: (id: string) => send<UserT>('POST', `/api/v1/users/${encodeURIComponent(id)}/disable`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
