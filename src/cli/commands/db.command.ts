import { characterTypeWarning } from '../../storage/db.js';
import { migrate, migrationStatus } from '../../storage/migrate.js';
import { attachedDatabase, withDatabase } from '../database.js';
import { EXIT_INVALID, EXIT_OK, UsageError, defineCommand, subcommandError } from '../io.js';

const help = `Usage: parley db <migrate|status>

  migrate   apply the pending migrations (forward only)
  status    list every migration and whether it is applied

The database is the PGlite folder PARLEY_DATA_DIR (default ./data), or the
PostgreSQL server at DATABASE_URL when it is set.`;

export const dbCommand = defineCommand({
  name: 'db',
  summary: 'apply migrations, or list them with their state',
  help,
  async run({ positionals }, io) {
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`, help);
    if (sub === 'migrate') {
      const server = attachedDatabase();
      if (server) {
        // A server migrates when it starts and runs on that schema: it does not
        // change the schema under itself; newly installed migrations wait for a restart.
        const waiting = (await migrationStatus(server.handle.db)).filter((s) => s.state !== 'applied');
        if (waiting.length === 0) {
          io.stdout(
            `The server running on ${server.handle.location} applied the migrations when it started: the database is up to date.`,
          );
          return EXIT_OK;
        }
        io.stderr(
          `The server running on ${server.handle.location} applies migrations only when it starts, and ` +
            `${waiting.map((s) => `${s.version} ${s.name} (${s.state})`).join(', ')} ${waiting.length === 1 ? 'is' : 'are'} not applied: restart it.`,
        );
        return EXIT_INVALID;
      }
      return withDatabase(
        'parley db migrate',
        async ({ handle }) => {
          const applied = await migrate(handle.db);
          io.stdout(
            applied.length === 0
              ? `The database (${handle.location}) is up to date.`
              : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}.`,
          );
          return EXIT_OK;
        },
        { migrate: false },
      );
    }
    if (sub === 'status') {
      return withDatabase(
        'parley db status',
        async ({ handle }) => {
          const status = await migrationStatus(handle.db);
          io.stdout(`Database: ${handle.engine} (${handle.location})`);
          const warning = await characterTypeWarning(handle);
          if (warning) io.stderr(`Warning: ${warning}`);
          for (const s of status) {
            io.stdout(`${s.version}  ${s.name.padEnd(32)} ${s.state}${s.appliedAt ? `  ${s.appliedAt}` : ''}`);
          }
          const bad = status.filter((s) => s.state === 'changed' || s.state === 'unknown');
          return bad.length > 0 ? EXIT_INVALID : EXIT_OK;
        },
        { migrate: false },
      );
    }
    throw subcommandError('db', sub, 'migrate or status', help);
  },
});
