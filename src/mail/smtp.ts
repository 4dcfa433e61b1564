/**
 * The outbox's SMTP client: nodemailer over SMTP_URL (smtp:// with STARTTLS
 * when the server offers it, or smtps://; a user and password in the URL sign
 * in). A refusal of the recipient or the message with a 5xx answer is final;
 * any other failure is worth another try (see DeliveryError).
 */
import { createTransport } from 'nodemailer';
import {
  DeliveryError,
  startMailWorker,
  type MailLog,
  type MailTransport,
  type OutboxStore,
} from '../domain/mail/outbox.js';

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Whether an SMTP failure is final: a 5xx answer to the envelope (RCPT TO) or to the message (DATA). */
export function isPermanent(err: SmtpFailure): boolean {
  return (
    (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') &&
    typeof err.responseCode === 'number' &&
    err.responseCode >= 500 &&
    err.responseCode < 600
  );
}

export function createSmtpTransport(options: {
  url: string;
  from: string;
  /** Timeouts of one send, kept well inside the outbox's lease. */
  timeoutMs?: number;
}): MailTransport {
  const timeout = options.timeoutMs ?? 60_000;
  const transport = createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from: options.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          ...(m.html !== undefined ? { html: m.html } : {}),
        });
      } catch (err) {
        const e = err as SmtpFailure;
        const said = e.response ? ` (${e.response})` : '';
        throw new DeliveryError(
          `${e.message ?? String(err)}${said && !e.message?.includes(e.response!) ? said : ''}`,
          isPermanent(e),
        );
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * The worker of a server process: sends what the outbox holds over SMTP every
 * few seconds until stopped. Logs name messages by id and kind, never by
 * recipient.
 */
export function startOutboxWorker(
  mail: { smtpUrl: string; from: string },
  deps: { outbox: OutboxStore; origin: string; log: MailLog },
  options: { intervalMs?: number } = {},
): { stop(): Promise<void> } {
  const transport = createSmtpTransport({ url: mail.smtpUrl, from: mail.from });
  const worker = startMailWorker({ ...deps, transport }, options);
  return {
    async stop() {
      await worker.stop();
      await transport.close();
    },
  };
}
