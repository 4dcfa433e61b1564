/**
 * What a report's attachments are, found from their bytes: the name a file
 * was sent with and the type its sender claimed count for nothing. PDF, Word
 * (.docx: a ZIP whose central directory lists word/document.xml; .doc: a
 * compound file holding a WordDocument stream) and images (PNG, JPEG, GIF,
 * WebP) are taken; anything else is refused with what it looks like instead.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../errors.js';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_KINDS_TEXT,
  formatBytes,
  type AttachmentKind,
  type AttachmentLimits,
} from '../../shared/attachments.js';

/** A file as the transport read it. */
export interface UploadedFile {
  /** The file name as sent (a path is reduced to its last part). */
  name: string;
  bytes: Uint8Array;
  /** The transport stopped reading because the file passed the per-file limit: `bytes` is only its start. */
  truncated?: boolean;
}

/** A file that passed every check, ready to be stored with its report. */
export interface NewAttachment {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

const kind = (mediaType: string) => ATTACHMENT_KINDS.find((k) => k.mediaType === mediaType)!;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type Sniffed = { ok: true; kind: AttachmentKind } | { ok: false; looksLike: string };

/** The kind of file these bytes are, or what they look like when they are none of the kinds taken. */
export function sniff(b: Uint8Array): Sniffed {
  const ok = (mediaType: string): Sniffed => ({ ok: true, kind: kind(mediaType) });
  if (startsWith(b, PDF)) return ok('application/pdf');
  if (startsWith(b, PNG)) return ok('image/png');
  if (startsWith(b, JPEG)) return ok('image/jpeg');
  if (startsWith(b, GIF87) || startsWith(b, GIF89)) return ok('image/gif');
  if (startsWith(b, RIFF) && startsWith(b, WEBP, 8)) return ok('image/webp');
  if (startsWith(b, ZIP)) {
    const names = zipEntryNames(b);
    if (names === undefined) return { ok: false, looksLike: 'a damaged or unreadable ZIP archive' };
    if (!names.includes('word/document.xml') || !names.includes('[Content_Types].xml')) {
      return { ok: false, looksLike: 'a ZIP archive that is not a Word document (it has no word/document.xml)' };
    }
    if (names.some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) {
      return { ok: false, looksLike: 'a Word document with macros' };
    }
    return ok('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  }
  if (startsWith(b, OLE)) {
    const names = compoundFileNames(b);
    if (names === undefined) return { ok: false, looksLike: 'a damaged or unreadable Office file' };
    if (!names.includes('WordDocument')) {
      return {
        ok: false,
        looksLike: 'an Office file that is not a Word document (a spreadsheet, slides, an installer…)',
      };
    }
    return ok('application/msword');
  }
  return { ok: false, looksLike: describeOther(b) };
}

/** A few common kinds of file, named so that a refusal says what was sent. */
function describeOther(b: Uint8Array): string {
  if (b.length === 0) return 'an empty file';
  if (startsWith(b, ascii('MZ'))) return 'a Windows program';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program';
  if (
    [
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((s) => startsWith(b, s))
  )
    return 'a macOS program';
  if (startsWith(b, ascii('#!'))) return 'a script';
  if (startsWith(b, [0x1f, 0x8b])) return 'a gzip archive';
  if (startsWith(b, ascii('Rar!'))) return 'a RAR archive';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'a 7-Zip archive';
  if (startsWith(b, ascii('{\\rtf'))) return 'an RTF document';
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(b.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|script|iframe|svg)\b/.test(head)) return 'a web page or SVG (HTML/XML text)';
  if (head.startsWith('<?xml')) return 'an XML document';
  return 'a file of another type';
}

// ---------------------------------------------------------------------------
// ZIP: the names of the entries, from the central directory at the end.

function zipEntryNames(b: Uint8Array): string[] | undefined {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = v.getUint16(end + 10, true);
  const size = v.getUint32(end + 12, true);
  const offset = v.getUint32(end + 16, true);
  // ZIP64 (more than 65,535 entries or 4 GB) is far beyond any file taken here.
  if (count === 0xffff || offset === 0xffffffff || offset + size > end) return undefined;
  const names: string[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: false });
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || v.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) return undefined;
    names.push(utf8.decode(b.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// ---------------------------------------------------------------------------
// Compound File Binary (OLE2, the format of .doc, .xls, .ppt, .msi): the names
// in its directory, found by following the sector chains through the FAT.

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

function compoundFileNames(b: Uint8Array): string[] | undefined {
  if (b.length < 512) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = v.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const sectors = Math.max(0, Math.ceil((b.length - sectorSize) / sectorSize));
  const sectorAt = (n: number) => (n + 1) * sectorSize;
  const valid = (n: number) => n < sectors && sectorAt(n) + sectorSize <= b.length;
  const perSector = sectorSize / 4;

  // The FAT's own sectors: the first 109 are listed in the header, the rest in a chain of DIFAT sectors.
  const fatCount = v.getUint32(0x2c, true);
  if (fatCount > sectors) return undefined;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(v.getUint32(0x4c + i * 4, true));
  let difat = v.getUint32(0x44, true);
  for (let hops = 0; fatSectors.length < fatCount; hops++) {
    if (!valid(difat) || hops > sectors) return undefined;
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) {
      fatSectors.push(v.getUint32(sectorAt(difat) + i * 4, true));
    }
    difat = v.getUint32(sectorAt(difat) + (perSector - 1) * 4, true);
  }
  if (!fatSectors.every(valid)) return undefined;
  const next = (n: number): number | undefined => {
    const fat = fatSectors[Math.floor(n / perSector)];
    return fat === undefined ? undefined : v.getUint32(sectorAt(fat) + (n % perSector) * 4, true);
  };

  // The directory: 128-byte entries, names in UTF-16LE with their length in bytes (terminator included).
  const names: string[] = [];
  const utf16 = new TextDecoder('utf-16le');
  let dir = v.getUint32(0x30, true);
  for (let hops = 0; dir !== END_OF_CHAIN; hops++) {
    if (dir === FREE || !valid(dir) || hops > sectors) return undefined;
    for (let e = sectorAt(dir); e < sectorAt(dir) + sectorSize; e += 128) {
      const type = b[e + 0x42];
      const length = v.getUint16(e + 0x40, true);
      if (type === 0 || length < 2 || length > 64) continue;
      names.push(utf16.decode(b.subarray(e, e + length - 2)));
    }
    const n = next(dir);
    if (n === undefined) return undefined;
    dir = n;
  }
  return names;
}

// ---------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A file name fit to keep: its last path part, without control characters; undefined when nothing is left. */
export function cleanName(name: string): string | undefined {
  const last = name.split(/[/\\]/).pop()!.replace(CONTROL, '').trim();
  return last === '' || last === '.' || last === '..' ? undefined : last;
}

const MAX_NAME = 255;

/**
 * Checks the files of one report against the limits and the kinds taken.
 * Problems point at `/attachments/N`; `tooLarge` says a size or count limit
 * was passed (answered 413 rather than 400).
 */
export function inspectAttachments(
  files: readonly UploadedFile[],
  limits: AttachmentLimits,
): { attachments: NewAttachment[]; problems: Problem[]; tooLarge: boolean } {
  const problems: Problem[] = [];
  const attachments: NewAttachment[] = [];
  let tooLarge = false;
  let total = 0;
  files.forEach((f, i) => {
    const pointer = `/attachments/${i}`;
    const name = cleanName(f.name) ?? `attachment-${i + 1}`;
    const said = JSON.stringify(name);
    if (i >= limits.maxFiles) {
      tooLarge = true;
      problems.push({ pointer, message: `${said}: a report takes at most ${limits.maxFiles} files` });
      return;
    }
    if (f.truncated || f.bytes.length > limits.maxFileBytes) {
      tooLarge = true;
      problems.push({
        pointer,
        message: `${said} is larger than ${formatBytes(limits.maxFileBytes)}, the limit for one file`,
      });
      return;
    }
    total += f.bytes.length;
    if (total > limits.maxTotalBytes) {
      tooLarge = true;
      problems.push({
        pointer,
        message: `${said} brings the files together over ${formatBytes(limits.maxTotalBytes)}, the limit for one report`,
      });
      return;
    }
    if (name.length > MAX_NAME) {
      problems.push({ pointer, message: `the file name is longer than ${MAX_NAME} characters` });
      return;
    }
    const found = sniff(f.bytes);
    if (!found.ok) {
      problems.push({
        pointer,
        message: `${said} must be a PDF, a Word document or an image (${ATTACHMENT_KINDS_TEXT}), judged by its content; it looks like ${found.looksLike}`,
      });
      return;
    }
    attachments.push({
      name,
      mediaType: found.kind.mediaType,
      size: f.bytes.length,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      bytes: f.bytes,
    });
  });
  return { attachments, problems, tooLarge };
}

/**
 * The name a download is saved under: the name as sent, without characters
 * that file systems or headers mishandle, ending as its real type does (a PNG
 * sent as "scan.pdf" is saved as "scan.pdf.png", so it opens as what it is).
 */
export function downloadName(name: string, mediaType: string): string {
  const k = ATTACHMENT_KINDS.find((x) => x.mediaType === mediaType);
  let safe = (cleanName(name) ?? 'attachment')
    .replace(/["<>:|?*;%]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (safe === '') safe = 'attachment';
  if (safe.length > 150) safe = safe.slice(0, 150).replace(/[\uD800-\uDBFF]$/, '');
  if (!k) return safe;
  const ext = /\.([A-Za-z0-9]+)$/.exec(safe)?.[1]?.toLowerCase();
  return ext !== undefined && k.extensions.includes(ext) ? safe : `${safe}.${k.extensions[0]}`;
}
