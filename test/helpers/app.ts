/** An app on a fresh test database, optionally with the demo dialogue loaded. */
import type { FastifyInstance } from 'fastify';
import { importBundleText } from '../../src/bundle/import.js';
import { readDemoBundle } from '../../src/demo/demo.js';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import { isReachable } from '../../src/storage/db.js';
import { createUserStore } from '../../src/storage/user.repository.js';
import { argon2Hasher } from '../../src/storage/passwords.js';
import { createDemoUsers } from '../../src/demo/demo-users.js';
import type { AuthDeps } from '../../src/domain/auth/auth.service.js';
import { testDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  auth: AuthDeps;
  t: TestDatabase;
  close(): Promise<void>;
}

export async function testApp(
  options: { demo?: boolean; webRoot?: string; reports?: AppDeps['reports'] } = {},
): Promise<TestApp> {
  const t = await testDatabase();
  if (options.demo !== false) await importBundleText(t.store, readDemoBundle());
  const auth = { users: createUserStore(t.db), passwords: argon2Hasher };
  if (options.demo !== false) await createDemoUsers(auth);
  const app = await buildApp({
    store: t.store,
    auth,
    engine: t.engine,
    isReachable: () => isReachable(t.db),
    installationName: 'Parley test',
    version: '0.0.0-test',
    webRoot: options.webRoot,
    reports: options.reports,
  });
  await app.ready();
  return {
    app,
    auth,
    t,
    async close() {
      await app.close();
      await t.close();
    },
  };
}
