/**
 * Analytics of a dialogue (issue 7): each chart is a small table computed from
 * what the viewer may see, so that the chart, its data table, its CSV and its
 * server-side SVG all show the same numbers.
 *
 * Everything is counted through the readers, which filter by the viewer's
 * side and tier: a side's internal issue counts for that side only, the public
 * counts the public records. The reports charts count a side's own reports and
 * are for that side's staff only (reports are internal to the side that
 * received them).
 */
import type { Viewer } from '../access/viewer.js';
import { getDialogue } from '../dialogues/dialogue.service.js';
import { ForbiddenError } from '../errors.js';
import { agendaMark, type Timeline } from '../meetings/timeline.js';
import { timelinesOf } from '../meetings/cycle.service.js';
import { decodeCursor } from '../pagination.js';
import type { Store } from '../ports.js';
import type { Issue } from '../records.js';
import { CATEGORIES, ISSUE_STATUSES, type IssueStatus } from '../vocabulary.js';
import { REPORT_STATES, type ReportDimension } from './analytics.ports.js';
import {
  CATEGORY_LABELS,
  STATUS_LABELS,
  WORDS,
  countryLabel,
  meetingLabel,
  textLabel,
  timesLabel,
  type Label,
} from './analytics.labels.js';

export type { Label } from './analytics.labels.js';

export const CHARTS = [
  'issues-by-category',
  'issues-over-time',
  'resolution-time',
  'times-raised',
  'outcomes-by-meeting',
  'scorecard',
  'reports-by-sector',
  'reports-by-economy',
  'reports-by-region',
] as const;
export type ChartName = (typeof CHARTS)[number];

/** Each chart's title, in both languages. */
export const CHART_TITLES: Record<ChartName, Label> = {
  'issues-by-category': { en: 'Issues by category and status', zh: '按类别和状态统计的问题' },
  'issues-over-time': { en: 'Issues by status over time', zh: '问题状态随时间的变化' },
  'resolution-time': { en: 'Time from first raised to resolved', zh: '从首次提出到解决所用时间' },
  'times-raised': { en: 'Times raised before resolution', zh: '解决前被提出的次数' },
  'outcomes-by-meeting': { en: 'Outcomes agreed and delivered per meeting', zh: '每次会议商定和落实的成果' },
  scorecard: { en: "The dialogue's scorecard", zh: '对话成绩单' },
  'reports-by-sector': { en: 'Reports by sector', zh: '按行业统计的企业反映' },
  'reports-by-economy': { en: 'Reports by economy', zh: '按经济体统计的企业反映' },
  'reports-by-region': { en: 'Reports by region', zh: '按地区统计的企业反映' },
};

/** The charts of a side's own reports: for that side's staff only. */
export const REPORT_CHARTS: readonly ChartName[] = ['reports-by-sector', 'reports-by-economy', 'reports-by-region'];

/** How a chart is drawn: stacked bars, bars side by side, one series, or horizontal bars (long row labels). */
export type ChartShape = 'stacked' | 'grouped' | 'single' | 'horizontal';

/** A chart's data: named columns, one row per category on the x axis, numbers in the series columns. */
export interface ChartTable {
  chart: ChartName;
  title: Label;
  shape: ChartShape;
  /** The first column labels the rows (stable keys); the others are series. */
  columns: string[];
  /** Each column's label, in both languages. */
  columnLabels: Label[];
  rows: (string | number)[][];
  /** Each row's label, in both languages. */
  rowLabels: Label[];
  /** What the numbers leave out, when they leave something out. */
  note?: Label;
}

type Deps = Pick<Store, 'dialogues' | 'issues' | 'meetings' | 'history' | 'histories' | 'analytics'>;

