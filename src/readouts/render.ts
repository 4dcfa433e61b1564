/**
 * Renders a readout document in one of the four formats. The Word and PDF
 * renderers (docx, pdfmake and a 10 MB font) load on first use, so that the
 * server and the CLI start as fast without them.
 */
import type { ReadoutDocument } from '../domain/readouts/readout.model.js';
import { READOUT_MEDIA_TYPES, readoutFileName, type ReadoutFormat } from '../shared/readout.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export interface RenderedReadout {
  /** Text for md and html, bytes for docx and pdf. */
  body: string | Buffer;
  mediaType: string;
  fileName: string;
}

export async function renderReadout(doc: ReadoutDocument, format: ReadoutFormat): Promise<RenderedReadout> {
  const fileName = readoutFileName(doc.dialogue, doc.meeting, doc.side ?? 'joint', doc.lang, format);
  const mediaType = READOUT_MEDIA_TYPES[format];
  switch (format) {
    case 'md':
      return { body: renderMarkdown(doc), mediaType, fileName };
    case 'html':
      return { body: renderHtml(doc), mediaType, fileName };
    case 'docx': {
      const { renderDocx } = await import('./docx.js');
      return { body: await renderDocx(doc), mediaType, fileName };
    }
    case 'pdf': {
      const { renderPdf } = await import('./pdf.js');
      return { body: await renderPdf(doc), mediaType, fileName };
    }
  }
}
