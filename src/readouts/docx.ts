/**
 * A readout as a Word document (docx 9). Structure is carried by styles, not
 * by direct formatting, so that an editor's house template restyles it in one
 * step and screen readers and the navigation pane see the outline: the
 * headline is Title, sections are Heading 1, outcomes are real bulleted list
 * paragraphs (List Paragraph with a numbering definition), and the dateline,
 * end mark, draft note and contact lines have named paragraph styles.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LineRuleType,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Inline, ReadoutDocument } from '../domain/readouts/readout.model.js';

/** Word's language tags: the document language, and how Chinese text is tagged inside it. */
const WORD_LANG: Record<string, string> = { en: 'en-US', zh: 'zh-CN' };

function runs(inline: Inline, doc: ReadoutDocument): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const r of inline) {
    if (!r.fallbackFrom) {
      out.push(new TextRun(r.text));
      continue;
    }
    const tag = WORD_LANG[r.fallbackFrom] ?? r.fallbackFrom;
    out.push(new TextRun({ text: r.text, language: { value: tag, eastAsia: tag } }));
    out.push(new TextRun({ text: ` ${doc.fallbackMarks[r.fallbackFrom] ?? ''}`, style: 'FallbackMark' }));
  }
  return out;
}

export async function renderDocx(doc: ReadoutDocument): Promise<Buffer> {
  const lang = WORD_LANG[doc.lang] ?? doc.lang;
  const p = (inline: Inline, options: { style?: string } = {}) =>
    new Paragraph({ children: runs(inline, doc), ...options });
  const children: Paragraph[] = [];
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.headline, doc) }));
  if (doc.fallbackNotice) children.push(p([{ text: doc.fallbackNotice }], { style: 'DraftNote' }));
  children.push(p(doc.dateline, { style: 'Dateline' }));
  for (const para of doc.paragraphs) children.push(p(para));
  if (doc.outcomesIntro) children.push(p(doc.outcomesIntro));
  for (const group of doc.outcomes) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(group.heading)] }));
    for (const item of group.items) children.push(new Paragraph({ bullet: { level: 0 }, children: runs(item, doc) }));
  }
  if (doc.notes) children.push(p(doc.notes));
  if (doc.nextMeeting) children.push(p(doc.nextMeeting));
  children.push(p([{ text: doc.endMark }], { style: 'EndMark' }));
  for (const a of doc.about) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(a.heading, doc) }));
    children.push(p(a.text));
  }
  for (const c of doc.contacts) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(c.heading, doc) }));
    for (const line of c.lines) children.push(p(line, { style: 'ContactLine' }));
  }

  const document = new Document({
    creator: 'Parley',
    title: doc.headline.map((r) => r.text).join(''),
    description: `Readout of meeting ${doc.meeting} of ${doc.dialogue} (${doc.side ?? 'joint statement'})`,
    styles: {
      default: {
        document: {
          // Latin text in a common sans; Chinese in a font Word ships on Windows and Mac (LibreOffice substitutes).
          run: {
            font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'Microsoft YaHei' },
            size: 22,
            language: { value: lang, eastAsia: 'zh-CN' },
          },
          // Proportional spacing (auto), so that a large title does not overlap its own lines.
          paragraph: { spacing: { after: 160, line: 288, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { size: 40, bold: true, color: '162E51' }, paragraph: { spacing: { after: 240 } } },
        heading1: {
          run: { size: 26, bold: true, color: '162E51' },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
      },
      paragraphStyles: [
        {
          id: 'Dateline',
          name: 'Dateline',
          basedOn: 'Normal',
          next: 'Normal',
          run: { bold: true, allCaps: doc.lang === 'en', color: '565C65' },
        },
        { id: 'EndMark', name: 'End Mark', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER } },
        { id: 'ContactLine', name: 'Contact Line', basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
        {
          id: 'DraftNote',
          name: 'Draft Note',
          basedOn: 'Normal',
          run: { italics: true, color: '8B0A03' },
        },
      ],
      characterStyles: [{ id: 'FallbackMark', name: 'Fallback Mark', run: { color: '8B0A03', size: 18 } }],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
