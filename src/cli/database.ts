/** Opening the configured database from a CLI command. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { loadConfig, type Config } from '../config.js';
import type { Store } from '../domain/ports.js';
import { openConfiguredDatabase } from '../http/server.js';
import type { DatabaseHandle } from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { createStore } from '../storage/store.js';

/** A database a server already holds open, lent to the commands it runs for its control socket. */
export interface AttachedDatabase {
  handle: DatabaseHandle;
  store: Store;
  config: Config;
}

// Async-local rather than a parameter, so that each command keeps calling
// withDatabase unchanged, and commands run at once for several callers each
// see their own context.
const attached = new AsyncLocalStorage<AttachedDatabase>();

/** Runs `fn` so that withDatabase inside it uses `database` instead of opening one. */
export function runAttached<T>(database: AttachedDatabase, fn: () => Promise<T>): Promise<T> {
  return attached.run(database, fn);
}

/** The database lent by the server this command runs in, if it runs in one. */
export function attachedDatabase(): AttachedDatabase | undefined {
  return attached.getStore();
}

/**
 * Runs `fn` with the database open (and migrated, unless told not to), closing
 * it whatever happens. Inside a server (runAttached), it uses the server's
 * database, which the server migrated when it started and closes itself.
 */
export async function withDatabase<T>(
  command: string,
  fn: (ctx: { handle: DatabaseHandle; store: Store; config: Config }) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const lent = attached.getStore();
  if (lent) return fn(lent);
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config, command);
  try {
    if (options.migrate !== false) await migrate(handle.db);
    return await fn({ handle, store: createStore(handle.db), config });
  } finally {
    await handle.close();
  }
}
