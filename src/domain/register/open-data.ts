/**
 * The public register's open data: every public issue, outcome and meeting as
 * flat rows, with one zod schema per dataset that documents its columns (the
 * data dictionary), checks the rows and publishes a JSON Schema. Rows are
 * read with the public viewer only, so nothing internal or shared can leave.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PUBLIC_VIEWER } from '../access/viewer.js';
import {
  getIssue,
  listDialogues,
  listIssues,
  listMeetings,
  listOutcomes,
  type Deps,
} from '../dialogues/dialogue.service.js';
import type { AuditEntry } from '../audit/audit.js';
import { historyAsSeenBy } from '../audit/history.js';
import type { Issue } from '../records.js';
import { CATEGORIES, ISSUE_STATUSES, MEETING_FORMATS, OUTCOME_KINDS, OUTCOME_STATUSES } from '../vocabulary.js';

/** Bumped when a dataset's columns change incompatibly. */
export const DATASET_VERSION = 1;

const text = (what: string) => z.string().describe(what);
const nullableText = (what: string) => z.string().nullable().describe(what);

export const DATASETS = {
  issues: z.object({
    dialogue: text('Key of the dialogue'),
    key: text('Stable key of the issue within its dialogue'),
    title_en: text('Title in English'),
    title_zh: nullableText('Title in Chinese'),
    summary_en: nullableText('Summary in English'),
    summary_zh: nullableText('Summary in Chinese'),
    category: z.enum(CATEGORIES).describe('Category of the issue'),
    status: z.enum(ISSUE_STATUSES).describe('Current status'),
    raised_by: text('Side that raised the issue'),
    respondent: text('Side whose measure the issue is about'),
    topics: text('Topic keys, separated by ";"'),
    meetings: text('Numbers of the public meetings where it was raised, separated by ";"'),
    updated_at: text('When the record last changed (ISO 8601)'),
  }),
  outcomes: z.object({
    dialogue: text('Key of the dialogue'),
    meeting: z.number().int().describe('Number of the meeting that produced it'),
    account: nullableText('Side whose account reported it; empty for a joint statement'),
    key: text('Stable key of the outcome within its dialogue'),
    kind: z.enum(OUTCOME_KINDS).describe('Kind of outcome'),
    title_en: text('Title in English'),
    title_zh: nullableText('Title in Chinese'),
    owners: text('Sides responsible, separated by ";"'),
    due: nullableText('Due date (YYYY-MM-DD)'),
    status: z.enum(OUTCOME_STATUSES).describe('Progress'),
    updated_at: text('When the record last changed (ISO 8601)'),
  }),
  meetings: z.object({
    dialogue: text('Key of the dialogue'),
    number: z.number().int().describe('Number of the meeting in the dialogue'),
    key: text('Stable key of the meeting'),
    date: text('First day (YYYY-MM-DD)'),
    end_date: nullableText('Last day, when it lasted more than one'),
    format: z.enum(MEETING_FORMATS).describe('In person, video, hybrid or call'),
    place_en: nullableText('Place in English'),
    place_zh: nullableText('Place in Chinese'),
    host: nullableText('Side that hosted it'),
    updated_at: text('When the record last changed (ISO 8601)'),
  }),
} as const;

export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
export type DatasetRow = Record<string, string | number | null>;

/** The JSON download: the dataset's name and version around its rows. */
export function envelopeSchema(name: DatasetName) {
  return z.object({
    dataset: z.literal(name),
    version: z.literal(DATASET_VERSION),
    items: z.array(DATASETS[name]),
  });
}

export function jsonSchemaOf(name: DatasetName): Record<string, unknown> {
  return {
    $id: `parley:datasets/${name}/v${DATASET_VERSION}`,
    title: `Parley open data: ${name}`,
    ...z.toJSONSchema(envelopeSchema(name), { target: 'draft-2020-12' }),
  };
}

/** The data dictionary: every dataset's columns with their types and meaning. */
export function dictionary() {
  return DATASET_NAMES.map((name) => ({
    name,
    version: DATASET_VERSION,
    columns: Object.entries(DATASETS[name].shape).map(([column, schema]) => {
      const js = z.toJSONSchema(schema as z.ZodType) as {
        type?: string | string[];
        enum?: unknown[];
        anyOf?: unknown[];
      };
      const type = js.enum
        ? 'enum'
        : Array.isArray(js.type)
          ? js.type.join('|')
          : (js.type ?? (js.anyOf ? 'string|null' : 'string'));
      return {
        name: column,
        type,
        values: js.enum?.map(String),
        description: (schema as z.ZodType).description ?? '',
      };
    }),
  }));
}

