/**
 * The only reader of process.env. Parsed once, validated, frozen; a bad value
 * stops the process with a message that names the variable.
 */
import path from 'node:path';
import { z } from 'zod';

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
});

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
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
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
  if (!parsed.success || oidcMissing.length > 0) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues).map(
        (i) => `${String(i.path[0])}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`,
      ),
      ...oidcMissing,
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
  });
}
