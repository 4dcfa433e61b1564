/**
 * Issue 4: a `parley serve` process with SMTP_URL sends the outbox by itself:
 * a report posted to it is acknowledged by e-mail at the test's SMTP server,
 * with a status link on PARLEY_PUBLIC_URL that the server opens.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { cliStorage } from './helpers/cli.js';
import { startServerProcess, type ServerProcess } from './helpers/server.js';
import { startTestSmtp, type TestSmtp } from './helpers/smtp.js';

let smtp: TestSmtp;
let server: ServerProcess;
let storage: Awaited<ReturnType<typeof cliStorage>>;

before(async () => {
  smtp = await startTestSmtp();
  storage = await cliStorage();
  server = await startServerProcess(
    {
      ...storage.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Parley <parley@example.gov>',
      PARLEY_PUBLIC_URL: 'https://parley.example.gov',
    },
    ['--demo'],
  );
});
after(async () => {
  await server?.stop();
  await smtp?.close();
  await storage?.cleanup();
});

it('sends the acknowledgement of a report posted to it, with a link on its public URL', async () => {
  const res = await fetch(`${server.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      language: 'zh',
      organisation: { name: '宁波某光伏有限公司', kind: 'company' },
      contact: { name: '李明', email: 'li.ming@example.cn' },
      consent: { shareWithCounterpart: false, shareWithPublic: false },
      economy: 'CN',
      addressedTo: 'us',
      description: '光伏组件在海关被扣留数月。',
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { reference } = (await res.json()) as { reference: string };
  const [mail] = (await smtp.waitFor(1, 30_000)).filter((m) => m.to.includes('li.ming@example.cn'));
  assert.ok(mail, server.output());
  assert.equal(mail.subject, `报告 ${reference} 已收到`);
  const token = /https:\/\/parley\.example\.gov\/reports\/status\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  assert.ok(token, mail.text);
  const status = await fetch(`${server.url}/api/v1/reports/status/${token}`);
  assert.equal(status.status, 200);
  assert.equal(((await status.json()) as { reference: string }).reference, reference);
  assert.doesNotMatch(server.output(), /smtp-test-password/, 'the SMTP password is never logged');
});
