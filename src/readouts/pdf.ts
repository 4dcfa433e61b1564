/**
 * A readout as PDF (pdfmake 0.3 on pdfkit), with Noto Sans SC embedded, a
 * font with both the Latin and the Chinese glyphs, so that the same PDF reads
 * the same on every machine and its text can be searched and copied. The font
 * comes from an npm package (OFL-1.1) rather than the system, whose Chinese
 * fonts are not guaranteed at run time; pdfkit embeds only the glyphs used.
 */
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Inline, ReadoutDocument } from '../domain/readouts/readout.model.js';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

let fontsReady = false;

/** Points pdfmake at the font files, and closes its doors to any other file and to URLs. */
function setUpPdfmake(): void {
  if (fontsReady) return;
  const normal = require.resolve(FONT_FILES.normal);
  const bold = require.resolve(FONT_FILES.bold);
  pdfmake.setFonts({ NotoSansSC: { normal, bold, italics: normal, bolditalics: bold } });
  // No document content can make pdfmake read another local file or fetch a URL.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => file === normal || file === bold);
  fontsReady = true;
}

function text(inline: Inline, doc: ReadoutDocument): Content[] {
  return inline.flatMap((r): Content[] =>
    r.fallbackFrom
      ? [{ text: r.text }, { text: ` ${doc.fallbackMarks[r.fallbackFrom] ?? ''}`, style: 'mark' }]
      : [{ text: r.text }],
  );
}

export async function renderPdf(doc: ReadoutDocument): Promise<Buffer> {
  setUpPdfmake();
  const content: Content[] = [];
  content.push({ text: text(doc.headline, doc), style: 'headline' });
  if (doc.fallbackNotice) content.push({ text: doc.fallbackNotice, style: 'note' });
  content.push({ text: text(doc.dateline, doc), style: 'dateline' });
  for (const p of doc.paragraphs) content.push({ text: text(p, doc), style: 'body' });
  if (doc.outcomesIntro) content.push({ text: text(doc.outcomesIntro, doc), style: 'body' });
  for (const group of doc.outcomes) {
    content.push({ text: group.heading, style: 'heading' });
    content.push({ ul: group.items.map((item) => ({ text: text(item, doc) })), style: 'list' });
  }
  if (doc.notes) content.push({ text: text(doc.notes, doc), style: 'body' });
  if (doc.nextMeeting) content.push({ text: text(doc.nextMeeting, doc), style: 'body' });
  content.push({ text: doc.endMark, style: 'endMark' });
  for (const a of doc.about) {
    content.push({ text: text(a.heading, doc), style: 'heading' });
    content.push({ text: text(a.text, doc), style: 'small' });
  }
  for (const c of doc.contacts) {
    content.push({ text: text(c.heading, doc), style: 'heading' });
    content.push({ stack: c.lines.map((l) => ({ text: text(l, doc) })), style: 'small' });
  }

  const definition: TDocumentDefinitions = {
    info: {
      title: doc.headline.map((r) => r.text).join(''),
      creator: 'Parley',
      subject: `Readout of meeting ${doc.meeting} of ${doc.dialogue}`,
    },
    language: doc.lang === 'zh' ? 'zh-Hans' : 'en-US',
    // Letter for English (the U.S. government's paper), A4 for Chinese.
    pageSize: doc.lang === 'zh' ? 'A4' : 'LETTER',
    pageMargins: [64, 56, 64, 56],
    defaultStyle: { font: 'NotoSansSC', fontSize: 10.5, lineHeight: 1.3 },
    styles: {
      headline: { fontSize: 18, bold: true, color: '#162e51', margin: [0, 0, 0, 8] },
      dateline: { bold: true, color: '#565c65', margin: [0, 0, 0, 8] },
      body: { margin: [0, 0, 0, 8] },
      heading: { fontSize: 12, bold: true, color: '#162e51', margin: [0, 8, 0, 4] },
      list: { margin: [0, 0, 0, 8] },
      endMark: { alignment: 'center', margin: [0, 10, 0, 10] },
      small: { fontSize: 9.5, margin: [0, 0, 0, 6] },
      note: { italics: true, color: '#8b0a03', margin: [0, 0, 0, 8] },
      mark: { fontSize: 8, color: '#8b0a03' },
    },
    footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, color: '#71767a' }),
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}