async function visibleIssues(deps: Deps, viewer: Viewer, dialogue: string): Promise<Issue[]> {
  const out: Issue[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await deps.issues.list(viewer, { dialogue }, { limit: 200, after });
    out.push(...page.items);
    if (!page.nextCursor) break;
    after = decodeCursor(page.nextCursor);
  }
  return out;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Days between two ISO dates (b after a). */
function daysBetween(a: string, b: string): number {
  return Math.round(
    (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** The date an issue became `resolved` (its last change to it), if its changes were recorded. */
function resolvedOn(t: Timeline): string | undefined {
  return t.statusChanges
    .filter((c) => c.to === 'resolved')
    .at(-1)
    ?.at.slice(0, 10);
}

/**
 * An issue's status on a date, from its current status and its recorded
 * changes: before the first change after that date, it had that change's
 * "from" status.
 */
export function statusOn(current: IssueStatus, t: Timeline, date: string): IssueStatus {
  const later = t.statusChanges.find((c) => c.at.slice(0, 10) > date);
  if (!later) return current;
  const from = (later.from ?? later.to) as IssueStatus;
  return ISSUE_STATUSES.includes(from) ? from : current;
}

/** Statuses of issues still on the table. */
const ON_THE_TABLE: ReadonlySet<IssueStatus> = new Set(['reported', 'open', 'resolved-in-part']);

function table(
  chart: ChartName,
  title: Label,
  shape: ChartShape,
  columns: { key: string; label: Label }[],
  rows: { label: Label; cells: (string | number)[] }[],
  note?: Label,
): ChartTable {
  return {
    chart,
    title,
    shape,
    columns: columns.map((c) => c.key),
    columnLabels: columns.map((c) => c.label),
    rows: rows.map((r) => r.cells),
    rowLabels: rows.map((r) => r.label),
    ...(note ? { note } : {}),
  };
}

const statusColumns = ISSUE_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s] }));

/**
 * One chart's table for a dialogue, counted as the viewer may see it. The
 * reports charts need a side's staff (ForbiddenError otherwise).
 */
export async function chartTable(deps: Deps, viewer: Viewer, dialogue: string, chart: ChartName): Promise<ChartTable> {
  if (REPORT_CHARTS.includes(chart) && viewer.kind !== 'side') {
    throw new ForbiddenError('The reports charts are for the staff of the side that received the reports.');
  }
  const d = await getDialogue(deps, viewer, dialogue);
  switch (chart) {
    case 'issues-by-category': {
      const issues = await visibleIssues(deps, viewer, dialogue);
      const categories = CATEGORIES.filter((c) => issues.some((i) => i.category === c));
      return table(
        chart,
        CHART_TITLES[chart],
        'stacked',
        [{ key: 'category', label: WORDS.category }, ...statusColumns],
        categories.map((c) => ({
          label: CATEGORY_LABELS[c],
          cells: [c, ...ISSUE_STATUSES.map((s) => issues.filter((i) => i.category === c && i.status === s).length)],
        })),
      );
    }
    case 'issues-over-time':
      return issuesOverTime(deps, viewer, dialogue);
    case 'resolution-time':
    case 'times-raised':
      return resolutionCharts(deps, viewer, dialogue, chart);
    case 'outcomes-by-meeting': {
      const outcomes = await deps.meetings.outcomes(viewer, dialogue, {});
      const meetings = [...new Set(outcomes.map((o) => o.meeting))].sort((a, b) => a - b);
      return table(
        chart,
        CHART_TITLES[chart],
        'grouped',
        [
          { key: 'meeting', label: WORDS.meeting },
          { key: 'agreed', label: WORDS.agreed },
          { key: 'delivered', label: WORDS.delivered },
        ],
        meetings.map((m) => {
          const of = outcomes.filter((o) => o.meeting === m);
          return { label: meetingLabel(m), cells: [m, of.length, of.filter((o) => o.status === 'delivered').length] };
        }),
      );
    }
    case 'scorecard':
      return scorecard(deps, viewer, dialogue);
    case 'reports-by-sector':
    case 'reports-by-economy':
    case 'reports-by-region': {
      if (viewer.kind !== 'side') throw new ForbiddenError('Reports are counted for their side only.');
      const by = chart.slice('reports-by-'.length) as ReportDimension;
      // Reports are addressed to a side of the dialogue; another installation's side has none here.
      const counts = d.sides.some((s) => s.key === viewer.side)
        ? await deps.analytics.reportCounts(viewer.side, dialogue, by)
        : [];
      const values = [...new Set(counts.map((c) => c.value ?? ''))];
      const total = (v: string) => counts.filter((c) => (c.value ?? '') === v).reduce((n, c) => n + c.count, 0);
      values.sort((a, b) => total(b) - total(a) || a.localeCompare(b));
      return table(
        chart,
        CHART_TITLES[chart],
        'stacked',
        [{ key: by, label: WORDS[by] }, ...REPORT_STATES.map((s) => ({ key: s, label: WORDS[s] }))],
        values.map((v) => ({
          label: v === '' ? WORDS.notStated : by === 'economy' ? countryLabel(v) : { en: v, zh: v },
          cells: [
            v,
            ...REPORT_STATES.map((s) =>
              counts.filter((c) => (c.value ?? '') === v && c.status === s).reduce((n, c) => n + c.count, 0),
            ),
          ],
        })),
      );
    }
  }
}

