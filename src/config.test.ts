import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

it('applies defaults when nothing is configured', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.dataDir, path.resolve('data'));
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.publicUrl, 'http://localhost:8080');
  assert.equal(c.oidc, undefined);
  assert.ok(Object.isFrozen(c));
});

it('reads every variable', () => {
  const c = loadConfig({
    PORT: '9000',
    PARLEY_DATA_DIR: '/var/lib/parley',
    DATABASE_URL: 'postgres://u@db:5432/parley',
    LOG_LEVEL: 'warn',
    PARLEY_INSTALLATION_NAME: 'Parley (ITA)',
    PARLEY_PUBLIC_URL: 'https://parley.example.gov/',
    OIDC_ISSUER: 'https://login.example.gov/realms/ita',
    OIDC_CLIENT_ID: 'parley',
    OIDC_CLIENT_SECRET: 's3cret',
    SMTP_URL: 'smtps://parley:pw@mail.example.gov:465',
    MAIL_FROM: 'Parley <parley@example.gov>',
    PARLEY_SIDE: 'us',
    PARLEY_ATTACHMENT_MAX_MB: '2.5',
    PARLEY_ATTACHMENT_MAX_FILES: '3',
    PARLEY_ATTACHMENT_MAX_TOTAL_MB: '6',
  });
  assert.deepEqual(
    { ...c },
    {
      port: 9000,
      host: 'localhost',
      dataDir: '/var/lib/parley',
      databaseUrl: 'postgres://u@db:5432/parley',
      logLevel: 'warn',
      installationName: 'Parley (ITA)',
      publicUrl: 'https://parley.example.gov',
      oidc: { issuer: 'https://login.example.gov/realms/ita', clientId: 'parley', clientSecret: 's3cret' },
      mail: { smtpUrl: 'smtps://parley:pw@mail.example.gov:465', from: 'Parley <parley@example.gov>' },
      side: 'us',
      attachmentLimits: { maxFileBytes: 2.5 * 1024 * 1024, maxFiles: 3, maxTotalBytes: 6 * 1024 * 1024 },
    },
  );
});

it('names each bad variable and what it expected', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 3);
      assert.match(err.message, /PORT: must be a whole number from 1 to 65535 \(got "eighty"\)/);
      assert.match(err.message, /DATABASE_URL: must start with postgres:\/\//);
      assert.match(err.message, /LOG_LEVEL: must be one of fatal, error, warn, info/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
});

it('treats an empty variable as unset', () => {
  assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
});

it('derives the public URL from PORT when PARLEY_PUBLIC_URL is unset', () => {
  assert.equal(loadConfig({ PORT: '9000' }).publicUrl, 'http://localhost:9000');
  assert.throws(() => loadConfig({ PARLEY_PUBLIC_URL: 'parley.example.gov' }), /PARLEY_PUBLIC_URL: must be an http/);
});

it('wants all three single sign-on variables or none, and names the missing ones', () => {
  assert.throws(
    () => loadConfig({ OIDC_ISSUER: 'https://login.example.gov', OIDC_CLIENT_SECRET: 's3cret' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 1);
      assert.match(err.message, /OIDC_CLIENT_ID: missing; single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID/);
      // The secret itself never appears in the message.
      assert.doesNotMatch(err.message, /s3cret/);
      return true;
    },
  );
  assert.throws(
    () => loadConfig({ OIDC_CLIENT_ID: 'parley' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(
        err.problems.map((p) => p.split(':')[0]),
        ['OIDC_ISSUER', 'OIDC_CLIENT_SECRET'],
      );
      return true;
    },
  );
  assert.equal(loadConfig({ OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '' }).oidc, undefined);
});

it('wants the issuer to be a URL, over HTTPS unless it is on this machine', () => {
  const rest = { OIDC_CLIENT_ID: 'parley', OIDC_CLIENT_SECRET: 's3cret' };
  assert.throws(() => loadConfig({ ...rest, OIDC_ISSUER: 'login.example.gov' }), /OIDC_ISSUER: must be a URL/);
  assert.throws(
    () => loadConfig({ ...rest, OIDC_ISSUER: 'http://login.example.gov' }),
    /OIDC_ISSUER: must be an https:\/\/ URL \(http:\/\/ only for localhost\)/,
  );
  assert.equal(loadConfig({ ...rest, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer, 'http://127.0.0.1:4000');
  assert.equal(loadConfig({ ...rest, OIDC_ISSUER: 'http://localhost:4000' }).oidc?.issuer, 'http://localhost:4000');
});

it('has default attachment limits and refuses nonsense ones, naming the variable', () => {
  const c = loadConfig({});
  assert.equal(c.side, undefined);
  assert.deepEqual(c.attachmentLimits, {
    maxFileBytes: 10 * 1024 * 1024,
    maxFiles: 5,
    maxTotalBytes: 25 * 1024 * 1024,
  });
  assert.throws(
    () => loadConfig({ PARLEY_ATTACHMENT_MAX_FILES: '2.5' }),
    /PARLEY_ATTACHMENT_MAX_FILES: a whole number/,
  );
  assert.throws(() => loadConfig({ PARLEY_ATTACHMENT_MAX_MB: '0' }), /PARLEY_ATTACHMENT_MAX_MB: a number of megabytes/);
  assert.throws(() => loadConfig({ PARLEY_SIDE: 'United States' }), /PARLEY_SIDE: must be a side key/);
});

it('sends e-mail only with SMTP_URL and MAIL_FROM, checks both, and never prints the SMTP password', () => {
  assert.equal(loadConfig({}).mail, undefined);
  assert.deepEqual(
    { ...loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'parley@example.gov' }).mail },
    { smtpUrl: 'smtp://127.0.0.1:2525', from: 'parley@example.gov' },
  );
  assert.throws(
    () => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }),
    /MAIL_FROM: missing; sending e-mail \(SMTP_URL is set\) needs the sender/,
  );
  assert.throws(
    () => loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example.gov', MAIL_FROM: 'parley@example.gov' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
      assert.match(err.message, /http:\/\/user:\*\*\*@mail/);
      assert.doesNotMatch(err.message, /hunter2/);
      return true;
    },
  );
  assert.throws(
    () => loadConfig({ SMTP_URL: 'smtp://mail.example.gov', MAIL_FROM: 'Parley' }),
    /MAIL_FROM: must be an e-mail address, or a name and an address/,
  );
});
