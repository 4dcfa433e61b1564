import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../hooks/session.js';
import type { MeT } from '../hooks/types.js';
import { linkTo } from '../routes.js';
import { ErrorState, Loading } from './QueryState.js';

/** A page for signed-in users only: the public is sent to the sign-in page, and brought back here afterwards. */
export function RequireSignIn({ children }: { children: (me: MeT) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} headingLevel={1} />;
  if (!me.data) return <Navigate to={linkTo.signIn(`${location.pathname}${location.search}`)} replace />;
  return <>{children(me.data)}</>;
}
