/**
 * The rows of the search index (migrations/0010_search_index.sql): one
 * document per searchable record, built here from the record and what it
 * hangs from, and written in bulk. Pure functions of their input, so that the
 * indexer (search.indexer.ts) and the benchmark's bulk loader build the same
 * rows from the same records.
 */
import { countryName } from '../domain/readouts/readout.language.js';
import { sql, type Kysely } from 'kysely';
import { combineTiers, covers, type EffectiveTier, type TierLink } from '../domain/access/tiers.js';
import { readoutText, type ReadoutDocument } from '../domain/readouts/readout.model.js';
import { documentFromText } from '../domain/readouts/readout.text.js';
import { priority } from '../domain/reports/priority.js';
import type { SearchKind } from '../domain/search/search.service.js';
import { pick, type Text } from '../domain/text.js';
import type { Visibility } from '../domain/vocabulary.js';
import type { Database } from './database.js';
import { chineseWords } from './segment.js';

export type DocumentTier = EffectiveTier['tier'] | 'triage';

/** One row of search_documents, before SQL computes its tsvector. */
export interface SearchDocument {
  kind: SearchKind;
  recordId: string;
  dialogueId: string | null;
  key: string;
  tier: DocumentTier;
  ownerSide: string | null;
  holder: string | null;
  /** Language → title, as a hit shows it. */
  title: Text;
  /** The texts of the title that are searched, weighted first (none for a label such as "Meeting 3"). */
  titleTexts: string[];
  /** Every other text of the record. */
  text: string;
  category: string | null;
  status: string | null;
  side: string | null;
  economies: string[];
  sectorsEn: string[];
  sectorsZh: string[];
  chapters: string[];
  meetings: number[];
  year: number | null;
  date: string | null;
  priorityBase: number | null;
  openedAt: string | null;
}

type Timestamp = Date | string;

const link = (visibility: string, ownerSide: string | null): TierLink => ({
  visibility: visibility as Visibility,
  ownerSide,
});

/** Every string in a language → text map, a list of them or a nested value (a place's city), in a stable order. */
function textsOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([, v]) => textsOf(v));
  }
  return [];
}

const joined = (...parts: (string | null | undefined)[]) =>
  parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .join('\n')
    .trim();

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];
const sortedUnique = (values: Iterable<string>) => unique(values).sort();
const dateOf = (t: Timestamp) => (t instanceof Date ? t : new Date(t)).toISOString().slice(0, 10);
const yearOf = (date: string | null) => (date === null ? null : Number(date.slice(0, 4)));
const chaptersOf = (products: readonly string[]) => sortedUnique(products.map((p) => p.slice(0, 2)));

/** The sectors' names in each language, one pair per sector, sorted by the English name, without repeats. */
function sectorPairs(sectors: readonly Text[]): { sectorsEn: string[]; sectorsZh: string[] } {
  const pairs = new Map(sectors.map((x) => [`${pick(x, 'en')}\u0000${pick(x, 'zh')}`, x] as const));
  const sorted = [...pairs.values()].sort((a, b) => (pick(a, 'en') < pick(b, 'en') ? -1 : 1));
  return { sectorsEn: sorted.map((x) => pick(x, 'en')), sectorsZh: sorted.map((x) => pick(x, 'zh')) };
}

function tierColumns(t: EffectiveTier): Pick<SearchDocument, 'tier' | 'ownerSide'> {
  return { tier: t.tier, ownerSide: t.owner };
}

/** The part of the priority that does not grow with time: trade, companies and breadth, each rounded as shown. */
function priorityBase(tradeValue: number, companiesAffected: number, reports: number): number {
  const { parts } = priority({
    tradeValue,
    companiesAffected,
    reports,
    openedAt: new Date(0).toISOString(),
    weight: 1,
  });
  return Math.round((parts.trade + parts.companies + parts.breadth) * 10) / 10;
}

// ---------------------------------------------------------------------------
// Issues

