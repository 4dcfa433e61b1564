/** Routes of the reports feature (issue 4), kept apart from routes.ts like cycle-routes.ts. */
export const reportRoutes = {
  report: '/report',
  reportStatus: '/reports/status/:token',
  triage: '/triage',
} as const;

export const reportLinks = {
  report: (): string => reportRoutes.report,
  reportStatus: (token: string): string => `/reports/status/${encodeURIComponent(token)}`,
  triage: (): string => reportRoutes.triage,
};
