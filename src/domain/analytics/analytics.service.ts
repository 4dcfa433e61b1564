/**
 * Analytics of a dialogue (issue 7): each chart is a small table computed from
 * what the viewer may see, so that the chart, its data table, its CSV and its
 * server-side SVG all show the same numbers.
 */
import type { Viewer } from '../access/viewer.js';
import { getDialogue, listIssues, listOutcomes, type Deps } from '../dialogues/dialogue.service.js';
import type { Issue } from '../records.js';
import { CATEGORIES, ISSUE_STATUSES } from '../vocabulary.js';

export const CHARTS = ['issues-by-category', 'outcomes-by-meeting'] as const;
export type ChartName = (typeof CHARTS)[number];

/** A chart's data: named columns, one row per category on the x axis, numbers in the series columns. */
export interface ChartTable {
  chart: ChartName;
  title: { en: string; zh: string };
  /** The first column labels the rows; the others are series. */
  columns: string[];
  rows: (string | number)[][];
}

async function visibleIssues(deps: Deps, viewer: Viewer, dialogue: string): Promise<Issue[]> {
  const out: Issue[] = [];
  let cursor: string | undefined;
  do {
    const page = await listIssues(deps, viewer, { dialogue }, { limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

export async function chartTable(deps: Deps, viewer: Viewer, dialogue: string, chart: ChartName): Promise<ChartTable> {
  await getDialogue(deps, viewer, dialogue);
  if (chart === 'issues-by-category') {
    const issues = await visibleIssues(deps, viewer, dialogue);
    const categories = CATEGORIES.filter((c) => issues.some((i) => i.category === c));
    return {
      chart,
      title: { en: 'Issues by category and status', zh: '按类别和状态统计的问题' },
      columns: ['category', ...ISSUE_STATUSES],
      rows: categories.map((c) => [
        c,
        ...ISSUE_STATUSES.map((s) => issues.filter((i) => i.category === c && i.status === s).length),
      ]),
    };
  }
  const outcomes = await listOutcomes(deps, viewer, dialogue, {});
  const meetings = [...new Set(outcomes.map((o) => o.meeting))].sort((a, b) => a - b);
  return {
    chart,
    title: { en: 'Outcomes agreed and delivered per meeting', zh: '每次会议商定和落实的成果' },
    columns: ['meeting', 'agreed', 'delivered'],
    rows: meetings.map((m) => {
      const of = outcomes.filter((o) => o.meeting === m);
      return [m, of.length, of.filter((o) => o.status === 'delivered').length];
    }),
  };
}

export function tableCsv(table: ChartTable): string {
  const cell = (v: string | number) =>
    typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return '\uFEFF' + [table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
