/**
 * The app's providers and route table. main.tsx gives it a browser router;
 * tests give it a memory router, a fresh query client and their own i18n.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { lazy, Suspense, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { flushSync } from 'react-dom';
import { Navigate, RouterProvider, type RouteObject, type createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.js';
import { Loading } from './components/QueryState.js';
import { shouldRetry } from './hooks/api.js';
import { DialoguePage } from './pages/DialoguePage.js';
import { DialoguesPage } from './pages/DialoguesPage.js';
import { IssuePage } from './pages/IssuePage.js';
import { IssuesPage } from './pages/IssuesPage.js';
import { MeetingPage } from './pages/MeetingPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { RouteError } from './pages/RouteError.js';
import { routes } from './routes.js';
import { reportRoutes } from './report-routes.js';
import { cycleRoutes } from './cycle-routes.js';

// Pages for signed-in officials load on first use: most readers of the public register never open them.
const SignInPage = lazy(() => import('./pages/SignInPage.js').then((m) => ({ default: m.SignInPage })));
const AccountPage = lazy(() => import('./pages/AccountPage.js').then((m) => ({ default: m.AccountPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.js').then((m) => ({ default: m.UsersPage })));
// Reporting a problem and the triage queue (issue 4).
const ReportPage = lazy(() => import('./pages/ReportPage.js').then((m) => ({ default: m.ReportPage })));
const ReportStatusPage = lazy(() =>
  import('./pages/ReportStatusPage.js').then((m) => ({ default: m.ReportStatusPage })),
);
const TriagePage = lazy(() => import('./pages/TriagePage.js').then((m) => ({ default: m.TriagePage })));
// The public register, open data and search (issue 7).
const registerPage = (name: 'RegisterHomePage' | 'RegisterDialoguePage' | 'RegisterIssuePage' | 'OpenDataPage') =>
  lazy(() => import('./pages/RegisterPages.js').then((m) => ({ default: m[name] })));
const SearchPage = lazy(() => import('./pages/SearchPage.js').then((m) => ({ default: m.SearchPage })));
const registerPages = [
  { path: routes.register, Page: registerPage('RegisterHomePage') },
  { path: routes.registerDialogue, Page: registerPage('RegisterDialoguePage') },
  { path: routes.registerIssue, Page: registerPage('RegisterIssuePage') },
  { path: routes.openData, Page: registerPage('OpenDataPage') },
  { path: routes.search, Page: SearchPage },
];
// The meeting cycle (issue 5): dashboard, planning, agenda builder, comparison, outcomes register.
const cyclePage = (
  name:
    'DashboardPage' | 'PlanMeetingPage' | 'AgendaPage' | 'ComparePage' | 'OutcomesRegisterPage' | 'RecordAccountPage',
) => lazy(() => import('./pages/CyclePages.js').then((m) => ({ default: m[name] })));
const CyclePage = {
  dashboard: cyclePage('DashboardPage'),
  planMeeting: cyclePage('PlanMeetingPage'),
  agenda: cyclePage('AgendaPage'),
  compare: cyclePage('ComparePage'),
  outcomes: cyclePage('OutcomesRegisterPage'),
  recordAccount: cyclePage('RecordAccountPage'),
  // The dialogue's analytics (issue 7).
  analytics: lazy(() => import('./pages/AnalyticsPage.js').then((m) => ({ default: m.AnalyticsPage }))),
};

function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export const appRoutes: RouteObject[] = [
  {
    path: routes.dialogues,
    element: <Layout />,
    children: [
      {
        // A pathless route so that a page that throws is shown inside the normal frame.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DialoguesPage /> },
          { path: '/dialogues', element: <Navigate to={routes.dialogues} replace /> },
          { path: routes.dialogue, element: <DialoguePage /> },
          { path: routes.meeting, element: <MeetingPage /> },
          { path: routes.issues, element: <IssuesPage /> },
          { path: routes.issue, element: <IssuePage /> },
          ...(Object.keys(CyclePage) as (keyof typeof CyclePage)[]).map((name) => {
            const Page = CyclePage[name];
            return {
              path: cycleRoutes[name],
              element: (
                <Later>
                  <Page />
                </Later>
              ),
            };
          }),
          {
            path: routes.signIn,
            element: (
              <Later>
                <SignInPage />
              </Later>
            ),
          },
          {
            path: routes.account,
            element: (
              <Later>
                <AccountPage />
              </Later>
            ),
          },
          {
            path: routes.users,
            element: (
              <Later>
                <UsersPage />
              </Later>
            ),
          },
          ...[
            { path: reportRoutes.report, Page: ReportPage },
            { path: reportRoutes.reportStatus, Page: ReportStatusPage },
            { path: reportRoutes.triage, Page: TriagePage },
          ].map(({ path, Page }) => ({
            path,
            element: (
              <Later>
                <Page />
              </Later>
            ),
          })),
          ...registerPages.map(({ path, Page }) => ({
            path,
            element: (
              <Later>
                <Page />
              </Later>
            ),
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // Records change at meeting pace, not by the second: a short cache avoids refetching on every click.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

type Router = ReturnType<typeof createBrowserRouter>;

function commitNow(update: () => unknown): undefined {
  flushSync(update);
  return undefined;
}

export function App({ router, queryClient, i18n }: { router: Router; queryClient: QueryClient; i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {/* With flushSync a navigation can be committed at once (`navigate(to, { flushSync: true })`, see useSignOut). */}
        <RouterProvider router={router} flushSync={commitNow} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
