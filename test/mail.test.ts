/**
 * Issue 4: e-mail to reporters through the outbox, delivered over SMTP to a
 * real SMTP server started here; status changes, retries with backoff, two
 * workers, rollback, and asking the reporter a question.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { exportBundle } from '../src/bundle/export.js';
import { runCli } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { loadConfig } from '../src/config.js';
import { demoEmail } from '../src/demo/demo-users.js';
import { SYSTEM_VIEWER } from '../src/domain/access/viewer.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import {
  DEFAULT_RETRY,
  deliverDue,
  type DeliveryDeps,
  type MailLog,
  type OutboxStore,
} from '../src/domain/mail/outbox.js';
import { createSmtpTransport } from '../src/mail/smtp.js';
import { createBundleStore } from '../src/storage/bundle.repository.js';
import { openDatabase } from '../src/storage/db.js';
import { createOutboxStore, enqueueMail } from '../src/storage/outbox.repository.js';
import { testApp, type TestApp } from './helpers/app.js';
import { inject, signInDemo, type Caller } from './helpers/session.js';
import { testEngine } from './helpers/db.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from './helpers/smtp.js';

const ORIGIN = 'https://parley.example.gov';
const FROM = 'Parley <parley@example.gov>';

let h: TestApp;
let smtp: TestSmtp;
const callers: Record<string, Caller> = {};

const zhReport = {
  language: 'zh',
  organisation: { name: '上海某云计算有限公司', kind: 'company' },
  contact: { name: '王芳', email: 'wang.fang@example.cn' },
  consent: { shareWithCounterpart: false, shareWithPublic: false },
  economy: 'CN',
  addressedTo: 'us',
  description: '我们无法将客户数据传回总部，跨境数据流动的审批要求不明确。',
};
const enReport = {
  ...zhReport,
  language: 'en',
  organisation: { name: 'Acme Cloud', kind: 'company' },
  contact: { name: 'Ann Lee', email: 'ann.lee@acme.example' },
  description: 'Security assessments for cross-border data transfers take more than six months.',
};

async function file(body: Record<string, unknown>): Promise<{ reference: string; statusUrl: string }> {
  const res = await inject(h.app, undefined, 'POST', '/api/v1/reports', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { reference: string; statusUrl: string };
}

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  body_text: string;
  language: string;
  kind: string;
  record_key: string | null;
  link: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
}
const outboxOf = async (reference: string) =>
  (await sql<OutboxRow>`select * from outbox where record_key = ${reference} order by created_at, id`.execute(h.t.db))
    .rows;
const outboxCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from outbox`.execute(h.t.db)).rows[0]!.n);

const logged: { level: string; obj: object; msg: string }[] = [];
const log: MailLog = {
  info: (obj, msg) => logged.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => logged.push({ level: 'error', obj, msg }),
};

function worker(options: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    outbox: h.t.store.outbox,
    transport: createSmtpTransport({ url: smtp.url, from: FROM, timeoutMs: 10_000 }),
    origin: ORIGIN,
    log,
    ...options,
  };
}

/** Runs one worker over what is due at `at`; answers the e-mails the SMTP server accepted meanwhile. */
async function deliver(at = new Date(Date.now() + 1000), options: Partial<DeliveryDeps> = {}) {
  const before = smtp.received.length;
  const deps = worker({ now: () => at, ...options });
  const counts = await deliverDue(deps);
  await deps.transport.close();
  return { counts, mails: smtp.received.slice(before) };
}

const tokenIn = (text: string) => {
  const m = new RegExp(`${ORIGIN.replace(/\./g, '\\.')}/reports/status/([A-Za-z0-9_-]{43})`).exec(text);
  assert.ok(m, `no status link in:\n${text}`);
  return m[1]!;
};

const mailTo = (mails: ReceivedMail[], address: string, reference: string) => {
  const found = mails.filter((m) => m.to.includes(address) && m.subject.includes(reference));
  assert.equal(
    found.length,
    1,
    `one e-mail to ${address} about ${reference}: ${mails.map((m) => m.subject).join(' | ')}`,
  );
  return found[0]!;
};

