/** What the analytics need from storage beyond the readers: counts that no reader gives (issue 7). */

export const REPORT_DIMENSIONS = ['sector', 'economy', 'region'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export const REPORT_STATES = ['new', 'merged', 'rejected'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** How many reports have one value of a field (null: not stated) and one status. */
export interface ReportCount {
  value: string | null;
  status: ReportState;
  count: number;
}

export interface AnalyticsStore {
  /**
   * The reports addressed to `side` that belong to the dialogue: merged into
   * one of its issues, or not merged into any issue yet (new or rejected),
   * counted by the value of one of their fields and by status. Reports are the
   * receiving side's: the caller passes its own side only.
   */
  reportCounts(side: string, dialogueKey: string, by: ReportDimension): Promise<ReportCount[]>;
}
