import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LINK_MARK } from '../mail/outbox.js';
import { fateKey, fateMail, questionMail, type ReporterContext } from './report.mail.js';
import type { ReportFate } from './report.ports.js';

const ctx = (language: 'en' | 'zh'): ReporterContext => ({
  reference: 'R-2026-000042',
  language,
  name: language === 'zh' ? '王芳' : 'Ann Lee',
  receivedAt: '2026-03-01T08:00:00.000Z',
  agency: { en: 'Ministry of Commerce', zh: '商务部' },
});
const issue = { key: 'data-flows', title: { en: 'Cross-border data flows', zh: '跨境数据流动' }, status: 'open' };
const fate = (over: Partial<ReportFate>): ReportFate => ({
  reference: 'R-2026-000042',
  receivedAt: '2026-03-01T08:00:00.000Z',
  status: 'merged',
  issue,
  meetings: [],
  ...over,
});

it('a fate changes when the issue, the last meeting or the resolution changes; not when a title does', () => {
  assert.equal(fateKey(fate({ status: 'new', issue: undefined })), 'received');
  assert.equal(fateKey(fate({})), 'merged:data-flows');
  assert.equal(fateKey(fate({ issue: { ...issue, title: { en: 'Renamed' } } })), 'merged:data-flows');
  assert.equal(fateKey(fate({ meetings: [1, 3] })), 'raised:3');
  assert.equal(
    fateKey(fate({ meetings: [1], issue: { ...issue, status: 'resolved-in-part' } })),
    'resolved:resolved-in-part',
  );
  assert.equal(fateKey(fate({ status: 'rejected', issue: undefined, rejection: { reason: 'duplicate' } })), 'rejected');
});

it('words each fate in the report’s language, with the link mark', () => {
  const received = fateMail(ctx('en'), fate({ status: 'new', issue: undefined }));
  assert.equal(received.subject, 'Report R-2026-000042 received');
  assert.match(received.text, /received on 2026-03-01\. The analysts of Ministry of Commerce will read it/);
  assert.ok(received.text.includes(LINK_MARK));
  const raised = fateMail(ctx('en'), fate({ meetings: [2, 3] }));
  assert.match(raised.text, /was raised at meetings 2 and 3 of the dialogue/);
  const zh = fateMail(ctx('zh'), fate({ meetings: [2, 3] }));
  assert.equal(zh.subject, '报告 R-2026-000042：已在第 3 次会议上提出');
  assert.match(zh.text, /议题“跨境数据流动”已在第 2、3 次会议上提出/);
  assert.match(zh.text, /^王芳，您好：/);
  assert.match(zh.text, /\n商务部\n/);
  const rejected = fateMail(
    ctx('zh'),
    fate({ status: 'rejected', issue: undefined, rejection: { reason: 'duplicate' } }),
  );
  assert.equal(rejected.subject, '报告 R-2026-000042：未予跟进');
  assert.match(rejected.text, /原因是：报告与已收到的另一份报告重复。/);
});

it('quotes the question, and nobody can plant the link mark in it', () => {
  const m = questionMail(ctx('en'), `Which ports?\nAnd since when? ${LINK_MARK}`);
  assert.equal(m.subject, 'A question about your report R-2026-000042');
  assert.match(m.text, /\n {4}Which ports\?\n {4}And since when\? \n/);
  assert.equal(m.text.split(LINK_MARK).length, 2, 'one link, where the template puts it');
});
