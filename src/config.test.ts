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
  assert.ok(Object.isFrozen(c));
});

it('reads every variable', () => {
  const c = loadConfig({
    PORT: '9000',
    PARLEY_DATA_DIR: '/var/lib/parley',
    DATABASE_URL: 'postgres://u@db:5432/parley',
    LOG_LEVEL: 'warn',
    PARLEY_INSTALLATION_NAME: 'Parley (ITA)',
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