before(async () => {
  smtp = await startTestSmtp();
  h = await testApp();
  for (const side of ['us', 'cn']) {
    for (const role of ['analyst', 'lead', 'public-affairs'])
      callers[`${side}-${role}`] = await signInDemo(h.app, side, role);
  }
  // An issue of the U.S. side, into which reports are merged.
  const res = await inject(h.app, callers['us-lead'], 'POST', '/api/v1/dialogues/us-cn-ciwg/issues', {
    key: 'cloud-data-export',
    title: { en: 'Cross-border data flows for cloud providers', zh: '云服务商的跨境数据流动' },
    raisedBy: 'us',
    respondent: 'cn',
    category: 'digital-trade',
    // Shared with the respondent, which records its view of whether it is resolved.
    visibility: 'shared',
  });
  assert.equal(res.statusCode, 201, res.body);
  // Whatever the demo set up is sent first, so each test sees only its own mail.
  await deliver();
});
after(async () => {
  await h?.close();
  await smtp?.close();
});

describe('the acknowledgement', () => {
  it('a Chinese report gets a Chinese e-mail over SMTP, signed in, with a status link that works', async () => {
    const r = await file(zhReport);
    const queued = await outboxOf(r.reference);
    assert.equal(queued.length, 1);
    assert.equal(queued[0]!.status, 'pending');
    assert.equal(queued[0]!.kind, 'report.received');
    assert.equal(queued[0]!.language, 'zh');
    assert.ok(queued[0]!.link, 'the link waits beside the message');
    assert.ok(!queued[0]!.body_text.includes(queued[0]!.link!), 'and is not in the stored text');

    const { counts, mails } = await deliver();
    assert.equal(counts.sent, 1);
    const mail = mailTo(mails, 'wang.fang@example.cn', r.reference);
    assert.equal(mail.user, 'parley', 'signed in with the user and password of SMTP_URL');
    assert.equal(mail.from, 'parley@example.gov');
    assert.match(mail.headers.get('from')!, /parley@example\.gov/);
    // Decoded text, not mojibake: the subject is an encoded word in UTF-8 and the body decodes strictly.
    assert.match(mail.headers.get('subject')!, /=\?UTF-8\?/i);
    assert.equal(mail.subject, `报告 ${r.reference} 已收到`);
    assert.match(mail.text, /^王芳，您好：/);
    assert.match(mail.text, new RegExp(`感谢您提交报告 ${r.reference}`));
    assert.match(mail.text, /美国商务部国际贸易管理局的分析人员将进行审阅/);
    assert.ok(!/[\x80-\xff]/.test(mail.raw.split('\r\n\r\n')[0]!), 'headers are 7-bit');

    // The link in the e-mail opens the report's status, as the one given at submission does.
    const token = tokenIn(mail.text);
    assert.notEqual(`/api/v1/reports/status/${token}`, r.statusUrl, 'a link of its own');
    const status = await inject(h.app, undefined, 'GET', `/api/v1/reports/status/${token}`);
    assert.equal(status.statusCode, 200, status.body);
    assert.deepEqual(status.json(), { ...(await inject(h.app, undefined, 'GET', r.statusUrl)).json() });
    assert.equal((status.json() as { reference: string }).reference, r.reference);

    const sent = (await outboxOf(r.reference))[0]!;
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    assert.ok(sent.sent_at);
    assert.equal(sent.link, null, 'the link is forgotten once sent');
    const hashes = await sql<{ n: string }>`select count(*) as n from report_links where token_hash = ${token}`.execute(
      h.t.db,
    );
    assert.equal(hashes.rows[0]!.n, '0', 'only the hash of the token is stored');
  });

  it('an English report gets an English e-mail', async () => {
    const r = await file(enReport);
    const { mails } = await deliver();
    const mail = mailTo(mails, 'ann.lee@acme.example', r.reference);
    assert.equal(mail.subject, `Report ${r.reference} received`);
    assert.match(mail.text, /^Dear Ann Lee,/);
    assert.match(
      mail.text,
      /The analysts of International Trade Administration, U\.S\. Department of Commerce will read it/,
    );
    tokenIn(mail.text);
  });
});

