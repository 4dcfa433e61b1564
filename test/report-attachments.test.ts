/**
 * Issue 4: files sent with a problem report. Their type is found from their
 * content (acceptance 5: oversize or mislabelled files refused, naming the
 * file, and nothing written); only the addressed side's triage staff can
 * fetch them, with headers that keep a browser from running them.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { demoEmail } from '../src/demo/demo-users.js';
import { downloadName, inspectAttachments, sniff } from '../src/domain/reports/attachments.js';
import { DEFAULT_ATTACHMENT_LIMITS } from '../src/shared/attachments.js';
import { testApp, type TestApp } from './helpers/app.js';
import * as files from './helpers/report-files.js';

const MB = 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('telling a file by its content', () => {
  it('knows each kind taken', async () => {
    const cases: [Buffer, string][] = [
      [files.pdf(), 'application/pdf'],
      [await files.docx(), DOCX],
      [files.doc(), 'application/msword'],
      [files.png(), 'image/png'],
      [files.jpeg(), 'image/jpeg'],
      [files.gif(), 'image/gif'],
      [files.webp(), 'image/webp'],
    ];
    for (const [bytes, type] of cases) {
      const found = sniff(bytes);
      assert.ok(found.ok, `${type}: ${JSON.stringify(found)}`);
      assert.equal(found.kind.mediaType, type);
    }
  });

  it('reads a large compound file whose FAT is listed through DIFAT sectors', () => {
    // 14,000 sectors of 512 bytes need 110 FAT sectors: one more than the header lists.
    const big = files.doc(14_000);
    assert.ok(big.readUInt32LE(0x48) > 0, 'the fixture has DIFAT sectors');
    const found = sniff(big);
    assert.ok(found.ok && found.kind.mediaType === 'application/msword', JSON.stringify(found));
  });

  it('says what a refused file looks like', () => {
    const looks = (b: Buffer) => {
      const found = sniff(b);
      assert.ok(!found.ok);
      return found.looksLike;
    };
    assert.match(looks(files.exe()), /Windows program/);
    assert.match(looks(files.html()), /web page/);
    assert.match(looks(files.xlsx()), /ZIP archive that is not a Word document/);
    assert.match(looks(files.xls()), /Office file that is not a Word document/);
    assert.match(looks(Buffer.alloc(0)), /empty/);
    assert.match(looks(Buffer.from('just some text')), /another type/);
    // A ZIP cut short (no central directory) and a compound file with a broken directory chain.
    assert.match(looks(files.zip({ 'word/document.xml': '<w/>' }).subarray(0, 60)), /damaged/);
    const broken = files.doc();
    broken.writeUInt32LE(0x7fffffff, 0x30);
    assert.match(looks(broken), /damaged/);
  });

  it('refuses Word documents with macros', () => {
    const docm = files.zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<w:document/>',
      'word/vbaProject.bin': 'macros',
    });
    const found = sniff(docm);
    assert.ok(!found.ok && /macros/.test(found.looksLike));
  });

  it('checks limits and names each file by its place', () => {
    const limits = { maxFileBytes: 100, maxFiles: 2, maxTotalBytes: 150 };
    const r = inspectAttachments(
      [
        { name: 'a.png', bytes: files.png() },
        { name: 'b.png', bytes: Buffer.concat([files.png(), Buffer.alloc(20)]) },
        { name: 'c.png', bytes: files.png() },
      ],
      limits,
    );
    assert.equal(r.tooLarge, true);
    assert.deepEqual(
      r.problems.map((p) => p.pointer),
      ['/attachments/1', '/attachments/2'],
    );
    assert.match(r.problems[0]!.message, /"b.png" brings the files together over 150 bytes/);
    assert.match(r.problems[1]!.message, /at most 2 files/);
  });

  it('names downloads safely, ending as their real type', () => {
    assert.equal(downloadName('scan.pdf', 'image/png'), 'scan.pdf.png');
    assert.equal(downloadName('报告.PDF', 'application/pdf'), '报告.PDF');
    assert.equal(downloadName('..\\..\\evil"name;.jpeg', 'image/jpeg'), 'evil_name_.jpeg');
    assert.equal(downloadName('a\r\nb.gif', 'image/gif'), 'ab.gif');
    assert.equal(downloadName('...', 'application/msword'), 'attachment.doc');
  });
});

// ---------------------------------------------------------------------------
// Over HTTP, on a real database

let h: TestApp;
const cookies: Record<string, Record<string, string>> = {};

const report = (extra: Record<string, unknown> = {}) => ({
  language: 'en',
  organisation: { name: 'Acme Solar', kind: 'company' },
  contact: { name: 'Ann Lee', email: 'ann@acme.example' },
  consent: { shareWithCounterpart: false, shareWithPublic: false },
  economy: 'CN',
  addressedTo: 'us',
  description: 'Our modules are held at customs for months; the inspection report is attached.',
  ...extra,
});

type Upload = { filename: string; content: Buffer; type?: string };

function send(body: unknown, uploads: Upload[], extra: Parameters<typeof files.multipart>[0] = []) {
  const form = files.multipart([
    { name: 'report', value: typeof body === 'string' ? body : JSON.stringify(body) },
    ...uploads.map((u) => ({ name: 'attachments', ...u })),
    ...extra,
  ]);
  return h.app.inject({ method: 'POST', url: '/api/v1/reports', payload: form.payload, headers: form.headers });
}

async function accepted(uploads: Upload[], body: unknown = report()) {
  const res = await send(body, uploads);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { reference: string; statusUrl: string };
}

interface Refusal {
  status: number;
  code: string;
  problems: { pointer: string; message: string }[];
}

/** Sends, expects a refusal, and checks that not a row was written. */
async function refused(body: unknown, uploads: Upload[], extra?: Parameters<typeof files.multipart>[0]) {
  const before = await counts();
  const res = await send(body, uploads, extra);
  assert.ok(res.statusCode === 400 || res.statusCode === 413, `${res.statusCode} ${res.body}`);
  const error = (res.json() as { error: { code: string; details: { problems: Refusal['problems'] } } }).error;
  assert.deepEqual(await counts(), before, 'nothing was written');
  return { status: res.statusCode, code: error.code, problems: error.details.problems } satisfies Refusal;
}

