/**
 * The Harmonized System nomenclature (WCO), as published in the CSV of
 * `../shared/data/harmonized-system/`: columns section,hscode,description,parent,level.
 * The root "TOTAL" (level 5 in the file, 0 here), chapters (2 digits) hang
 * from it, headings (4) from their chapter, subheadings (6) from their
 * heading. Parsing is pure; storage loads the result.
 */
import { ValidationError, type Problem } from '../errors.js';

export interface HsEntry {
  code: string;
  section: string;
  description: string;
  /** The code this one hangs from; null for the root. */
  parent: string | null;
  /** 0 for the root "TOTAL", else the number of digits. */
  level: 0 | 2 | 4 | 6;
}

export interface HsImportCounts {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
}

export interface TaxonomyStore {
  /** Inserts new codes and updates changed ones in one transaction; returns the counts. */
  importHs(entries: HsEntry[]): Promise<HsImportCounts>;
  /** Codes whose code starts with `q`, or whose description holds every word of `q`. */
  searchHs(q: string, limit: number): Promise<HsEntry[]>;
  /** The subset of `codes` that are in the nomenclature. */
  knownHs(codes: string[]): Promise<Set<string>>;
}

const HEADER = ['section', 'hscode', 'description', 'parent', 'level'];

/** Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
}

/**
 * The entries of the nomenclature CSV, or a ValidationError naming every bad
 * row by its line number (pointer `/lines/N`).
 */
export function parseHsCsv(text: string): HsEntry[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const problems: Problem[] = [];
  const bad = (line: number, message: string) => problems.push({ pointer: `/lines/${line}`, message });
  const header = rows.shift();
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(',') !== HEADER.join(',')) {
    throw new ValidationError(`The first line must be the header ${HEADER.join(',')}.`, [
      { pointer: '/lines/1', message: `expected the header ${HEADER.join(',')}` },
    ]);
  }
  const entries: HsEntry[] = [];
  const lineOf = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== 5) {
      bad(line, `expected 5 fields, found ${fields.length}`);
      continue;
    }
    const [section, code, description, parent, levelText] = fields.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (code === 'TOTAL') {
      if (parent !== 'TOTAL' || levelText !== '5') bad(line, 'the root TOTAL must have parent TOTAL and level 5');
      if (lineOf.has(code)) bad(line, `code ${code} already appears on line ${lineOf.get(code)}`);
      lineOf.set(code, line);
      entries.push({ code, section, description, parent: null, level: 0 });
      continue;
    }
    const level = Number(levelText);
    if (level !== 2 && level !== 4 && level !== 6) {
      bad(line, `level must be 2, 4 or 6, not "${levelText}"`);
      continue;
    }
    if (!new RegExp(`^\\d{${level}}$`).test(code)) {
      bad(line, `code "${code}" must have ${level} digits`);
      continue;
    }
    if (!/^([IVXL]+|TOTAL)$/.test(section)) bad(line, `section "${section}" is not a Roman numeral or TOTAL`);
    if (description === '') bad(line, 'description is empty');
    const expectedParent = level === 2 ? 'TOTAL' : code.slice(0, level - 2);
    if (parent !== expectedParent) bad(line, `parent of ${code} must be "${expectedParent}", not "${parent}"`);
    if (lineOf.has(code)) bad(line, `code ${code} already appears on line ${lineOf.get(code)}`);
    lineOf.set(code, line);
    entries.push({ code, section, description, parent, level });
  }
  for (const e of entries) {
    const line = lineOf.get(e.code)!;
    if (e.parent !== null && !lineOf.has(e.parent) && !problems.some((p) => p.pointer === `/lines/${line}`)) {
      bad(line, `parent ${e.parent} of ${e.code} is not in the file`);
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => Number(a.pointer.slice(7)) - Number(b.pointer.slice(7)));
    throw new ValidationError(
      `The nomenclature has ${problems.length} bad row(s); nothing was imported. First: line ${problems[0]!.pointer.slice(7)}: ${problems[0]!.message}.`,
      problems,
    );
  }
  // Parents before children, so that each row's link exists when it lands.
  return entries.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
}