export interface IssueSource {
  id: string;
  dialogueId: string;
  key: string;
  title: Text;
  summary: Text | null;
  category: string;
  status: string;
  raisedBy: string;
  visibility: string;
  ownerSide: string | null;
  economies: string[];
  sectors: Text[];
  products: string[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
  dialogue: TierLink;
  /** Every account that raises it: the meeting's number, and the meeting's and account's tiers. */
  raisedAt: { number: number; meeting: TierLink; account: TierLink }[];
  /** What the reports merged into it add up to. */
  impact: { tradeValue: number; companiesAffected: number; reports: number };
}

export function issueDocument(s: IssueSource): SearchDocument {
  const tier = combineTiers([s.dialogue, link(s.visibility, s.ownerSide)]);
  // A meeting it was raised at counts only if whoever finds the issue may see that account.
  const meetings = unique(
    s.raisedAt.filter((r) => covers(combineTiers([s.dialogue, r.meeting, r.account]), tier)).map((r) => r.number),
  ).sort((a, b) => a - b);
  return {
    kind: 'issue',
    recordId: s.id,
    dialogueId: s.dialogueId,
    key: s.key,
    ...tierColumns(tier),
    holder: s.ownerSide ?? s.raisedBy,
    title: s.title,
    titleTexts: textsOf(s.title),
    text: joined(...textsOf(s.summary)),
    category: s.category,
    status: s.status,
    side: s.raisedBy,
    economies: sortedUnique(s.economies),
    // Paired: the English and Chinese names of one sector are at the same place in both lists.
    ...sectorPairs(s.sectors),
    chapters: chaptersOf(s.products),
    meetings,
    year: new Date(s.createdAt).getUTCFullYear(),
    date: dateOf(s.updatedAt),
    priorityBase: priorityBase(s.impact.tradeValue, s.impact.companiesAffected, s.impact.reports),
    openedAt: new Date(s.createdAt).toISOString(),
  };
}

// ---------------------------------------------------------------------------
// Reports

export interface ReportSource {
  id: string;
  reference: string;
  side: string;
  organisation: { name: string };
  economy: string;
  region: string | null;
  sector: string | null;
  products: string[];
  category: string | null;
  description: string;
  impact: { tradeValue?: number; companiesAffected?: number } | null;
  stepsTaken: string | null;
  status: string;
  createdAt: Timestamp;
  /** The dialogue of the issue it was merged into, if any. */
  dialogueId: string | null;
  /** The meetings of that issue, as its own document counts them. */
  meetings: number[];
}

export function reportDocument(s: ReportSource): SearchDocument {
  const date = dateOf(s.createdAt);
  return {
    kind: 'report',
    recordId: s.id,
    dialogueId: s.dialogueId,
    key: s.reference,
    // Only the leads and analysts of the side it is addressed to may open it.
    tier: 'triage',
    ownerSide: s.side,
    holder: s.side,
    title: { en: `${s.reference} · ${s.organisation.name}`, zh: `${s.reference} · ${s.organisation.name}` },
    titleTexts: [s.reference, s.organisation.name],
    text: joined(s.description, s.sector, s.region, s.stepsTaken),
    category: s.category,
    status: s.status,
    side: s.side,
    economies: [s.economy],
    sectorsEn: s.sector ? [s.sector] : [],
    sectorsZh: s.sector ? [s.sector] : [],
    chapters: chaptersOf(s.products),
    meetings: [...s.meetings].sort((a, b) => a - b),
    year: yearOf(date),
    date,
    priorityBase: priorityBase(s.impact?.tradeValue ?? 0, s.impact?.companiesAffected ?? 0, 1),
    openedAt: new Date(s.createdAt).toISOString(),
  };
}

// ---------------------------------------------------------------------------
// Meetings, accounts, outcomes

export interface MeetingSource {
  id: string;
  dialogueId: string;
  number: number;
  place: Text | null;
  host: string | null;
  startsOn: string;
  visibility: string;
  ownerSide: string | null;
  dialogue: TierLink;
  /** The dialogue's neutral names, with their tiers. */
  names: { text: Text; tier: TierLink }[];
}

export function meetingTitle(number: number): Text {
  return { en: `Meeting ${number}`, zh: `第${number}次会议` };
}

export function meetingDocument(s: MeetingSource): SearchDocument {
  const tier = combineTiers([s.dialogue, link(s.visibility, s.ownerSide)]);
  const names = s.names.filter((n) => covers(combineTiers([s.dialogue, n.tier]), tier)).flatMap((n) => textsOf(n.text));
  return {
    kind: 'meeting',
    recordId: s.id,
    dialogueId: s.dialogueId,
    key: String(s.number),
    ...tierColumns(tier),
    holder: null,
    title: meetingTitle(s.number),
    titleTexts: [],
    text: joined(...textsOf(s.place), s.host, ...names),
    category: null,
    status: null,
    side: s.host,
    economies: [],
    sectorsEn: [],
    sectorsZh: [],
    chapters: [],
    meetings: [s.number],
    year: yearOf(s.startsOn),
    date: s.startsOn,
    priorityBase: null,
    openedAt: null,
  };
}

export interface AccountSource {
  id: string;
  dialogueId: string;
  side: string | null;
  /** The side's country (ISO 3166 code); null for a joint statement. */
  country: string | null;
  publishedOn: string | null;
  source: { title?: string } | null;
  notes: Text | null;
  visibility: string;
  ownerSide: string | null;
  number: number;
  startsOn: string;
  meeting: TierLink;
  dialogue: TierLink;
  /** The issues it raises: their titles and tiers. */
  raised: { title: Text; tier: TierLink }[];
}

/** "Meeting 1 · account of the United States" / "第1次会议 · 美国纪要"; a joint statement's when no country. */
export function accountTitle(number: number, country: string | null): Text {
  if (country === null) return { en: `Meeting ${number} · joint statement`, zh: `第${number}次会议 · 联合声明` };
  return {
    en: `Meeting ${number} · account of ${countryName(country, 'en')}`,
    zh: `第${number}次会议 · ${countryName(country, 'zh')}纪要`,
  };
}

export function accountDocument(s: AccountSource): SearchDocument {
  const tier = combineTiers([s.dialogue, s.meeting, link(s.visibility, s.ownerSide)]);
  const label = `${s.number}/${s.side ?? 'joint'}`;
  // An issue's title is part of the account's text only if whoever finds the account may see the issue.
  const raised = s.raised
    .filter((r) => covers(combineTiers([s.dialogue, r.tier]), tier))
    .flatMap((r) => textsOf(r.title));
  return {
    kind: 'account',
    recordId: s.id,
    dialogueId: s.dialogueId,
    key: label,
    ...tierColumns(tier),
    holder: null,
    title: accountTitle(s.number, s.country),
    titleTexts: [],
    text: joined(...textsOf(s.notes), s.source?.title, ...raised),
    category: null,
    status: null,
    side: s.side,
    economies: [],
    sectorsEn: [],
    sectorsZh: [],
    chapters: [],
    meetings: [s.number],
    year: yearOf(s.startsOn),
    date: s.publishedOn ?? s.startsOn,
    priorityBase: null,
    openedAt: null,
  };
}

export interface OutcomeSource {
  id: string;
  dialogueId: string;
  key: string;
  kind: string;
  title: Text;
  status: string;
  visibility: string;
  ownerSide: string | null;
  accountSide: string | null;
  number: number;
  startsOn: string;
  account: TierLink;
  meeting: TierLink;
  dialogue: TierLink;
  /** The texts of its progress updates (they share its tier). */
  updates: Text[];
}

export function outcomeDocument(s: OutcomeSource): SearchDocument {
  const tier = combineTiers([s.dialogue, s.meeting, s.account, link(s.visibility, s.ownerSide)]);
  return {
    kind: 'outcome',
    recordId: s.id,
    dialogueId: s.dialogueId,
    key: s.key,
    ...tierColumns(tier),
    holder: null,
    title: s.title,
    titleTexts: textsOf(s.title),
    text: joined(...s.updates.flatMap(textsOf)),
    category: s.kind,
    status: s.status,
    side: s.accountSide,
    economies: [],
    sectorsEn: [],
    sectorsZh: [],
    chapters: [],
    meetings: [s.number],
    year: yearOf(s.startsOn),
    date: s.startsOn,
    priorityBase: null,
    openedAt: null,
  };
}

// ---------------------------------------------------------------------------
// Readouts

export interface ReadoutSource {
  id: string;
  dialogueId: string;
  side: string;
  lang: string;
  state: string;
  model: ReadoutDocument;
  text: string | null;
  visibility: string;
  ownerSide: string | null;
  createdAt: Timestamp;
  publishedAt: Timestamp | null;
  number: number;
  startsOn: string;
  meeting: TierLink;
  dialogue: TierLink;
}

export function readoutDocument(s: ReadoutSource): SearchDocument {
  const tier = combineTiers([s.dialogue, s.meeting, link(s.visibility, s.ownerSide)]);
  const doc = s.text === null ? s.model : documentFromText(s.text, s.model);
  const headline = doc.headline.map((r) => r.text).join('');
  return {
    kind: 'readout',
    recordId: s.id,
    dialogueId: s.dialogueId,
    key: `${s.number}/${s.id}`,
    ...tierColumns(tier),
    holder: null,
    title: { [s.lang]: headline || `${s.side} ${s.lang}` },
    // The headline is the first line of the text: searched there, not twice.
    titleTexts: [],
    text: readoutText(doc),
    category: null,
    status: s.state,
    side: s.side,
    economies: [],
    sectorsEn: [],
    sectorsZh: [],
    chapters: [],
    meetings: [s.number],
    year: yearOf(s.startsOn),
    date: dateOf(s.publishedAt ?? s.createdAt),
    priorityBase: null,
    openedAt: null,
  };
}

// ---------------------------------------------------------------------------
// Writing

const HAN = /\p{Script=Han}+/gu;

/** What a search shows and substrings are found in: the searched title, then the rest. */
export function bodyOf(d: SearchDocument): string {
  return joined(...d.titleTexts, d.text);
}

/**
 * "facet:value" for the facets a record may have several values of (migrations/0010_search_index.sql
 * `facets`): economies, sectors, HS chapters, meetings. A sector named alike in both languages (a
 * report's) is `sector:X`; one with an English and a Chinese name gives `sector.en:X` and `sector.zh:Y`.
 * The other facets (kind, category, status, side, year) are columns of their own.
 */
export function facetTokens(d: SearchDocument): string[] {
  const sectors = d.sectorsEn.flatMap((en, i) => {
    const zh = d.sectorsZh[i] ?? en;
    return en === zh ? [`sector:${en}`] : [`sector.en:${en}`, `sector.zh:${zh}`];
  });
  return unique([
    ...d.economies.map((v) => `economy:${v}`),
    ...sectors,
    ...d.chapters.map((v) => `chapter:${v}`),
    ...d.meetings.map((v) => `meeting:${v}`),
  ]);
}

/** A lexeme as tsvector and tsquery text take it: quoted, so that no parser touches it. */
export function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The highest position a tsvector keeps. */
const MAX_POSITION = 16383;

/**
 * The Chinese words of the document as tsvector text, each at a position of
 * its own (ranking looks at how close the words of a query are): those of the
 * title first, weighted A, then the others. Written as a literal, not parsed by
 * SQL, so that the database's character type does not matter.
 */
function chineseVector(titleText: string, text: string): string {
  const inTitle = chineseWords(titleText);
  const seen = new Set(inTitle);
  const rest = chineseWords(text).filter((w) => !seen.has(w));
  const at = (i: number) => Math.min(MAX_POSITION, i + 1);
  return [
    ...inTitle.map((w, i) => `${lexeme(w)}:${at(i)}A`),
    ...rest.map((w, i) => `${lexeme(w)}:${at(inTitle.length + i)}`),
  ].join(' ');
}

/** The row as SQL receives it: English texts for the stemmer, the Chinese words as tsvector text. */
function sqlRow(d: SearchDocument) {
  const titleText = d.titleTexts.join('\n');
  const body = bodyOf(d);
  return {
    kind: d.kind,
    record_id: d.recordId,
    dialogue_id: d.dialogueId,
    key: d.key,
    tier: d.tier,
    owner_side: d.ownerSide,
    holder: d.holder,
    priority_base: d.priorityBase,
    opened_at: d.openedAt,
    category: d.category,
    status: d.status,
    side: d.side,
    year: d.year,
    date: d.date,
    facets: facetTokens(d),
    title: d.title,
    english_title: titleText.replace(HAN, ' '),
    english_text: d.text.replace(HAN, ' '),
    chinese: chineseVector(titleText, d.text),
    body,
    body_lower: body.toLowerCase(),
  };
}

/** Rows per insert statement: one JSON parameter, well under any size limit. */
const BATCH = 500;

/**
 * Inserts documents (none of which may be on file). The tsvector is computed
 * by SQL from English words (the `english` configuration: stemmed), the title's
 * weighted A, and the Chinese words as given.
 */
export async function insertDocuments(db: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map(sqlRow);
    await sql`insert into search_documents (kind, record_id, dialogue_id, key, tier, owner_side, holder,
        priority_base, opened_at, category, status, side, year, date, facets, title, terms, body, body_lower)
      select x.kind, x.record_id, x.dialogue_id, x.key, x.tier, x.owner_side, x.holder, x.priority_base,
        x.opened_at, x.category, x.status, x.side, x.year, x.date, x.facets, x.title,
        setweight(to_tsvector('english'::regconfig, x.english_title), 'A')
          || to_tsvector('english'::regconfig, x.english_text) || x.chinese::tsvector,
        x.body, x.body_lower
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(kind text, record_id uuid, dialogue_id uuid,
        key text, tier text, owner_side text, holder text, priority_base double precision, opened_at timestamptz,
        category text, status text, side text, year integer, date date, facets text[], title jsonb,
        english_title text, english_text text, chinese text, body text, body_lower text)`.execute(db);
  }
}