async function counts() {
  const n = async (table: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.t.db)).rows[0]!.n);
  return {
    reports: await n('reports'),
    attachments: await n('report_attachments'),
    audit: await n('audit_log'),
  };
}

async function as(who: string | undefined, url: string) {
  return h.app.inject({ method: 'GET', url, headers: who ? cookies[who] : {} });
}

before(async () => {
  h = await testApp();
  for (const side of ['us', 'cn']) {
    for (const role of ['analyst', 'lead', 'public-affairs', 'reporter', 'admin']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/demo/session',
        payload: { email: demoEmail(side, role) },
      });
      assert.equal(res.statusCode, 204, res.body);
      cookies[`${side}-${role}`] = { cookie: String(res.headers['set-cookie']).split(';')[0]! };
    }
  }
});
after(async () => {
  await h?.close();
});

describe('a report with attachments', () => {
  it('takes each kind, stores it with the report, and lists it', async () => {
    const uploads: Upload[] = [
      { filename: 'inspection.pdf', content: files.pdf() },
      { filename: '海关通知.docx', content: await files.docx() },
      { filename: 'letter.doc', content: files.doc() },
      { filename: 'photo.png', content: files.png(), type: 'image/png' },
      { filename: 'photo.jpg', content: files.jpeg() },
    ];
    const before = await counts();
    const r = await accepted(uploads);
    assert.deepEqual(await counts(), {
      reports: before.reports + 1,
      attachments: before.attachments + 5,
      audit: before.audit + 1,
    });
    const got = await as('us-analyst', `/api/v1/reports/${r.reference}`);
    assert.equal(got.statusCode, 200, got.body);
    const listed = (got.json() as { attachments: { id: string; name: string; mediaType: string; size: number }[] })
      .attachments;
    assert.deepEqual(
      listed.map((a) => [a.name, a.mediaType, a.size]),
      uploads.map((u, i) => [
        u.filename,
        ['application/pdf', DOCX, 'application/msword', 'image/png', 'image/jpeg'][i],
        u.content.length,
      ]),
    );
    // GIF and WebP, in a second report (five files is the limit of one).
    const r2 = await accepted([
      { filename: 'chart.gif', content: files.gif() },
      { filename: 'stamp.webp', content: files.webp() },
    ]);
    const second = (await as('us-lead', `/api/v1/reports/${r2.reference}`)).json() as {
      attachments: { mediaType: string }[];
    };
    assert.deepEqual(
      second.attachments.map((a) => a.mediaType),
      ['image/gif', 'image/webp'],
    );
    // The queue lists the files too, and the trail records them without their names.
    const queue = (await as('us-analyst', '/api/v1/reports?status=new')).json() as {
      items: { reference: string; attachments: unknown[] }[];
    };
    assert.equal(queue.items.find((i) => i.reference === r.reference)?.attachments.length, 5);
    const audit = await sql<{
      after: { attachments: { mediaType: string; sha256: string }[] };
    }>`select after from audit_log where record_key = ${r.reference}`.execute(h.t.db);
    assert.equal(audit.rows[0]!.after.attachments.length, 5);
    assert.equal(audit.rows[0]!.after.attachments[0]!.sha256, createHash('sha256').update(files.pdf()).digest('hex'));
    assert.ok(!JSON.stringify(audit.rows).includes('inspection.pdf'));
  });

  it('a JSON report has no files, and a multipart one without files is a report like any other', async () => {
    const r = await accepted([]);
    const got = (await as('us-analyst', `/api/v1/reports/${r.reference}`)).json() as { attachments: unknown[] };
    assert.deepEqual(got.attachments, []);
  });
});