/**
 * Issues on the table over time: at each meeting held so far, the issues on
 * record by then (raised at or before it, or recorded before its date) by the
 * status each had on that date; then the issues as they are now.
 */
async function issuesOverTime(deps: Deps, viewer: Viewer, dialogue: string): Promise<ChartTable> {
  const issues = await visibleIssues(deps, viewer, dialogue);
  const timelines = await timelinesOf(deps, viewer, dialogue, issues);
  const on = today();
  const held = (await deps.meetings.list(viewer, dialogue))
    .filter((m) => m.date <= on)
    .sort((a, b) => a.number - b.number);
  const rows = held.map((m): { label: Label; cells: (string | number)[] } => {
    const known = issues.filter((i) => {
      const first = timelines.get(i.key)!.firstRaised;
      return (first !== undefined && first.meeting <= m.number) || i.createdAt.slice(0, 10) <= m.date;
    });
    return {
      label: meetingLabel(m.number, m.date),
      cells: [
        m.number,
        ...ISSUE_STATUSES.map(
          (s) => known.filter((i) => statusOn(i.status, timelines.get(i.key)!, m.date) === s).length,
        ),
      ],
    };
  });
  rows.push({
    label: WORDS.now,
    cells: ['now', ...ISSUE_STATUSES.map((s) => issues.filter((i) => i.status === s).length)],
  });
  return table(
    'issues-over-time',
    CHART_TITLES['issues-over-time'],
    'stacked',
    [{ key: 'meeting', label: WORDS.meeting }, ...statusColumns],
    rows,
  );
}

/**
 * The resolved issues (both sides agree: PRODUCT.md rule 4): how long each took
 * from the meeting where it was first raised to the day it was resolved, and
 * how many meetings raised it before then. An issue never raised at a meeting,
 * or resolved before its changes were recorded (imported as resolved), has no
 * such time and is left out of the first chart, as the note says.
 */
