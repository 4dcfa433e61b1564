/**
 * The only reader of process.env. Parsed once, validated, frozen; a bad value
 * stops the process with a message that names the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './shared/attachments.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number from 1 to 65535' })
    .int({ error: 'must be a whole number from 1 to 65535' })
    .min(1, { error: 'must be a whole number from 1 to 65535' })
    .max(65535, { error: 'must be a whole number from 1 to 65535' })
    .default(8080),
  HOST: z.string().min(1).default('localhost'),
  PARLEY_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' })
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PARLEY_INSTALLATION_NAME: z.string().min(1).default('Parley'),
  PARLEY_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .refine((u) => !URL.canParse(u) || (new URL(u).search === '' && new URL(u).hash === ''), {
      error: 'must have no ?query or #fragment',
    })
    .optional(),
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'must be a URL (https://…)' })
    // Tokens from an issuer reached over plain HTTP could be forged on the way; allow that only on this machine.
    .refine((u) => !URL.canParse(u) || new URL(u).protocol === 'https:' || isLoopback(new URL(u).hostname), {
      error: 'must be an https:// URL (http:// only for localhost)',
    })
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .refine((u) => URL.canParse(u) && /^smtps?:$/.test(new URL(u).protocol) && new URL(u).hostname !== '', {
      error: 'must be an smtp:// or smtps:// URL with a host, such as smtps://user:password@mail.example.org:465',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
      error: 'must be an e-mail address, or a name and an address: Parley <parley@example.org>',
    })
    .optional(),
  PARLEY_SIDE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be a side key, such as us or cn' })
    .optional(),
  PARLEY_ATTACHMENT_MAX_MB: positive('a number of megabytes greater than 0', 1024).optional(),
  PARLEY_ATTACHMENT_MAX_FILES: positive('a whole number from 1 to 100', 100, true).optional(),
  PARLEY_ATTACHMENT_MAX_TOTAL_MB: positive('a number of megabytes greater than 0', 1024).optional(),
});

function positive(error: string, max: number, int = false) {
  const n = z.coerce.number({ error }).positive({ error }).max(max, { error });
  return int ? n.int({ error }) : n;
}

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Whether a URL's host is this machine: the only place a plain-HTTP identity provider is acceptable. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  installationName: string;
  /** Where browsers reach Parley (no trailing slash): the base of the single sign-on redirect URI. */
  publicUrl: string;
  /** Single sign-on with OpenID Connect; undefined when not configured. */
  oidc: Readonly<{ issuer: string; clientId: string; clientSecret: string }> | undefined;
  /** E-mail through the outbox (SMTP_URL, MAIL_FROM); undefined when not configured: messages stay queued. */
  mail: Readonly<{ smtpUrl: string; from: string }> | undefined;
  /** The side this installation serves: where a report goes when its reporter does not say. */
  side: string | undefined;
  /** Files of a problem report: per file, per report, and in number. */
  attachmentLimits: Readonly<AttachmentLimits>;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A variable's value as an error message may show it: SMTP_URL without its password. */
function shown(name: string, env: Record<string, string | undefined>): string | undefined {
  const value = env[name];
  return name === 'SMTP_URL' && value !== undefined ? value.replace(/^([^:/]*:\/\/[^:@/]*:)[^@/]*@/, '$1***@') : value;
}

/** Parses the given environment (default: process.env) into a frozen Config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  // Single sign-on needs all three variables: a partial set is a mistake, not a wish to run without it.
  const oidcGiven = OIDC_VARIABLES.filter((v) => cleaned[v] !== undefined);
  const oidcMissing =
    oidcGiven.length > 0 && oidcGiven.length < OIDC_VARIABLES.length
      ? OIDC_VARIABLES.filter((v) => cleaned[v] === undefined).map(
          (v) => `${v}: missing; single sign-on needs ${OIDC_VARIABLES.join(', ')} (${oidcGiven.join(', ')} set)`,
        )
      : [];
  // Sending e-mail needs a sender: the address the reporters see and may write back to.
  const mailMissing =
    cleaned.SMTP_URL !== undefined && cleaned.MAIL_FROM === undefined
      ? ['MAIL_FROM: missing; sending e-mail (SMTP_URL is set) needs the sender, such as Parley <parley@example.org>']
      : [];
  if (!parsed.success || oidcMissing.length > 0 || mailMissing.length > 0) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues).map(
        (i) => `${String(i.path[0])}: ${i.message} (got ${JSON.stringify(shown(String(i.path[0]), cleaned))})`,
      ),
      ...oidcMissing,
      ...mailMissing,
    ]);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.PARLEY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    installationName: e.PARLEY_INSTALLATION_NAME,
    publicUrl: (e.PARLEY_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? Object.freeze({ issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET })
        : undefined,
    mail: e.SMTP_URL && e.MAIL_FROM ? Object.freeze({ smtpUrl: e.SMTP_URL, from: e.MAIL_FROM }) : undefined,
    side: e.PARLEY_SIDE,
    attachmentLimits: Object.freeze({
      maxFileBytes: megabytes(e.PARLEY_ATTACHMENT_MAX_MB) ?? DEFAULT_ATTACHMENT_LIMITS.maxFileBytes,
      maxFiles: e.PARLEY_ATTACHMENT_MAX_FILES ?? DEFAULT_ATTACHMENT_LIMITS.maxFiles,
      maxTotalBytes: megabytes(e.PARLEY_ATTACHMENT_MAX_TOTAL_MB) ?? DEFAULT_ATTACHMENT_LIMITS.maxTotalBytes,
    }),
  });
}

const megabytes = (mb: number | undefined) => (mb === undefined ? undefined : Math.round(mb * 1024 * 1024));