describe('status changes', () => {
  it('merging, raising at a meeting and resolving each send one e-mail, in the report’s language', async () => {
    const r = await file(zhReport);
    await deliver();
    const merge = await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/issues/cloud-data-export/reports', {
      reports: [r.reference],
    });
    assert.equal(merge.statusCode, 200, merge.body);
    let { mails } = await deliver();
    let mail = mailTo(mails, 'wang.fang@example.cn', r.reference);
    assert.equal(mail.subject, `报告 ${r.reference}：已并入议题`);
    assert.match(mail.text, /已并入议题“云服务商的跨境数据流动”/);
    const token = tokenIn(mail.text);
    assert.equal(
      ((await inject(h.app, undefined, 'GET', `/api/v1/reports/status/${token}`)).json() as { status: string }).status,
      'merged',
    );

    // Raised at meeting 2: the U.S. account of a new meeting raises the issue.
    const meeting = await inject(h.app, callers['us-lead'], 'POST', '/api/v1/dialogues/us-cn-ciwg/meetings', {
      key: 'ciwg-2',
      number: 2,
      date: '2026-09-15',
      format: 'video',
      chairs: [],
      participants: [],
    });
    assert.equal(meeting.statusCode, 201, meeting.body);
    const account = await inject(
      h.app,
      callers['us-lead'],
      'PUT',
      '/api/v1/dialogues/us-cn-ciwg/meetings/2/accounts/us',
      {
        raised: [{ by: 'us', issue: 'cloud-data-export', stance: 'concern' }],
        outcomes: [],
      },
    );
    assert.equal(account.statusCode, 200, account.body);
    ({ mails } = await deliver());
    mail = mailTo(mails, 'wang.fang@example.cn', r.reference);
    assert.equal(mail.subject, `报告 ${r.reference}：已在第 2 次会议上提出`);
    assert.match(mail.text, /议题“云服务商的跨境数据流动”已在第 2 次会议上提出/);

    // A change that does not change the fate (the issue's summary) sends nothing.
    const before = await outboxCount();
    const issue = await inject(
      h.app,
      callers['us-lead'],
      'GET',
      '/api/v1/dialogues/us-cn-ciwg/issues/cloud-data-export',
    );
    const edit = await inject(
      h.app,
      callers['us-lead'],
      'PATCH',
      '/api/v1/dialogues/us-cn-ciwg/issues/cloud-data-export',
      { summary: { en: 'Data export approvals take months.' } },
      { 'if-match': `"${(issue.json() as { version: number }).version}"` },
    );
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(await outboxCount(), before);

    // Resolved in part (the raising side's word), then resolved (both sides).
    const resolve = (side: string) =>
      inject(h.app, callers[`${side}-lead`], 'POST', '/api/v1/dialogues/us-cn-ciwg/issues/cloud-data-export/resolve', {
        resolved: true,
        reason: 'The rules were published.',
      });
    assert.equal((await resolve('us')).statusCode, 200);
    ({ mails } = await deliver());
    mail = mailTo(mails, 'wang.fang@example.cn', r.reference);
    assert.equal(mail.subject, `报告 ${r.reference}：议题已部分解决`);
    assert.equal((await resolve('cn')).statusCode, 200);
    ({ mails } = await deliver());
    mail = mailTo(mails, 'wang.fang@example.cn', r.reference);
    assert.equal(mail.subject, `报告 ${r.reference}：议题已解决`);
    assert.match(mail.text, /现已记录为已解决/);
    assert.deepEqual(
      (await outboxOf(r.reference)).map((m) => m.kind),
      ['report.received', 'report.merged', 'report.raised', 'report.resolved', 'report.resolved'],
    );
  });

  it('rejecting sends the reason in the reporter’s words, not the analyst’s note', async () => {
    const r = await file(enReport);
    await deliver();
    const res = await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/reports/${r.reference}/reject`, {
      reason: 'out-of-scope',
      note: 'Internal: belongs to another forum.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const { mails } = await deliver();
    const mail = mailTo(mails, 'ann.lee@acme.example', r.reference);
    assert.equal(mail.subject, `Report ${r.reference}: not taken forward`);
    assert.match(mail.text, /will not be taken forward: it falls outside the scope of this dialogue\./);
    assert.doesNotMatch(mail.text, /another forum/);
  });

  it('a rolled-back change queues nothing', async () => {
    const a = await file(enReport);
    const b = await file(enReport);
    await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/reports/${b.reference}/reject`, {
      reason: 'duplicate',
    });
    const before = await outboxCount();
    // The second report changed meanwhile: the merge of both fails after the first was merged, and rolls back.
    const issue = (await h.t.store.reports.ownIssues('us', 'cloud-data-export'))[0]!;
    await assert.rejects(
      h.t.store.reports.merge(SYSTEM_ACTOR, 'us', issue, [a.reference, b.reference]),
      /changed while it was being merged/,
    );
    assert.equal(await outboxCount(), before);
    assert.deepEqual(
      (await outboxOf(a.reference)).map((m) => m.kind),
      ['report.received'],
    );

    // An issue resolved in a transaction that then fails: the e-mail is queued inside it, and gone with it.
    const c = await file(enReport);
    assert.equal(
      (
        await inject(h.app, callers['us-analyst'], 'POST', '/api/v1/issues/cross-border-data-flows/reports', {
          reports: [c.reference],
        })
      ).statusCode,
      200,
    );
    const queued = await outboxCount();
    const bundle = await exportBundle(h.t.store, SYSTEM_VIEWER, 'us-cn-ciwg');
    const changed = {
      ...bundle,
      issues: bundle.issues.map((i) =>
        i.key === 'cross-border-data-flows' ? { ...i, status: 'resolved' as const } : i,
      ),
    };
    let inside = 0;
    await assert.rejects(
      h.t.db.transaction().execute(async (tx) => {
        await createBundleStore(tx).write(changed, SYSTEM_ACTOR);
        inside = Number(
          (await sql<{ n: string }>`select count(*) as n from outbox where record_key = ${c.reference}`.execute(tx))
            .rows[0]!.n,
        );
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await outboxCount(), queued);
    assert.deepEqual(
      (await outboxOf(c.reference)).map((m) => m.kind),
      ['report.received', 'report.raised'],
    );
    assert.equal(inside, 3, 'the resolution queued an e-mail inside the transaction');
  });
});

