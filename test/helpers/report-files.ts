/**
 * Files for the attachment tests, made here from the formats' specifications
 * (PNG and GIF complete and viewable; ZIP and Compound File containers
 * written out entry by entry), plus a real Word document from the `docx`
 * package. Nothing is copied from elsewhere.
 */
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';

export function pdf(): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1×1 red PNG. */
export function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JPEG (JFIF): start of image, APP0, end of image. */
export function jpeg(): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff, 0xd9])]);
}

/** A 1×1 GIF89a with a two-colour palette. */
export function gif(): Buffer {
  return Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), // 1×1, global palette of 2
    Buffer.from([255, 0, 0, 255, 255, 255]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]), // image descriptor
    Buffer.from([2, 2, 0x44, 0x01, 0]), // LZW min code size 2, one sub-block
    Buffer.from([0x3b]),
  ]);
}

/** A RIFF container of type WEBP with a lossless (VP8L) chunk header. */
export function webp(): Buffer {
  const vp8l = Buffer.concat([
    Buffer.from('VP8L', 'latin1'),
    Buffer.from([5, 0, 0, 0, 0x2f, 0, 0, 0, 0]),
    Buffer.alloc(1),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + vp8l.length, 0);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), vp8l]);
}

/** A real Word document. */
export async function docx(text = 'Customs held our shipment for six months.'): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

/** A ZIP archive of stored (uncompressed) entries. */
export function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A spreadsheet's container: a ZIP, but not a Word document. */
export const xlsx = () =>
  zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook/>',
  });

const FREE = 0xffffffff;
const END = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const DIFAT_SECTOR = 0xfffffffc;

/**
 * A Compound File (the container of .doc, .xls, .msi) whose directory holds
 * streams of these names (a Word 97 document has "WordDocument"). `filler`
 * sectors of data come before the directory: with enough of them the FAT
 * outgrows the header's 109 entries and is found through DIFAT sectors.
 */
export function compoundFile(streams: string[], filler = 8): Buffer {
  const S = 512;
  const perFat = S / 4;
  const entries = ['Root Entry', ...streams];
  const nDir = Math.ceil(entries.length / 4);
  let nFat = 1;
  let nDifat = 0;
  for (;;) {
    nDifat = Math.max(0, Math.ceil((nFat - 109) / (perFat - 1)));
    if (nFat * perFat >= nFat + nDifat + filler + nDir) break;
    nFat++;
  }
  const total = nFat + nDifat + filler + nDir;
  const fatAt = (i: number) => i;
  const difatAt = (i: number) => nFat + i;
  const fillerStart = nFat + nDifat;
  const dirStart = fillerStart + filler;

  const fat = new Uint32Array(nFat * perFat).fill(FREE);
  for (let i = 0; i < nFat; i++) fat[fatAt(i)] = FAT_SECTOR;
  for (let i = 0; i < nDifat; i++) fat[difatAt(i)] = DIFAT_SECTOR;
  for (let i = 0; i < filler; i++) fat[fillerStart + i] = i === filler - 1 ? END : fillerStart + i + 1;
  for (let i = 0; i < nDir; i++) fat[dirStart + i] = i === nDir - 1 ? END : dirStart + i + 1;

  const out = Buffer.alloc(S * (total + 1));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  out.writeUInt16LE(0x3e, 0x18);
  out.writeUInt16LE(3, 0x1a);
  out.writeUInt16LE(0xfffe, 0x1c);
  out.writeUInt16LE(9, 0x1e);
  out.writeUInt16LE(6, 0x20);
  out.writeUInt32LE(nFat, 0x2c);
  out.writeUInt32LE(dirStart, 0x30);
  out.writeUInt32LE(4096, 0x38);
  out.writeUInt32LE(END, 0x3c);
  out.writeUInt32LE(nDifat > 0 ? difatAt(0) : END, 0x44);
  out.writeUInt32LE(nDifat, 0x48);
  for (let i = 0; i < 109; i++) out.writeUInt32LE(i < nFat ? fatAt(i) : FREE, 0x4c + i * 4);
  const sector = (n: number) => S * (n + 1);
  // DIFAT sectors: the FAT sectors after the first 109, 127 a sector, then the next DIFAT sector.
  for (let d = 0; d < nDifat; d++) {
    for (let i = 0; i < perFat - 1; i++) {
      const k = 109 + d * (perFat - 1) + i;
      out.writeUInt32LE(k < nFat ? fatAt(k) : FREE, sector(difatAt(d)) + i * 4);
    }
    out.writeUInt32LE(d === nDifat - 1 ? END : difatAt(d + 1), sector(difatAt(d)) + (perFat - 1) * 4);
  }
  for (let i = 0; i < fat.length; i++)
    out.writeUInt32LE(fat[i]!, sector(fatAt(Math.floor(i / perFat))) + (i % perFat) * 4);
  entries.forEach((name, i) => {
    const at = sector(dirStart + Math.floor(i / 4)) + (i % 4) * 128;
    out.write(name, at, 'utf16le');
    out.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    out[at + 0x42] = i === 0 ? 5 : 2;
    out[at + 0x43] = 1;
    out.writeUInt32LE(FREE, at + 0x44);
    out.writeUInt32LE(i > 0 && i < entries.length - 1 ? i + 1 : FREE, at + 0x48);
    out.writeUInt32LE(i === 0 && entries.length > 1 ? 1 : FREE, at + 0x4c);
    out.writeUInt32LE(i === 1 ? fillerStart : END, at + 0x74);
    out.writeUInt32LE(i === 1 ? filler * S : 0, at + 0x78);
  });
  return out;
}

/** A Word 97–2003 document's container. */
export const doc = (filler?: number) => compoundFile(['WordDocument', '1Table', '\u0005SummaryInformation'], filler);
/** An Excel 97–2003 workbook's container. */
export const xls = () => compoundFile(['Workbook', '\u0005SummaryInformation']);

/** A Windows program (the "MZ" header and the DOS stub's message). */
export function exe(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return b;
}

export const html = () => Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');

/** A multipart/form-data body: fields as text, files with a name and content. */
export function multipart(
  parts: ({ name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string })[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----parley-test-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n`),
        Buffer.from(p.value),
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\n` +
            `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
