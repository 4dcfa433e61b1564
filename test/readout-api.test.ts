/** GET /api/v1/dialogues/:key/meetings/:number/readout: media types, file names, errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from './helpers/app.js';

let h: TestApp;
before(async () => {
  h = await testApp();
});
after(async () => {
  await h.close();
});

const READOUT = '/api/v1/dialogues/us-cn-ciwg/meetings/1/readout';

function get(url: string) {
  return h.app.inject({ method: 'GET', url });
}

describe('readout formats', () => {
  it('html (the default) is a standalone page in the asked language, shown inline and locked down', async () => {
    const res = await get(`${READOUT}?side=us&lang=zh`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'inline; filename="us-cn-ciwg-1-us-zh.html"');
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.match(res.body, /^<!doctype html>\n<html lang="zh-Hans">/);
    assert.match(res.body, /<h1>美中商业问题工作组举行首次副部长级会议<\/h1>/);
    assert.doesNotMatch(res.body, /<script|<link|src=/, 'no script and no external asset');
  });

  it('md is text/markdown', async () => {
    const res = await get(`${READOUT}?side=cn&lang=en&format=md`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/markdown; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'inline; filename="us-cn-ciwg-1-cn-en.md"');
    assert.match(res.body, /^# China-U\.S\. Commercial and Trade Working Group Holds Inaugural/);
  });

  it('docx and pdf are attachments with their media types', async () => {
    const docx = await get(`${READOUT}?side=us&lang=en&format=docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(
      docx.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.equal(docx.headers['content-disposition'], 'attachment; filename="us-cn-ciwg-1-us-en.docx"');
    assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');

    const pdf = await get(`${READOUT}?side=cn&lang=zh&format=pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], 'attachment; filename="us-cn-ciwg-1-cn-zh.pdf"');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('is in the OpenAPI document with its query and media types', async () => {
    const spec = (await get('/api/openapi.json')).json() as {
      paths: Record<
        string,
        { get: { parameters: { name: string }[]; responses: Record<string, { content: object }> } }
      >;
    };
    const op = spec.paths['/api/v1/dialogues/{key}/meetings/{number}/readout']?.get;
    assert.ok(op);
    assert.deepEqual(op.parameters.map((p) => p.name).sort(), ['format', 'key', 'lang', 'number', 'side']);
    assert.ok(Object.keys(op.responses['200']!.content).includes('application/pdf'));
  });
});

describe('readout errors', () => {
  it('404 for an unknown meeting, dialogue or side', async () => {
    const meeting = await get('/api/v1/dialogues/us-cn-ciwg/meetings/9/readout?side=us');
    assert.equal(meeting.statusCode, 404);
    assert.equal(meeting.json().error.code, 'not-found');
    assert.equal(meeting.json().error.message, 'No meeting "us-cn-ciwg/9" was found.');
    assert.equal((await get('/api/v1/dialogues/nope/meetings/1/readout?side=us')).statusCode, 404);
    assert.equal((await get(`${READOUT}?side=eu`)).statusCode, 404);
  });

  it('400 for a bad lang, format, side or meeting number', async () => {
    for (const query of ['side=us&lang=fr', 'side=us&format=rtf', 'lang=en', 'side=US%20side']) {
      const res = await get(`${READOUT}?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.code, 'validation-failed');
    }
    const lang = (await get(`${READOUT}?side=us&lang=fr`)).json();
    assert.match(lang.error.message, /\/querystring\/lang/);
    assert.equal((await get('/api/v1/dialogues/us-cn-ciwg/meetings/zero/readout?side=us')).statusCode, 400);
  });

  it('409 no-account for a side with no account of the meeting', async () => {
    const res = await get(`${READOUT}?side=joint&format=pdf`);
    assert.equal(res.statusCode, 409);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(res.json().error.code, 'no-account');
    assert.match(res.json().error.message, /no joint statement on record/);
  });
});