describe('refused files: per-file errors, nothing written', () => {
  it('a Windows program named .pdf, an HTML page named .pdf', async () => {
    const r = await refused(report(), [
      { filename: 'photo.png', content: files.png() },
      { filename: 'invoice.pdf', content: files.exe(), type: 'application/pdf' },
      { filename: 'notice.pdf', content: files.html(), type: 'application/pdf' },
    ]);
    assert.equal(r.status, 400);
    assert.equal(r.code, 'validation-failed');
    assert.deepEqual(
      r.problems.map((p) => p.pointer),
      ['/body/attachments/1', '/body/attachments/2'],
    );
    assert.match(r.problems[0]!.message, /"invoice.pdf" must be a PDF, a Word document or an image/);
    assert.match(r.problems[0]!.message, /Windows program/);
    assert.match(r.problems[1]!.message, /web page/);
  });

  it('a ZIP that is not a Word document, an Excel file named .doc', async () => {
    const r = await refused(report(), [
      { filename: 'report.docx', content: files.xlsx() },
      { filename: 'report.doc', content: files.xls() },
    ]);
    assert.deepEqual(
      r.problems.map((p) => p.pointer),
      ['/body/attachments/0', '/body/attachments/1'],
    );
    assert.match(r.problems[0]!.message, /ZIP archive that is not a Word document/);
    assert.match(r.problems[1]!.message, /not a Word document/);
  });

  it('a file over the per-file limit: 413, naming it', async () => {
    const big = Buffer.concat([files.pdf(), Buffer.alloc(DEFAULT_ATTACHMENT_LIMITS.maxFileBytes)]);
    const r = await refused(report(), [
      { filename: 'small.png', content: files.png() },
      { filename: 'scan.pdf', content: big },
    ]);
    assert.equal(r.status, 413);
    assert.equal(r.code, 'too-large');
    assert.deepEqual(
      r.problems.map((p) => p.pointer),
      ['/body/attachments/1'],
    );
    assert.match(r.problems[0]!.message, /"scan.pdf" is larger than 10 MB/);
  });

  it('files together over the per-report limit', async () => {
    const nine = () => Buffer.concat([files.pdf(), Buffer.alloc(9 * MB)]);
    const r = await refused(report(), [
      { filename: 'a.pdf', content: nine() },
      { filename: 'b.pdf', content: nine() },
      { filename: 'c.pdf', content: nine() },
    ]);
    assert.equal(r.status, 413);
    assert.deepEqual(
      r.problems.map((p) => p.pointer),
      ['/body/attachments/2'],
    );
    assert.match(r.problems[0]!.message, /over 25 MB/);
  });

  it('too many files', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `p${i}.png`, content: files.png() }));
    const r = await refused(report(), six);
    assert.equal(r.status, 413);
    assert.deepEqual(
      r.problems.map((p) => p.pointer),
      ['/body/attachments/5'],
    );
    assert.match(r.problems[0]!.message, /at most 5 files/);
  });

  it('a bad report with good files: the report’s fields are named; a good report with a bad HS code too', async () => {
    const a = await refused(report({ contact: { name: 'A', email: 'nope' } }), [
      { filename: 'a.png', content: files.png() },
    ]);
    assert.deepEqual(
      a.problems.map((p) => p.pointer),
      ['/body/contact/email'],
    );
    const b = await refused(report({ products: ['999998'] }), [{ filename: 'a.exe', content: files.exe() }]);
    assert.deepEqual(
      b.problems.map((p) => p.pointer),
      ['/body/products/0', '/body/attachments/0'],
    );
  });

  it('a form without the report, with a broken one, or with stray fields', async () => {
    const form = files.multipart([{ name: 'attachments', filename: 'a.png', content: files.png() }]);
    const before = await counts();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: form.payload,
      headers: form.headers,
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      (res.json() as { error: { details: { problems: { pointer: string }[] } } }).error.details.problems.map(
        (p) => p.pointer,
      ),
      ['/body/report'],
    );
    assert.deepEqual(await counts(), before);
    const broken = await refused('{"language":', []);
    assert.deepEqual(
      broken.problems.map((p) => p.pointer),
      ['/body/report'],
    );
    assert.match(broken.problems[0]!.message, /must be JSON text/);
    const stray = await refused(
      report(),
      [],
      [
        { name: 'colour', value: 'red' },
        { name: 'evidence', filename: 'a.png', content: files.png() },
      ],
    );
    assert.deepEqual(
      stray.problems.map((p) => p.pointer),
      ['/body/colour', '/body/evidence'],
    );
  });

  it('an attachment cannot be changed nor deleted, even in SQL', async () => {
    const r = await accepted([{ filename: 'a.png', content: files.png() }]);
    const id = (
      await sql<{
        id: string;
      }>`select a.id from report_attachments a join reports r on r.id = a.report_id where r.reference = ${r.reference}`.execute(
        h.t.db,
      )
    ).rows[0]!.id;
    await assert.rejects(
      sql`update report_attachments set file_name = 'other.png' where id = ${id}`.execute(h.t.db),
      /evidence/,
    );
    await sql`delete from report_attachments where id = ${id}`.execute(h.t.db);
    const left = await sql`select 1 from report_attachments where id = ${id}`.execute(h.t.db);
    assert.equal(left.rows.length, 1);
  });
});

