/**
 * A real SMTP server for tests (smtp-server on a free port of this machine):
 * it takes what a client sends, signs it in with a user and password, can be
 * told to refuse recipients or messages, and keeps every message it accepted,
 * decoded (RFC 2047 headers, base64 and quoted-printable bodies in UTF-8) so
 * that tests read the text a person would read.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  /** The message as it came over the wire. */
  raw: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
  /** The user who signed in, if any. */
  user?: string;
}

export interface Refusal {
  code: number;
  message: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Answers RCPT TO with this refusal while it returns one. */
  refuseRecipient?: (address: string) => Refusal | undefined;
  /** Answers the end of DATA with this refusal while it returns one. */
  refuseMessage?: (mail: ReceivedMail) => Refusal | undefined;
  /** Resolves when `n` messages have been accepted in all. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const USER = 'parley';
const PASSWORD = 'smtp-test-password';

function refusal(r: Refusal): Error {
  return Object.assign(new Error(r.message), { responseCode: r.code });
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), joining adjacent ones. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      if (!/^utf-?8$/i.test(charset)) throw new Error(`unexpected charset ${charset}`);
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    });
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (enc === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (enc === 'quoted-printable') {
    bytes = Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  } else bytes = Buffer.from(body, 'latin1');
  // fatal: mojibake (bytes that are not UTF-8) fails the test instead of passing as replacement characters.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n/g, '\n');
}

/** Splits a single-part message into its headers (unfolded, names lower-cased) and decoded text. */
export function parseMail(raw: string): { headers: Map<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  if (!/^text\/plain/i.test(contentType) || !/charset="?utf-8/i.test(contentType)) {
    throw new Error(`expected a single text/plain part in UTF-8, got ${contentType}`);
  }
  return {
    headers,
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: decodeBody(raw.slice(split + 4), headers.get('content-transfer-encoding')).replace(/\n$/, ''),
  };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  // Filled in once the server listens; the server's hooks read the refusals set on it meanwhile.
  const t = {} as TestSmtp;
  const server = new SMTPServer({
    // No TLS on this test port: the client signs in over plain text, which only a test server allows.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid user or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const r = t.refuseRecipient?.(address.address);
      callback(r ? refusal(r) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        let mail: ReceivedMail;
        try {
          mail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((a) => a.address),
            raw,
            ...parseMail(raw),
            user: typeof session.user === 'string' ? session.user : undefined,
          };
        } catch (err) {
          callback(
            refusal({ code: 554, message: `test server could not read the message: ${(err as Error).message}` }),
          );
          return;
        }
        const r = t.refuseMessage?.(mail);
        if (r) {
          callback(refusal(r));
          return;
        }
        received.push(mail);
        for (const w of waiters.filter((x) => received.length >= x.n)) w.resolve();
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  Object.assign(t, {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    port,
    received,
    waitFor(n, timeoutMs = 10_000) {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${n} e-mails, got ${received.length} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies TestSmtp);
  return t;
}
