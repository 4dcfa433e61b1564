/**
 * The readout as a document model: what a side's press release of a meeting
 * says, already worded in one language, but not yet laid out. Renderers
 * (src/readouts) turn it into Markdown, HTML, Word and PDF, so that every
 * format says exactly the same thing; the approval workflow (issue 6, later)
 * will store this model, or the text edited from it, as the draft.
 */
import { JOINT_SIDE, READOUT_LANGUAGES, type ReadoutLanguage } from '../../shared/readout.js';
import type { OutcomeKind } from '../vocabulary.js';

export { READOUT_LANGUAGES, type ReadoutLanguage };

/** The `side` that asks for the joint statement (side null) instead of one side's account. */
export const JOINT = JOINT_SIDE;

/**
 * A run of text. `fallbackFrom` is set when the record had no text in the
 * readout's language and the other language's text stands in: renderers tag
 * the run with that language and put a visible marker after it, so that an
 * editor sees what still needs translating before the readout is approved.
 */
export interface Run {
  text: string;
  fallbackFrom?: string;
}

/** One paragraph, list item or line: a sequence of runs. */
export type Inline = Run[];

export interface OutcomeGroup {
  kind: OutcomeKind;
  /** "Areas of cooperation", "合作领域"… */
  heading: string;
  items: Inline[];
}

export interface AboutSection {
  side: string;
  /** "About the International Trade Administration…", "关于美国商务部国际贸易管理局" */
  heading: Inline;
  text: Inline;
}

export interface ContactSection {
  side: string;
  /** "Media contact", "新闻联系" (with the side named when there is more than one) */
  heading: Inline;
  lines: Inline[];
}

export interface ReadoutDocument {
  lang: ReadoutLanguage;
  /** The side whose account this is; null for a joint statement. */
  side: string | null;
  dialogue: string;
  meeting: number;
  headline: Inline;
  /** Place and date, as the language writes them: "Washington, D.C., April 4, 2024"; "华盛顿，2024年4月4日". */
  dateline: Inline;
  /** Who met, the dialogue's origin and mandate, the exchange of views, what was raised, principles. */
  paragraphs: Inline[];
  /** Introduces the outcome lists ("The meeting produced the following outcomes:"); absent with no outcomes. */
  outcomesIntro?: Inline;
  outcomes: OutcomeGroup[];
  /** What else the account says (its notes), as recorded. */
  notes?: Inline;
  nextMeeting?: Inline;
  /** `###` in English, `（完）` in Chinese. */
  endMark: string;
  about: AboutSection[];
  contacts: ContactSection[];
  /**
   * Set when some runs fall back to the other language: a sentence, in the
   * readout's language, telling the editor what the markers mean.
   */
  fallbackNotice?: string;
  /** The text tag of the marker renderers put after a fallback run: "[en]" / "[中文]". */
  fallbackMarks: Record<string, string>;
}

/** The plain text of an inline, fallback markers included. */
export function inlineText(inline: Inline, marks: Record<string, string> = {}): string {
  return inline
    .map((r) => (r.fallbackFrom ? `${r.text} ${marks[r.fallbackFrom] ?? `[${r.fallbackFrom}]`}` : r.text))
    .join('');
}

/** The whole readout as plain text in reading order (for tests, search and a quick look). */
export function readoutText(doc: ReadoutDocument): string {
  const t = (i: Inline) => inlineText(i, doc.fallbackMarks);
  return [
    t(doc.headline),
    doc.fallbackNotice,
    t(doc.dateline),
    ...doc.paragraphs.map(t),
    doc.outcomesIntro && t(doc.outcomesIntro),
    ...doc.outcomes.flatMap((g) => [g.heading, ...g.items.map((i) => `- ${t(i)}`)]),
    doc.notes && t(doc.notes),
    doc.nextMeeting && t(doc.nextMeeting),
    doc.endMark,
    ...doc.about.flatMap((a) => [t(a.heading), t(a.text)]),
    ...doc.contacts.flatMap((c) => [t(c.heading), ...c.lines.map(t)]),
  ]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .join('\n');
}
