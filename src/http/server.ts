/**
 * The server process: open the database (PGlite folder or PostgreSQL), apply
 * migrations, optionally load the demo, listen, and close cleanly on a signal.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Store } from '../domain/ports.js';
import { importBundleText } from '../bundle/import.js';
import { readDemoBundle } from '../demo/demo.js';
import {
  characterTypeWarning,
  isReachable,
  openDatabase,
  withStartupLock,
  type DatabaseHandle,
} from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { similarIndex } from '../storage/similar.repository.js';
import { createStore } from '../storage/store.js';
import { createUserStore } from '../storage/user.repository.js';
import { argon2Hasher } from '../storage/passwords.js';
import { createDemoUsers } from '../demo/demo-users.js';
import { publishDemoReadout } from '../demo/demo-readouts.js';
import { buildApp } from './app.js';
import { startOutboxWorker } from '../mail/smtp.js';
import { startSearchAlerts } from '../domain/search/saved.js';
import { PARLEY_VERSION } from '../version.js';

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface RunningServer {
  app: FastifyInstance;
  handle: DatabaseHandle;
  url: string;
  close(): Promise<void>;
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else the PGlite folder. */
export function openConfiguredDatabase(config: Config, command: string): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: path.join(config.dataDir), command });
}

/** Something started alongside the app, on its database, before it listens; closed before the database is. */
export interface ServerCompanion {
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: {
    demo: boolean;
    /** Starts what must be ready by the time the server answers (the CLI's control socket). */
    beforeListen?: (server: {
      app: FastifyInstance;
      handle: DatabaseHandle;
      store: Store;
    }) => Promise<ServerCompanion | undefined>;
  },
): Promise<RunningServer> {
  const handle = await openConfiguredDatabase(config, 'parley serve');
  let app: FastifyInstance | undefined;
  let companion: ServerCompanion | undefined;
  try {
    const store = createStore(handle.db);
    const auth = { users: createUserStore(handle.db), passwords: argon2Hasher };
    const demoLoaded = await withStartupLock(handle, async () => {
      await migrate(handle.db);
      if (!options.demo || !(await store.dialogues.isEmpty())) return false;
      await importBundleText(store, readDemoBundle());
      await createDemoUsers(auth);
      await publishDemoReadout(store);
      return true;
    });
    app = await buildApp(
      {
        store,
        auth,
        engine: handle.engine,
        isReachable: () => isReachable(handle.db),
        installationName: config.installationName,
        version: PARLEY_VERSION,
        webRoot: WEB_ROOT,
        oidc: config.oidc && { ...config.oidc, redirectUri: `${config.publicUrl}/api/v1/auth/oidc/callback` },
        reports: { side: config.side, attachmentLimits: config.attachmentLimits },
      },
      {
        level: config.logLevel,
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      },
    );
    if (demoLoaded) app.log.info('loaded the demo dialogue into the empty database');
    const ctypeWarning = await characterTypeWarning(handle);
    if (ctypeWarning) app.log.warn(ctypeWarning);
    if (config.side !== undefined && !(await store.reports.sides()).includes(config.side)) {
      app.log.warn(
        `PARLEY_SIDE=${config.side} is none of the sides on record: reports that do not say where they go are not sent to it`,
      );
    }
    companion = await options.beforeListen?.({ app, handle, store });
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info({ engine: handle.engine, location: handle.location }, `Parley is listening on ${address}`);
    // The features of similar reports and issues are read into memory now rather than at the first search.
    similarIndex(handle.db).then(
      (index) => app?.log.info(`similar reports and issues: ${index.size} records in the index`),
      (err: unknown) => app?.log.error({ err }, 'could not read the features of similar reports and issues'),
    );
    // E-mail leaves from here when SMTP is configured; otherwise it waits in the outbox (`parley mail list`).
    const mailer = config.mail
      ? startOutboxWorker(config.mail, { outbox: store.outbox, origin: config.publicUrl, log: app.log })
      : undefined;
    if (!mailer) app.log.info('SMTP_URL is not set: e-mail waits in the outbox (parley mail list)');
    // Saved searches' alerts: every few minutes, new matches go into the outbox (issue 7).
    const alerts = startSearchAlerts(store, { origin: config.publicUrl, log: app.log });
    const running = app;
    return {
      app: running,
      handle,
      url: address,
      async close() {
        await alerts.stop();
        await mailer?.stop();
        await companion?.close();
        await running.close();
        await handle.close();
      },
    };
  } catch (err) {
    await companion?.close();
    await app?.close();
    await handle.close();
    throw err;
  }
}
