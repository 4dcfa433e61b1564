/**
 * `parley`: the command line. Each command is in commands/; this file picks
 * one, and maps errors to exit codes: 0 done, 1 invalid input, 2 wrong usage.
 */
import { ConfigError } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { DataFolderLockedError } from '../storage/data-lock.js';
import { MigrationError } from '../storage/migrate.js';
import { dbCommand } from './commands/db.command.js';
import { demoCommand } from './commands/demo.command.js';
import { exportCommand } from './commands/export.command.js';
import { importCommand } from './commands/import.command.js';
import { readoutCommand } from './commands/readout.command.js';
import { serveCommand } from './commands/serve.command.js';
import { userCommand } from './commands/user.command.js';
import { tokenCommand } from './commands/token.command.js';
import { auditCommand } from './commands/audit.command.js';
import { meetingCommand } from './commands/meeting.command.js';
import { outcomeCommand } from './commands/outcome.command.js';
import { taxonomyCommand } from './commands/taxonomy.command.js';
import { searchCommand } from './commands/search.command.js';
import { mailCommand } from './commands/mail.command.js';
import { runAttached, type AttachedDatabase } from './database.js';
import { rememberStdin, runOnServer } from './remote.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, processIo, type Command, type Io } from './io.js';
import { PARLEY_VERSION } from '../version.js';

export const COMMANDS: Command[] = [
  serveCommand,
  dbCommand,
  importCommand,
  exportCommand,
  demoCommand,
  readoutCommand,
  userCommand,
  tokenCommand,
  auditCommand,
  meetingCommand,
  outcomeCommand,
  taxonomyCommand,
  searchCommand,
  mailCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: parley <command> [options]',
    '',
    'Parley keeps the record of bilateral commercial dialogues between governments.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "parley <command> --help" for a command\'s options.',
  ].join('\n');
}

export interface RunOptions {
  /** The database of the server this runs in (its control socket): commands use it instead of opening one. */
  database?: AttachedDatabase;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: Io = processIo, options: RunOptions = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(mainHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(PARLEY_VERSION);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`parley: unknown command "${name}".\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  const { database } = options;
  const local = database ? io : rememberStdin(io);
  try {
    return database ? await runAttached(database, () => command.run(rest, io)) : await command.run(rest, local);
  } catch (err) {
    // A running server holds the PGlite folder: run the command there instead.
    if (err instanceof DataFolderLockedError && !database) {
      const code = await runOnServer(err, argv, local);
      if (code !== undefined) return code;
    }
    if (err instanceof UsageError) {
      io.stderr(`parley ${name}: ${err.message}\n\n${err.help}`);
      return EXIT_USAGE;
    }
    if (
      err instanceof DomainError ||
      err instanceof ConfigError ||
      err instanceof DataFolderLockedError ||
      err instanceof MigrationError
    ) {
      io.stderr(`parley ${name}: ${err.message}`);
      return EXIT_INVALID;
    }
    throw err;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/](parley(\.js)?|main\.ts)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`parley: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT_INVALID;
    },
  );
}