describe('fetching a file', () => {
  let reference: string;
  let ids: string[];
  before(async () => {
    reference = (
      await accepted([
        { filename: '检验报告 <final>.pdf', content: files.pdf() },
        { filename: 'scan.pdf', content: files.png() },
      ])
    ).reference;
    const got = (await as('us-analyst', `/api/v1/reports/${reference}`)).json() as { attachments: { id: string }[] };
    ids = got.attachments.map((a) => a.id);
  });

  it('the addressed side’s analysts and leads get it, as a download of its real type', async () => {
    for (const who of ['us-analyst', 'us-lead']) {
      const res = await as(who, `/api/v1/reports/${reference}/attachments/${ids[0]}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.rawPayload, files.pdf());
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(String(res.headers['content-security-policy']), /sandbox/);
      assert.equal(
        res.headers['content-disposition'],
        `attachment; filename="____ _final_.pdf"; filename*=UTF-8''${encodeURIComponent('检验报告 _final_.pdf')}`,
      );
    }
    // A PNG sent as "scan.pdf" is served as the PNG it is, and saved as one.
    const png = await as('us-analyst', `/api/v1/reports/${reference}/attachments/${ids[1]}`);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.match(String(png.headers['content-disposition']), /^attachment; filename="scan.pdf.png"/);
  });

  it('nobody else: the other side 404, other roles 403, the public 401, unknown ids 404', async () => {
    const url = `/api/v1/reports/${reference}/attachments/${ids[0]}`;
    for (const who of ['cn-analyst', 'cn-lead']) assert.equal((await as(who, url)).statusCode, 404, who);
    for (const who of ['us-public-affairs', 'us-reporter', 'us-admin', 'cn-reporter'])
      assert.equal((await as(who, url)).statusCode, 403, who);
    assert.equal((await as(undefined, url)).statusCode, 401);
    const other = await accepted([{ filename: 'x.gif', content: files.gif() }]);
    assert.equal(
      (await as('us-analyst', `/api/v1/reports/${other.reference}/attachments/${ids[0]}`)).statusCode,
      404,
      "an id under another report's reference",
    );
    assert.equal((await as('us-analyst', `/api/v1/reports/${reference}/attachments/not-an-id`)).statusCode, 404);
    // The status link shows nothing of the files.
    const status = (await as(undefined, other.statusUrl)).json() as Record<string, unknown>;
    assert.ok(!('attachments' in status));
  });
});
