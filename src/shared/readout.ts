/**
 * Readouts as the API, the CLI and the web app name them: languages, formats,
 * media types, file names and the API path. Kept free of imports so that the
 * web app can use it without pulling in the domain.
 */

export const READOUT_LANGUAGES = ['en', 'zh'] as const;
export type ReadoutLanguage = (typeof READOUT_LANGUAGES)[number];

export const READOUT_FORMATS = ['md', 'html', 'docx', 'pdf'] as const;
export type ReadoutFormat = (typeof READOUT_FORMATS)[number];

/** Formats that are bytes, not text: never written to a terminal. */
export const BINARY_READOUT_FORMATS: readonly ReadoutFormat[] = ['docx', 'pdf'];

export const READOUT_MEDIA_TYPES: Record<ReadoutFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The `side` value that asks for the joint statement instead of one side's account. */
export const JOINT_SIDE = 'joint';

/** "us-cn-ciwg-1-us-en.pdf": ASCII only (keys are slugs), so it needs no RFC 5987 encoding. */
export function readoutFileName(
  dialogueKey: string,
  meetingNumber: number,
  side: string,
  lang: ReadoutLanguage,
  format: ReadoutFormat,
): string {
  return `${dialogueKey}-${meetingNumber}-${side}-${lang}.${format}`;
}

/** The API path of a readout. */
export function readoutPath(
  dialogueKey: string,
  meetingNumber: number,
  query: { side: string; lang: ReadoutLanguage; format: ReadoutFormat },
): string {
  const search = new URLSearchParams({ side: query.side, lang: query.lang, format: query.format });
  return `/api/v1/dialogues/${encodeURIComponent(dialogueKey)}/meetings/${meetingNumber}/readout?${search.toString()}`;
}
