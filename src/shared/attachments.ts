/**
 * Attachments of problem reports (issue 4): the kinds of file taken (known by
 * their content, never by their name), the default limits, and the shape in
 * which a report lists its files. Shared by the server and the web form.
 */
import { z } from 'zod';

export interface AttachmentKind {
  /** The media type a file of this kind is stored and served with. */
  mediaType: string;
  /** File name endings, the first being the one given to a download whose name lacks one. */
  extensions: readonly string[];
  /** How people call it. */
  label: string;
}

export const ATTACHMENT_KINDS: readonly AttachmentKind[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word (.docx)',
  },
  { mediaType: 'application/msword', extensions: ['doc'], label: 'Word 97–2003 (.doc)' },
  { mediaType: 'image/png', extensions: ['png'], label: 'PNG' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  { mediaType: 'image/gif', extensions: ['gif'], label: 'GIF' },
  { mediaType: 'image/webp', extensions: ['webp'], label: 'WebP' },
];

/** "PDF, Word (.docx), …": what a refused file should have been. */
export const ATTACHMENT_KINDS_TEXT = ATTACHMENT_KINDS.map((k) => k.label).join(', ');

/** For `<input type="file" accept>`: a hint to the browser's file picker, not a check. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_KINDS.flatMap((k) => [
  k.mediaType,
  ...k.extensions.map((e) => `.${e}`),
]).join(',');

const MB = 1024 * 1024;

export interface AttachmentLimits {
  /** Bytes per file. */
  maxFileBytes: number;
  /** Files per report. */
  maxFiles: number;
  /** Bytes of all the files of one report together. */
  maxTotalBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = Object.freeze({
  maxFileBytes: 10 * MB,
  maxFiles: 5,
  maxTotalBytes: 25 * MB,
});

/** "10 MB", "512 KB", "300 bytes": sizes as people read them (binary units, as file managers show). */
export function formatBytes(n: number): string {
  if (n >= MB) return `${Number((n / MB).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} bytes`;
}

/** A file of a report, as the report lists it (the bytes are fetched on their own). */
export const AttachmentInfo = z
  .object({
    id: z.string(),
    name: z.string().describe('The file name as the reporter sent it'),
    mediaType: z.string().describe('The type found in the content (not the name)'),
    size: z.number().int().describe('Bytes'),
    sha256: z.string(),
  })
  .meta({ id: 'AttachmentInfo' });
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;
