/**
 * E-mail through an outbox. A change that should tell someone something
 * writes a message into the outbox in its own transaction (so that a
 * rolled-back change sends nothing); a worker in the server process claims
 * the messages that are due, sends them over SMTP, and marks them sent, or
 * schedules another try with exponential backoff, giving up after a number of
 * attempts. Claims skip rows another worker holds (`FOR UPDATE SKIP LOCKED`)
 * and lease them for a while, so that two servers on one database never send
 * a message twice while both are running.
 */

export const MAIL_LANGUAGES = ['en', 'zh'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/**
 * Stands in a message's text where its secret link goes. The link (a path
 * such as a report's status link) is stored beside the message, put in when
 * the message is sent with the installation's public URL in front, and
 * forgotten once the message is sent (a message given up keeps it, so that
 * it can be retried whole).
 */
export const LINK_MARK = '{{link}}';

/** A message to queue. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  language: MailLanguage;
  /** What the message is, for people reading the queue: `report.received`, `report.question`… */
  kind: string;
  /** The record it is about. */
  record?: { kind: string; id: string; key?: string };
  /** The path that replaces LINK_MARK in the text when it is sent. */
  link?: string;
}

/** A message a worker has claimed: it is leased to that worker until marked. */
export interface ClaimedMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  link?: string;
  kind: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** The claim that marking must present (a worker whose lease ran out cannot mark). */
  claim: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A message as the queue lists it (no body, no link). */
export interface OutboxSummary {
  id: string;
  to: string;
  subject: string;
  kind: string;
  recordKey?: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}

export interface OutboxStore {
  /**
   * Claims up to `limit` pending messages due at `now`, skipping rows that
   * another transaction holds; each counts one more attempt and is leased
   * until `now + leaseMs` (no other worker claims it meanwhile).
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Marks a message sent and forgets its link. False when the claim was lost. */
  markSent(id: string, claim: string, at: Date): Promise<boolean>;
  /** Schedules another attempt at `next`, recording why this one failed. */
  markRetry(id: string, claim: string, next: Date, error: string): Promise<boolean>;
  /** Gives up on a message, recording why. */
  markFailed(id: string, claim: string, error: string): Promise<boolean>;
  /** The queue, newest first. */
  list(filter: { status?: OutboxStatus }, limit: number): Promise<OutboxSummary[]>;
  /** Puts failed messages (those given, or all) back in the queue, due now, with their attempts reset. */
  retry(ids: string[] | 'all-failed', now: Date): Promise<number>;
}

/** What an SMTP client offers the worker. */
export interface MailTransport {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * A failed send. `permanent` when the server refused the recipient or the
 * message for good (a 5xx answer to RCPT TO or DATA): trying again would get
 * the same answer. Anything else (a 4xx answer, a connection or sign-in
 * problem) is worth another try.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface RetryPolicy {
  /** Delay before the second attempt; doubles with each failure. */
  baseMs: number;
  /** The longest delay between attempts. */
  capMs: number;
  /** Attempts before a message is given up (status `failed`). */
  maxAttempts: number;
  /** How long a claimed message is held by the worker sending it. */
  leaseMs: number;
}

/** 1 min, 2, 4, … 4 h; ten attempts over about eight hours; a send may take up to 5 min. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  baseMs: 60_000,
  capMs: 4 * 60 * 60_000,
  maxAttempts: 10,
  leaseMs: 5 * 60_000,
});

/** The wait after the `attempts`-th failed attempt: base × 2^(attempts−1), capped. */
export function backoffMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** The text as sent: the link mark replaced by the full link (or a note that it is gone). */
export function withLink(text: string, link: string | undefined, origin: string): string {
  return text.split(LINK_MARK).join(link === undefined ? '(link no longer available)' : `${origin}${link}`);
}

export interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DeliveryDeps {
  outbox: OutboxStore;
  transport: MailTransport;
  /** Put in front of a message's link: the installation's public URL, without a trailing slash. */
  origin: string;
  log?: MailLog;
  now?: () => Date;
  policy?: RetryPolicy;
}

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends what is due, one batch after another until nothing is due (or
 * `maxBatches` batches were sent). Each message ends sent, scheduled for
 * another try, or given up.
 */
export async function deliverDue(
  deps: DeliveryDeps,
  options: { batch?: number; maxBatches?: number } = {},
): Promise<DeliveryCounts> {
  const policy = deps.policy ?? DEFAULT_RETRY;
  const now = deps.now ?? (() => new Date());
  const batch = options.batch ?? 20;
  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
  for (let round = 0; round < (options.maxBatches ?? 50); round++) {
    const claimed = await deps.outbox.claimDue(now(), batch, policy.leaseMs);
    for (const m of claimed) {
      try {
        await deps.transport.send({
          to: m.to,
          subject: m.subject,
          text: withLink(m.text, m.link, deps.origin),
          html: m.html === undefined ? undefined : withLink(m.html, m.link, deps.origin),
        });
        await deps.outbox.markSent(m.id, m.claim, now());
        counts.sent++;
        deps.log?.info({ mail: m.id, kind: m.kind, attempts: m.attempts }, 'e-mail sent');
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const permanent = err instanceof DeliveryError && err.permanent;
        if (permanent || m.attempts >= policy.maxAttempts) {
          await deps.outbox.markFailed(m.id, m.claim, message);
          counts.failed++;
          deps.log?.error(
            { mail: m.id, kind: m.kind, attempts: m.attempts, error: message },
            permanent ? 'e-mail refused for good; given up' : `e-mail not sent after ${m.attempts} attempts; given up`,
          );
        } else {
          const wait = backoffMs(m.attempts, policy);
          await deps.outbox.markRetry(m.id, m.claim, new Date(now().getTime() + wait), message);
          counts.retried++;
          deps.log?.warn(
            { mail: m.id, kind: m.kind, attempts: m.attempts, error: message, retryInMs: wait },
            'e-mail not sent; will try again',
          );
        }
      }
    }
    if (claimed.length < batch) break;
  }
  return counts;
}

export interface MailWorker {
  /** Stops polling and waits for the messages being sent. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox every `intervalMs` and sends what is due. A failing round
 * (the database unreachable) is logged and the next one tried as usual.
 */
export function startMailWorker(deps: DeliveryDeps, options: { intervalMs?: number } = {}): MailWorker {
  const interval = options.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Rounds run one after another, never two at once: a tick chains onto the round before it.
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    if (stopped) return;
    try {
      await deliverDue(deps);
    } catch (err) {
      deps.log?.error({ error: err instanceof Error ? err.message : String(err) }, 'the e-mail worker failed a round');
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  function tick() {
    running = running.then(round);
    void running.then(() => schedule(interval));
  }
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