async function resolutionCharts(
  deps: Deps,
  viewer: Viewer,
  dialogue: string,
  chart: 'resolution-time' | 'times-raised',
): Promise<ChartTable> {
  const resolved = (await visibleIssues(deps, viewer, dialogue)).filter((i) => i.status === 'resolved');
  const timelines = await timelinesOf(deps, viewer, dialogue, resolved);
  if (chart === 'resolution-time') {
    const rows: { label: Label; cells: (string | number)[] }[] = [];
    let leftOut = 0;
    for (const i of resolved) {
      const t = timelines.get(i.key)!;
      const end = resolvedOn(t);
      if (!t.firstRaised || !end) {
        leftOut += 1;
        continue;
      }
      rows.push({
        label: textLabel(i.title, i.key),
        cells: [i.key, Math.max(0, daysBetween(t.firstRaised.date, end))],
      });
    }
    return table(
      chart,
      CHART_TITLES[chart],
      'horizontal',
      [
        { key: 'issue', label: WORDS.issue },
        { key: 'days', label: WORDS.days },
      ],
      rows,
      leftOut > 0
        ? {
            en: `${leftOut} resolved issue(s) left out: never raised at a meeting, or no recorded date of resolution.`,
            zh: `未计入${leftOut}个已解决问题：未在会议上提出，或无解决日期记录。`,
          }
        : undefined,
    );
  }
  const times = resolved.map((i) => {
    const t = timelines.get(i.key)!;
    const end = resolvedOn(t);
    const before = t.raisings.filter((r) => end === undefined || r.date <= end);
    return new Set(before.map((r) => r.meeting)).size;
  });
  const max = Math.max(0, ...times);
  const min = times.length === 0 ? 1 : Math.min(...times);
  const rows: { label: Label; cells: (string | number)[] }[] = [];
  for (let n = min; n <= max; n++) rows.push({ label: timesLabel(n), cells: [n, times.filter((x) => x === n).length] });
  return table(
    chart,
    CHART_TITLES[chart],
    'single',
    [
      { key: 'timesRaised', label: WORDS.timesRaised },
      { key: 'issues', label: WORDS.issues },
    ],
    rows,
  );
}

/**
 * The dialogue's scorecard: issues resolved (both sides), resolved in part,
 * stalled (still on the table, raised at two or more meetings with no change
 * of status: the dashboard's stalled issues) and open (the rest on the table).
 */
async function scorecard(deps: Deps, viewer: Viewer, dialogue: string): Promise<ChartTable> {
  const issues = await visibleIssues(deps, viewer, dialogue);
  const timelines = await timelinesOf(
    deps,
    viewer,
    dialogue,
    issues.filter((i) => ON_THE_TABLE.has(i.status)),
  );
  const meetings = (await deps.meetings.list(viewer, dialogue)).sort((a, b) => a.number - b.number);
  const on = today();
  // Judged for the coming meeting, as the agenda and the dashboard judge it.
  const upcoming = meetings.find((m) => m.date >= on)?.number ?? Math.max(0, ...meetings.map((m) => m.number)) + 1;
  const stalled = issues.filter(
    (i) => ON_THE_TABLE.has(i.status) && agendaMark(timelines.get(i.key)!, upcoming).mark === 'stalled',
  );
  const stalledKeys = new Set(stalled.map((i) => i.key));
  const count = (statuses: IssueStatus[]) =>
    issues.filter((i) => statuses.includes(i.status) && !stalledKeys.has(i.key)).length;
  return table(
    'scorecard',
    CHART_TITLES.scorecard,
    'single',
    [
      { key: 'state', label: WORDS.state },
      { key: 'issues', label: WORDS.issues },
    ],
    [
      { label: STATUS_LABELS.resolved, cells: ['resolved', count(['resolved'])] },
      { label: STATUS_LABELS['resolved-in-part'], cells: ['resolved-in-part', count(['resolved-in-part'])] },
      { label: STATUS_LABELS.open, cells: ['open', count(['reported', 'open'])] },
      { label: WORDS.stalled, cells: ['stalled', stalled.length] },
    ],
  );
}

/** The charts a viewer may ask for. */
export function chartsFor(viewer: Viewer): ChartName[] {
  return CHARTS.filter((c) => viewer.kind === 'side' || !REPORT_CHARTS.includes(c));
}

/**
 * The table as CSV (UTF-8 with a byte-order mark, for spreadsheets): with
 * `lang`, the header and the first column are the labels in that language;
 * without, the stable keys.
 */
export function tableCsv(table: ChartTable, lang?: 'en' | 'zh'): string {
  const cell = (v: string | number) =>
    typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  const header = lang ? table.columnLabels.map((l) => l[lang]) : table.columns;
  const rows = lang ? table.rows.map((r, i) => [table.rowLabels[i]![lang], ...r.slice(1)]) : table.rows;
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
