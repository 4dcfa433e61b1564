/** A readout as Markdown (CommonMark): for review, diffs and pasting into a CMS. */
import type { Inline, ReadoutDocument } from '../domain/readouts/readout.model.js';

/** Backslash-escapes what Markdown would read as syntax inside running text. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** Escapes a line start that Markdown would read as a heading, list item or quote. */
function escapeLineStart(text: string): string {
  return text.replace(/^(\s*)([#+-]|\d+[.)])/, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

function md(inline: Inline, doc: ReadoutDocument): string {
  const text = inline
    .map((r) =>
      r.fallbackFrom ? `${escape(r.text)} ${escape(doc.fallbackMarks[r.fallbackFrom] ?? '')}` : escape(r.text),
    )
    .join('');
  return escapeLineStart(text);
}

export function renderMarkdown(doc: ReadoutDocument): string {
  const out: string[] = [];
  out.push(`# ${md(doc.headline, doc)}`);
  if (doc.fallbackNotice) out.push(`> ${escape(doc.fallbackNotice)}`);
  out.push(`*${md(doc.dateline, doc)}*`);
  for (const p of doc.paragraphs) out.push(md(p, doc));
  if (doc.outcomesIntro) out.push(md(doc.outcomesIntro, doc));
  for (const group of doc.outcomes) {
    out.push(`## ${escape(group.heading)}`);
    out.push(group.items.map((item) => `- ${md(item, doc)}`).join('\n'));
  }
  if (doc.notes) out.push(md(doc.notes, doc));
  if (doc.nextMeeting) out.push(md(doc.nextMeeting, doc));
  // "###" alone would be an empty heading: escape it so the end mark prints as written.
  out.push(doc.endMark.startsWith('#') ? doc.endMark.replace(/#/g, '\\#') : doc.endMark);
  for (const a of doc.about) {
    out.push(`## ${md(a.heading, doc)}`);
    out.push(md(a.text, doc));
  }
  for (const c of doc.contacts) {
    out.push(`## ${md(c.heading, doc)}`);
    // A backslash at the end of a line is CommonMark's hard line break: one contact block, several lines.
    out.push(c.lines.map((l) => md(l, doc)).join('\\\n'));
  }
  return `${out.join('\n\n')}\n`;
}
