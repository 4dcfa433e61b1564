/** The CLI's conventions: exit codes, usage errors, output streams. */
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
/** Invalid input: a bad bundle, an unknown dialogue, a refused operation. */
export const EXIT_INVALID = 1;
/** Wrong usage: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /**
   * Reading and writing a file named on the command line. When a server runs
   * the command for another `parley` process, that process does it, from its
   * own working folder. Left out, the file system of this process is used.
   */
  readFile?: (file: string) => Promise<Buffer>;
  writeFile?: (file: string, data: string | Uint8Array) => Promise<void>;
}

/** Reads a file named on the command line (see Io.readFile). */
export function readInputFile(io: Io, file: string): Promise<Buffer> {
  return io.readFile ? io.readFile(file) : fs.promises.readFile(file);
}

/** Why a file named on the command line could not be read, in words. */
export function readProblem(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Writes a file named on the command line (see Io.writeFile). */
export function writeOutputFile(io: Io, file: string, data: string | Uint8Array): Promise<void> {
  return io.writeFile ? io.writeFile(file, data) : fs.promises.writeFile(file, data);
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs that turns its errors into UsageErrors carrying the command's help. */
export function parse<T extends Options>(args: string[], options: T, help: string) {
  try {
    return parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'), help);
  }
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

/** A command's arguments as parse returns them: its options (and --help) in values, the rest in positionals. */
export type ParsedArgs<T extends Options> = ReturnType<typeof parse<T>>;

/**
 * A command whose arguments are parsed (with --help, -h) before it runs: a
 * wrong option is a UsageError, and --help prints the help and exits 0, so
 * `run` sees only what it has to act on.
 */
export function defineCommand<T extends Options = Record<never, never>>(spec: {
  name: string;
  summary: string;
  help: string;
  options?: T;
  run(args: ParsedArgs<T>, io: Io): Promise<number>;
}): Command {
  const { name, summary, help, options } = spec;
  return {
    name,
    summary,
    help,
    async run(args, io) {
      const parsed = parse(args, options ?? ({} as T), help);
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout(help);
        return EXIT_OK;
      }
      return spec.run(parsed, io);
    },
  };
}

/** The UsageError for a subcommand of `command` that is missing or unknown; `expected` names the subcommands. */
export function subcommandError(command: string, sub: string | undefined, expected: string, help: string): UsageError {
  return new UsageError(sub ? `Unknown subcommand "${command} ${sub}".` : `Missing subcommand: ${expected}.`, help);
}
