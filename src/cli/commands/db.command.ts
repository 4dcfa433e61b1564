import { characterTypeWarning } from '../../storage/db.js';
import { migrate, migrationStatus } from '../../storage/migrate.js';
import { withDatabase } from '../database.js';
import { EXIT_INVALID, EXIT_OK, UsageError, parse, type Command } from '../io.js';

const help = `Usage: parley db <migrate|status>

  migrate   apply the pending migrations (forward only)
  status    list every migration and whether it is applied

The database is the PGlite folder PARLEY_DATA_DIR (default ./data), or the
PostgreSQL server at DATABASE_URL when it is set.`;

export const dbCommand: Command = {
  name: 'db',
  summary: 'apply migrations, or list them with their state',
  help,
  async run(args, io) {
    const { positionals, values } = parse(args, {}, help);
    if (values.help) {
      io.stdout(help);
      return EXIT_OK;
    }
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`, help);
    if (sub === 'migrate') {
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
    throw new UsageError(sub ? `Unknown subcommand "db ${sub}".` : 'Missing subcommand: migrate or status.', help);
  },
};