describe('the worker', () => {
  it('retries after the SMTP server refuses, with exponential backoff, then delivers once', async () => {
    await deliver();
    const r = await file({ ...enReport, contact: { name: 'Ray Try', email: 'retry@acme.example' } });
    let refusals = 0;
    smtp.refuseRecipient = (address) =>
      address === 'retry@acme.example' && refusals++ < 2
        ? { code: 451, message: 'Mailbox busy, try later' }
        : undefined;
    try {
      const t0 = new Date(Date.now() + 1000);
      let run = await deliver(t0);
      assert.deepEqual(run.counts, { sent: 0, retried: 1, failed: 0 });
      let row = (await outboxOf(r.reference))[0]!;
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error!, /451/);
      assert.equal(row.next_attempt_at.getTime() - t0.getTime(), 60_000, 'first retry after one minute');
      assert.ok(
        logged.some((l) => l.level === 'warn' && (l.obj as { mail?: string }).mail === row.id),
        'the failure is logged',
      );

      // Not due yet: nothing happens.
      run = await deliver(new Date(t0.getTime() + 30_000));
      assert.deepEqual(run.counts, { sent: 0, retried: 0, failed: 0 });

      const t1 = new Date(t0.getTime() + 60_000);
      run = await deliver(t1);
      assert.deepEqual(run.counts, { sent: 0, retried: 1, failed: 0 });
      row = (await outboxOf(r.reference))[0]!;
      assert.equal(row.attempts, 2);
      assert.equal(row.next_attempt_at.getTime() - t1.getTime(), 120_000, 'then after two');

      run = await deliver(new Date(t1.getTime() + 120_000));
      assert.deepEqual(run.counts, { sent: 1, retried: 0, failed: 0 });
      assert.equal(run.mails.length, 1);
      mailTo(run.mails, 'retry@acme.example', r.reference);
      row = (await outboxOf(r.reference))[0]!;
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 3);
      assert.equal(smtp.received.filter((m) => m.to.includes('retry@acme.example')).length, 1, 'delivered once');
    } finally {
      smtp.refuseRecipient = undefined;
    }
  });

  it('gives up after the last attempt, and at once on a permanent refusal; parley mail retry queues them again', async () => {
    const gone = await file({ ...enReport, contact: { name: 'No One', email: 'nobody@acme.example' } });
    const busy = await file({ ...enReport, contact: { name: 'Busy Bee', email: 'busy@acme.example' } });
    smtp.refuseRecipient = (address) =>
      address === 'nobody@acme.example'
        ? { code: 550, message: 'No such user' }
        : address === 'busy@acme.example'
          ? { code: 452, message: 'Mailbox full' }
          : undefined;
    const policy = { ...DEFAULT_RETRY, maxAttempts: 3 };
    try {
      let at = new Date(Date.now() + 1000);
      for (let i = 0; i < 3; i++) {
        await deliver(at, { policy });
        at = new Date(at.getTime() + 10 * 60_000);
      }
      const [g] = await outboxOf(gone.reference);
      assert.equal(g!.status, 'failed');
      assert.equal(g!.attempts, 1, 'a 5xx refusal of the recipient is final');
      assert.match(g!.last_error!, /550/);
      const [b] = await outboxOf(busy.reference);
      assert.equal(b!.status, 'failed');
      assert.equal(b!.attempts, 3, 'given up after the last attempt');
      assert.ok(logged.some((l) => l.level === 'error' && (l.obj as { mail?: string }).mail === b!.id));
      assert.ok(b!.link, 'a message given up keeps its link, to be retried whole');
    } finally {
      smtp.refuseRecipient = undefined;
    }

    const out: string[] = [];
    const io: Io = { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), readStdin: async () => '' };
    const database = { handle: h.t, store: h.t.store, config: loadConfig({}) };
    assert.equal(await runCli(['mail', 'list', '--status', 'failed'], io, { database }), 0);
    const listed = out.join('\n');
    assert.match(
      listed,
      new RegExp(`failed\\tattempts 1\\tgiven up\\treport\\.received\\t${gone.reference}\\tnobody@acme\\.example`),
    );
    assert.match(listed, /last error: .*550/);
    assert.doesNotMatch(listed, /\/reports\/status\//, 'never a status link');
    out.length = 0;
    assert.equal(await runCli(['mail', 'retry', 'not-an-id'], io, { database }), 2);
    out.length = 0;
    assert.equal(await runCli(['mail', 'retry', '--failed'], io, { database }), 0);
    assert.match(out.join('\n'), /^2 messages queued again\./);
    const { mails } = await deliver(new Date(Date.now() + 1000));
    const again = mailTo(mails, 'busy@acme.example', busy.reference);
    tokenIn(again.text);
    assert.equal((await outboxOf(busy.reference))[0]!.status, 'sent');
  });

  it('two workers on one database never send a message twice', async () => {
    const second =
      testEngine === 'postgres' ? await openDatabase({ engine: 'postgres', url: h.t.url!, max: 4 }) : undefined;
    try {
      const run = `twice-${Date.now()}`;
      for (let i = 0; i < 30; i++) {
        await enqueueMail(h.t.db, {
          to: `w${i}@acme.example`,
          subject: `${run} ${i}`,
          text: `Message ${i}`,
          language: 'en',
          kind: 'test',
        });
      }
      const outboxes: OutboxStore[] = [h.t.store.outbox, second ? createOutboxStore(second.db) : h.t.store.outbox];
      const deps = outboxes.map((outbox) => worker({ outbox }));
      const counts = await Promise.all(deps.map((d) => deliverDue(d, { batch: 3 })));
      await Promise.all(deps.map((d) => d.transport.close()));
      const subjects = smtp.received.filter((m) => m.subject.startsWith(run)).map((m) => m.subject);
      assert.equal(subjects.length, 30);
      assert.equal(new Set(subjects).size, 30, 'each message once');
      assert.equal(counts[0]!.sent + counts[1]!.sent, 30);
    } finally {
      await second?.close();
    }
  });

  it('a claimed message is leased: no other claim takes it until the lease ends, and a stale claim cannot mark it', async () => {
    const id = await enqueueMail(h.t.db, {
      to: 'lease@acme.example',
      subject: 'lease',
      text: 'x',
      language: 'en',
      kind: 'test',
    });
    const outbox = h.t.store.outbox;
    const t0 = new Date(Date.now() + 1000);
    const first = (await outbox.claimDue(t0, 100, 60_000)).find((m) => m.id === id);
    assert.ok(first);
    assert.equal(
      (await outbox.claimDue(new Date(t0.getTime() + 59_000), 100, 60_000)).find((m) => m.id === id),
      undefined,
    );
    const second = (await outbox.claimDue(new Date(t0.getTime() + 61_000), 100, 60_000)).find((m) => m.id === id);
    assert.ok(second, 'a worker that died does not hold a message for ever');
    assert.equal(second.attempts, 2);
    assert.equal(await outbox.markSent(id, first.claim, new Date()), false, 'the stale claim');
    assert.equal(await outbox.markSent(id, second.claim, new Date()), true);
  });

  it('skips a row another transaction holds, without waiting for it (FOR UPDATE SKIP LOCKED)', async (t) => {
    if (testEngine !== 'postgres') {
      t.skip('PGlite has one connection: no second transaction can hold a row meanwhile');
      return;
    }
    const held = await enqueueMail(h.t.db, {
      to: 'held@acme.example',
      subject: 'held',
      text: 'x',
      language: 'en',
      kind: 'test',
    });
    const free = await enqueueMail(h.t.db, {
      to: 'free@acme.example',
      subject: 'free',
      text: 'x',
      language: 'en',
      kind: 'test',
    });
    const other = new pg.Client({ connectionString: h.t.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from outbox where id = $1 for update', [held]);
      const claimed = await Promise.race([
        h.t.store.outbox.claimDue(new Date(Date.now() + 1000), 100, 60_000),
        new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('the claim waited for the lock')), 5000)),
      ]);
      assert.ok(claimed.some((m) => m.id === free));
      assert.ok(!claimed.some((m) => m.id === held));
    } finally {
      await other.query('rollback');
      await other.end();
    }
  });
});

