/**
 * A hand-edited readout is Markdown (the text `renderMarkdown` writes, then
 * edited). To render it as HTML, Word or PDF, it is read back into a document
 * model with the layout of the generated one: `# ` headline, `*dateline*`,
 * paragraphs, `## ` headings with `- ` lists (outcomes), the end mark, then
 * `## ` headed paragraphs (about) and blocks with hard line breaks (contacts).
 * Whatever the editor wrote is kept as text; nothing is added.
 */
import type { Inline, OutcomeGroup, ReadoutDocument } from './readout.model.js';

/** Undoes the backslash escapes of renderMarkdown. */
function unescape(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|#+\-.)])/g, '$1');
}

const inline = (text: string): Inline => [{ text: unescape(text.trim()) }];

interface Block {
  kind: 'heading1' | 'heading2' | 'list' | 'quote' | 'paragraph';
  lines: string[];
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  for (const chunk of markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0]!.trimStart();
    if (/^# /.test(first)) {
      out.push({ kind: 'heading1', lines: [first.slice(2)] });
      if (lines.length > 1) out.push({ kind: 'paragraph', lines: lines.slice(1) });
    } else if (/^## /.test(first)) {
      out.push({ kind: 'heading2', lines: [first.slice(3)] });
      if (lines.length > 1) out.push(...blocks(lines.slice(1).join('\n')));
    } else if (/^[-*+] /.test(first)) {
      const items: string[] = [];
      for (const l of lines) {
        const t = l.trimStart();
        if (/^[-*+] /.test(t)) items.push(t.slice(2));
        else if (items.length > 0) items[items.length - 1] += ` ${t}`;
      }
      out.push({ kind: 'list', lines: items });
    } else if (first.startsWith('>')) {
      out.push({ kind: 'quote', lines: lines.map((l) => l.replace(/^\s*>\s?/, '')) });
    } else {
      out.push({ kind: 'paragraph', lines });
    }
  }
  return out;
}

const isEndMark = (b: Block, endMark: string) =>
  b.kind === 'paragraph' && b.lines.length === 1 && unescape(b.lines[0]!.trim()) === endMark;

/**
 * The document an edited text says, on the generated `base` (which gives the
 * language, side, end mark and the kinds of the outcome groups by heading).
 */
export function documentFromText(text: string, base: ReadoutDocument): ReadoutDocument {
  const bs = blocks(text);
  const doc: ReadoutDocument = {
    ...base,
    headline: [],
    dateline: [],
    paragraphs: [],
    outcomes: [],
    about: [],
    contacts: [],
    fallbackMarks: base.fallbackMarks,
  };
  delete doc.outcomesIntro;
  delete doc.notes;
  delete doc.nextMeeting;
  delete doc.fallbackNotice;
  const endAt = bs.findIndex((b) => isEndMark(b, base.endMark));
  const body = endAt >= 0 ? bs.slice(0, endAt) : bs;
  const tail = endAt >= 0 ? bs.slice(endAt + 1) : [];
  if (endAt < 0) doc.endMark = '';

  let group: OutcomeGroup | undefined;
  const after: Inline[] = [];
  for (const b of body) {
    const joined = b.lines.map((l) => l.replace(/\\$/, '').trim()).join(' ');
    if (b.kind === 'heading1' && doc.headline.length === 0) {
      doc.headline = inline(joined);
    } else if (b.kind === 'quote') {
      continue; // the generator's note to the editor, not part of the release
    } else if (
      b.kind === 'paragraph' &&
      doc.dateline.length === 0 &&
      doc.paragraphs.length === 0 &&
      /^\*[^*].*\*$/.test(joined)
    ) {
      doc.dateline = inline(joined.slice(1, -1));
    } else if (b.kind === 'heading2' || b.kind === 'heading1') {
      const heading = unescape(joined);
      const kind = base.outcomes.find((g) => g.heading === heading)?.kind ?? base.outcomes[0]?.kind ?? 'action';
      group = { kind, heading, items: [] };
      doc.outcomes.push(group);
    } else if (b.kind === 'list') {
      if (!group) {
        group = { kind: base.outcomes[0]?.kind ?? 'action', heading: '', items: [] };
        doc.outcomes.push(group);
      }
      group.items.push(...b.lines.map(inline));
    } else if (doc.outcomes.length === 0) {
      doc.paragraphs.push(inline(joined));
    } else {
      after.push(inline(joined));
    }
  }
  // Paragraphs after the lists: the notes, then the next-meeting statement last.
  if (after.length > 0) doc.nextMeeting = after.pop()!;
  if (after.length > 0) doc.notes = after.flat().flatMap((r, i) => (i === 0 ? [r] : [{ text: ' ' }, r]));

  let heading: Inline | undefined;
  for (const b of tail) {
    if (b.kind === 'heading2' || b.kind === 'heading1') {
      heading = inline(b.lines.join(' '));
      continue;
    }
    const side = base.side ?? base.about[0]?.side ?? '';
    const hardBreaks = b.lines.length > 1 && b.lines.slice(0, -1).every((l) => l.endsWith('\\'));
    if (hardBreaks) {
      doc.contacts.push({ side, heading: heading ?? [], lines: b.lines.map((l) => inline(l.replace(/\\$/, ''))) });
    } else {
      doc.about.push({ side, heading: heading ?? [], text: inline(b.lines.join(' ')) });
    }
    heading = undefined;
  }
  return doc;
}
