import type { OutboxStatus } from '../../domain/mail/outbox.js';
import { withDatabase } from '../database.js';
import { EXIT_OK, UsageError, defineCommand, subcommandError } from '../io.js';

const help = `Usage: parley mail list [--status pending|sent|failed] [--limit N]
       parley mail retry (ID... | --failed)

E-mail to reporters waits in the outbox until the server sends it over SMTP
(SMTP_URL and MAIL_FROM set). Without SMTP_URL it stays there, listed here.

  list    messages, newest first: id, status, attempts, when next tried
          (or sent), kind, report, recipient, subject and the last error
  retry   puts messages given up (failed) back in the queue, due now,
          with their attempts counted from zero`;

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mailCommand = defineCommand({
  name: 'mail',
  summary: 'list the e-mail outbox, retry messages given up',
  help,
  options: { status: { type: 'string' }, limit: { type: 'string' }, failed: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [sub, ...rest] = positionals;
    if (sub === 'list') {
      if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`, help);
      const status = values.status as OutboxStatus | undefined;
      if (status !== undefined && !STATUSES.includes(status)) {
        throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`, help);
      }
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new UsageError('--limit must be a whole number from 1 to 10000.', help);
      }
      return withDatabase('parley mail list', async ({ store }) => {
        const items = await store.outbox.list({ status }, limit);
        if (items.length === 0) {
          io.stdout(status ? `No ${status} e-mail.` : 'The outbox is empty.');
          return EXIT_OK;
        }
        for (const m of items) {
          const when =
            m.status === 'sent' ? `sent ${m.sentAt}` : m.status === 'pending' ? `next ${m.nextAttemptAt}` : 'given up';
          io.stdout(
            [
              m.id,
              m.status,
              `attempts ${m.attempts}`,
              when,
              m.kind,
              m.recordKey ?? '-',
              m.to,
              m.subject,
              ...(m.lastError ? [`last error: ${m.lastError}`] : []),
            ].join('\t'),
          );
        }
        return EXIT_OK;
      });
    }
    if (sub === 'retry') {
      if (values.failed === true && rest.length > 0) {
        throw new UsageError('Give message ids or --failed, not both.', help);
      }
      if (values.failed !== true && rest.length === 0)
        throw new UsageError('Which messages? Give ids or --failed.', help);
      const bad = rest.find((id) => !UUID.test(id));
      if (bad !== undefined) throw new UsageError(`"${bad}" is not a message id (see parley mail list).`, help);
      return withDatabase('parley mail retry', async ({ store }) => {
        const n = await store.outbox.retry(values.failed === true ? 'all-failed' : rest, new Date());
        io.stdout(`${n} message${n === 1 ? '' : 's'} queued again.`);
        return EXIT_OK;
      });
    }
    throw subcommandError('mail', sub, 'list or retry', help);
  },
});