describe('asking the reporter a question', () => {
  let r: { reference: string; statusUrl: string };
  let question: { id: string; question: string };
  let token: string;
  before(async () => {
    r = await file(zhReport);
    await deliver();
  });

  it('the analyst asks; the reporter gets it by e-mail in Chinese, with a link', async () => {
    const res = await inject(h.app, callers['us-analyst'], 'POST', `/api/v1/reports/${r.reference}/questions`, {
      question: '请问贵公司每年受影响的数据量大约是多少？',
    });
    assert.equal(res.statusCode, 201, res.body);
    question = res.json() as { id: string; question: string };
    assert.equal(question.question, '请问贵公司每年受影响的数据量大约是多少？');
    const { mails } = await deliver();
    const mail = mailTo(mails, 'wang.fang@example.cn', r.reference);
    assert.equal(mail.subject, `关于您的报告 ${r.reference} 的问题`);
    assert.match(mail.text, /请问贵公司每年受影响的数据量大约是多少？/);
    token = tokenIn(mail.text);
    const audit = await sql<{ action: string; actor: string }>`select action, actor from audit_log
      where record_key = ${r.reference} order by position`.execute(h.t.db);
    assert.deepEqual(
      audit.rows.map((a) => a.action),
      ['report.receive', 'report.ask'],
    );
    assert.equal(audit.rows[1]!.actor, demoEmail('us', 'analyst'));
  });

  it('the status page shows the open question, not who asked', async () => {
    const status = (await inject(h.app, undefined, 'GET', `/api/v1/reports/status/${token}`)).json() as {
      questions: Record<string, unknown>[];
    };
    assert.equal(status.questions.length, 1);
    assert.deepEqual(Object.keys(status.questions[0]!).sort(), ['askedAt', 'id', 'question']);
  });

  it('the reporter answers through the link; the answer lands on the report, audited; once only', async () => {
    const bad = await inject(h.app, undefined, 'POST', `/api/v1/reports/status/${token}/answers`, {
      question: question.id,
      answer: '   ',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      (bad.json() as { error: { details: { problems: { pointer: string }[] } } }).error.details.problems.map(
        (p) => p.pointer,
      ),
      ['/body/answer'],
    );
    const res = await inject(h.app, undefined, 'POST', `/api/v1/reports/status/${token}/answers`, {
      question: question.id,
      answer: '每年约 20 TB。',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { items: { answer?: string }[] }).items[0]!.answer, '每年约 20 TB。');

    const seen = await inject(h.app, callers['us-lead'], 'GET', `/api/v1/reports/${r.reference}/questions`);
    assert.equal(seen.statusCode, 200);
    const items = (
      seen.json() as { items: { question: string; answer?: string; askedBy: string; answeredAt?: string }[] }
    ).items;
    assert.equal(items.length, 1);
    assert.equal(items[0]!.answer, '每年约 20 TB。');
    assert.equal(items[0]!.askedBy, demoEmail('us', 'analyst'));
    assert.ok(items[0]!.answeredAt);

    const again = await inject(h.app, undefined, 'POST', r.statusUrl.replace(/$/, '/answers'), {
      question: question.id,
      answer: '改为 30 TB。',
    });
    assert.equal(again.statusCode, 409, 'the link given at submission opens it too, and an answer stays');
    const audit = await sql<{ action: string; after: unknown }>`select action, after from audit_log
      where record_key = ${r.reference} order by position`.execute(h.t.db);
    assert.deepEqual(
      audit.rows.map((a) => a.action),
      ['report.receive', 'report.ask', 'report.answer'],
    );
    await assert.rejects(
      sql`update report_questions set answer = 'changed' where id = ${question.id}`.execute(h.t.db),
      /cannot be changed/,
    );
  });

  it('the other side, other roles and the public can neither see nor ask nor answer', async () => {
    const url = `/api/v1/reports/${r.reference}/questions`;
    const before = await outboxCount();
    assert.equal(
      (await inject(h.app, callers['cn-analyst'], 'POST', url, { question: 'Who are you?' })).statusCode,
      404,
    );
    assert.equal((await inject(h.app, callers['cn-lead'], 'GET', url)).statusCode, 404);
    assert.equal((await inject(h.app, callers['us-public-affairs'], 'POST', url, { question: 'Hi?' })).statusCode, 403);
    assert.equal((await inject(h.app, callers['us-public-affairs'], 'GET', url)).statusCode, 403);
    assert.equal((await inject(h.app, undefined, 'POST', url, { question: 'Hi?' })).statusCode, 401);
    assert.equal((await inject(h.app, undefined, 'GET', url)).statusCode, 401);
    assert.equal(await outboxCount(), before, 'no e-mail from a refused question');

    // Another report's link does not open this report's question; a made-up link opens nothing.
    const other = await file(enReport);
    const otherToken = other.statusUrl.split('/').pop()!;
    const res = await inject(h.app, undefined, 'POST', `/api/v1/reports/status/${otherToken}/answers`, {
      question: question.id,
      answer: 'Not mine.',
    });
    assert.equal(res.statusCode, 404);
    assert.equal(
      (
        await inject(h.app, undefined, 'POST', `/api/v1/reports/status/${'A'.repeat(43)}/answers`, {
          question: question.id,
          answer: 'x',
        })
      ).statusCode,
      404,
    );
    const otherStatus = (await inject(h.app, undefined, 'GET', other.statusUrl)).json() as { questions: unknown[] };
    assert.deepEqual(otherStatus.questions, []);
  });
});
