/** Opening the configured database from a CLI command. */
import { loadConfig, type Config } from '../config.js';
import type { Store } from '../domain/ports.js';
import { openConfiguredDatabase } from '../http/server.js';
import type { DatabaseHandle } from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { createStore } from '../storage/store.js';

/**
 * Runs `fn` with the database open (and migrated, unless told not to), closing
 * it whatever happens.
 */
export async function withDatabase<T>(
  command: string,
  fn: (ctx: { handle: DatabaseHandle; store: Store; config: Config }) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config, command);
  try {
    if (options.migrate !== false) await migrate(handle.db);
    return await fn({ handle, store: createStore(handle.db), config });
  } finally {
    await handle.close();
  }
}