const en = (t: Record<string, string> | undefined) => t?.en ?? (t ? (Object.values(t)[0] ?? '') : '');
const zh = (t: Record<string, string> | undefined) => t?.zh ?? null;

async function allIssues(deps: Deps, dialogue: string): Promise<Issue[]> {
  const out: Issue[] = [];
  let cursor: string | undefined;
  do {
    const page = await listIssues(deps, PUBLIC_VIEWER, { dialogue }, { limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

/** The rows of a dataset over every public dialogue, in a stable order. */
export async function datasetRows(deps: Deps, name: DatasetName): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  const dialogues = (await listDialogues(deps, PUBLIC_VIEWER)).map((d) => d.key).sort();
  for (const d of dialogues) {
    if (name === 'issues') {
      for (const i of await allIssues(deps, d)) {
        const detail = await getIssue(deps, PUBLIC_VIEWER, d, i.key);
        rows.push({
          dialogue: d,
          key: i.key,
          title_en: en(i.title),
          title_zh: zh(i.title),
          summary_en: i.summary ? en(i.summary) : null,
          summary_zh: zh(i.summary),
          category: i.category,
          status: i.status,
          raised_by: i.raisedBy,
          respondent: i.respondent,
          topics: i.topics.join(';'),
          meetings: [...new Set(detail.raisings.map((r) => r.meeting))].join(';'),
          updated_at: i.updatedAt,
        });
      }
    } else if (name === 'outcomes') {
      for (const o of await listOutcomes(deps, PUBLIC_VIEWER, d, {})) {
        rows.push({
          dialogue: d,
          meeting: o.meeting,
          account: o.account,
          key: o.key,
          kind: o.kind,
          title_en: en(o.title),
          title_zh: zh(o.title),
          owners: o.owners.join(';'),
          due: o.due ?? null,
          status: o.status,
          updated_at: o.updatedAt,
        });
      }
    } else {
      for (const m of await listMeetings(deps, PUBLIC_VIEWER, d)) {
        rows.push({
          dialogue: d,
          number: m.number,
          key: m.key,
          date: m.date,
          end_date: m.endDate ?? null,
          format: m.format,
          place_en: m.place ? [en(m.place.city), m.place.country].filter(Boolean).join(', ') : null,
          place_zh: m.place?.city ? zh(m.place.city) : null,
          host: m.host ?? null,
          updated_at: m.updatedAt,
        });
      }
    }
  }
  return rows;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV as spreadsheets open it: UTF-8 with a byte-order mark, CRLF line ends, a header row. */
export function toCsv(name: DatasetName, rows: DatasetRow[]): string {
  const columns = Object.keys(DATASETS[name].shape);
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function toNdjson(rows: DatasetRow[]): string {
  return rows.map((r) => JSON.stringify(r) + '\n').join('');
}

export function toJson(name: DatasetName, rows: DatasetRow[]): string {
  return JSON.stringify({ dataset: name, version: DATASET_VERSION, items: rows });
}

/** A strong validator for a body: clients send it back in If-None-Match. */
export function etagOfBody(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** The latest updated_at of the rows (for Last-Modified). */
export function lastModified(rows: DatasetRow[]): Date | undefined {
  let max = '';
  for (const r of rows) if (typeof r.updated_at === 'string' && r.updated_at > max) max = r.updated_at;
  return max ? new Date(max) : undefined;
}

/** One change of an issue's status, as the public register shows it (no actors). */
export interface StatusChange {
  at: string;
  status: string;
  from: string | null;
}

/**
 * The status history of an issue from its audit entries, as the public may
 * read it: its status when it became public, then every change. What happened
 * while it was internal or shared (`dialogueSides`: the sides of its dialogue)
 * is left out, as `historyAsSeenBy` leaves it out of the history.
 */
export function statusHistory(entries: readonly AuditEntry[], dialogueSides: readonly string[]): StatusChange[] {
  const out: StatusChange[] = [];
  for (const e of historyAsSeenBy(PUBLIC_VIEWER, entries, dialogueSides)) {
    const after = e.after as { status?: unknown } | null | undefined;
    if (out.length === 0 && after && typeof after.status === 'string') {
      out.push({ at: e.at, status: after.status, from: null });
      continue;
    }
    const change = e.changes?.find((c) => c.field === 'status');
    if (change && typeof change.after === 'string') {
      out.push({ at: e.at, status: change.after, from: typeof change.before === 'string' ? change.before : null });
    }
  }
  return out;
}
