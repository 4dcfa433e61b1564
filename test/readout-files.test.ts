/**
 * Issue 6, acceptance 3: the Word file opens in LibreOffice (converted to PDF
 * and read back with pdftotext) with headings and lists as real styles, and
 * the PDF carries its text, Chinese included, in an embedded font.
 * LibreOffice (Debian libreoffice-writer-nogui) and poppler-utils are
 * installed by .ci/run; without them here the tests say so and skip.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { importBundleText } from '../src/bundle/import.js';
import { readDemoBundle } from '../src/demo/demo.js';
import { PUBLIC_VIEWER } from '../src/domain/access/viewer.js';
import { generateReadout } from '../src/domain/readouts/readout.service.js';
import { renderReadout } from '../src/readouts/render.js';
import type { ReadoutFormat, ReadoutLanguage } from '../src/shared/readout.js';
import { testDatabase, type TestDatabase } from './helpers/db.js';
import { readZipEntry } from './helpers/zip.js';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const NO_PDFTOTEXT = has('pdftotext') ? false : 'pdftotext is not installed (Debian poppler-utils)';
const NO_LIBREOFFICE = has('libreoffice')
  ? NO_PDFTOTEXT
  : 'libreoffice is not installed (Debian libreoffice-writer-nogui; .ci/run installs it)';

let t: TestDatabase;
let dir: string;
before(async () => {
  t = await testDatabase();
  await importBundleText(t.store, readDemoBundle());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-readout-'));
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function write(side: string, lang: ReadoutLanguage, format: ReadoutFormat): Promise<string> {
  const doc = await generateReadout(t.store, PUBLIC_VIEWER, 'us-cn-ciwg', 1, side, lang);
  const rendered = await renderReadout(doc, format);
  const file = path.join(dir, rendered.fileName);
  fs.writeFileSync(file, rendered.body);
  return file;
}

/** The text of a PDF, with line breaks and spaces removed so that wrapped phrases still match. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('Word', () => {
  it('uses Title, Heading 1 and List Paragraph with a bullet numbering, not direct formatting', async () => {
    const file = await write('us', 'en', 'docx');
    const xml = readZipEntry(fs.readFileSync(file), 'word/document.xml') ?? '';
    assert.match(xml, /<w:pStyle w:val="Title"\/>/);
    assert.equal(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length, 4, 'two outcome kinds, about, media contact');
    assert.equal(xml.match(/<w:pStyle w:val="ListParagraph"\/>/g)?.length, 5, 'five outcomes');
    assert.equal(xml.match(/<w:numPr>/g)?.length, 5);
    assert.doesNotMatch(xml, /<w:b\/>|<w:sz /, 'no bold or size set by hand in the body');
    const styles = readZipEntry(fs.readFileSync(file), 'word/styles.xml') ?? '';
    assert.match(styles, /w:styleId="Dateline"/);
  });

  it(
    'opens in LibreOffice and reads back with every fact, in English and Chinese',
    { skip: NO_LIBREOFFICE },
    async () => {
      const en = await write('us', 'en', 'docx');
      const zh = await write('cn', 'zh', 'docx');
      // A profile of its own, so that a LibreOffice already running on the machine does not swallow the conversion.
      const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
      execFileSync(
        'libreoffice',
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, en, zh],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const enText = pdfText(en.replace(/\.docx$/, '.pdf'));
      for (const fact of [
        'U.S.-China Commercial Issues Working Group Holds Inaugural Vice-Ministerial Meeting',
        'April 4, 2024',
        'Marisa Lago, Under Secretary of Commerce for International Trade',
        'Wang Shouwen, China International Trade Representative and Vice Minister of Commerce',
        'raised strong concerns regarding overcapacity in Chinese industrial sectors',
        'the United States does not negotiate on matters of U.S. national security',
        'Technical exchanges between trade remedies authorities',
        'publicaffairs@trade.gov',
      ]) {
        assert.ok(enText.includes(squeeze(fact)), `missing from the Word file: ${fact}`);
      }
      const zhText = pdfText(zh.replace(/\.docx$/, '.pdf'));
      for (const fact of ['中美商贸工作组举行首次副部长级会议', '王受文', '拉戈', '2024年下半年', '（完）']) {
        assert.ok(zhText.includes(fact), `missing from the Word file: ${fact}`);
      }
    },
  );
});

describe('PDF', () => {
  it('embeds its font and reads back with the Chinese names', { skip: NO_PDFTOTEXT }, async () => {
    const zh = await write('us', 'zh', 'pdf');
    const text = pdfText(zh);
    for (const fact of [
      '美中商业问题工作组举行首次副部长级会议',
      '王受文',
      '拉戈',
      '2024年4月4日',
      '美方不就涉及美国国家安全的问题进行谈判',
    ]) {
      assert.ok(text.includes(fact), `missing from the PDF: ${fact}`);
    }
    const fonts = execFileSync('pdffonts', [zh], { encoding: 'utf8' });
    assert.match(fonts, /NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);

    const en = await write('cn', 'en', 'pdf');
    const enText = pdfText(en);
    for (const fact of [
      'Wang Shouwen',
      'Marisa Lago',
      'second half of 2024',
      'Information Office, Ministry of Commerce',
    ]) {
      assert.ok(enText.includes(squeeze(fact)), `missing from the PDF: ${fact}`);
    }
  });
});
