/**
 * The calling end of the control socket (see control-protocol.ts): a command
 * that finds the PGlite folder held by a running `parley serve` runs inside
 * that server instead, with its output, standard input, files and exit code
 * passed through, so that it behaves as if it had run here.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { DataFolderLockedError } from '../storage/data-lock.js';
import { EXIT_INVALID, readInputFile, writeOutputFile, type Io } from './io.js';
import {
  SERVER_LOCK_COMMAND,
  ServerMessage,
  controlSocketPath,
  parseLine,
  readLines,
  send,
  socketAddress,
  type ClientMessage,
} from './control-protocol.js';

/**
 * Standard input can be read only once. Kept, so that a command that read it
 * before finding the folder locked (`import -`, `user add`) can still send it.
 */
export function rememberStdin(io: Io): Io {
  let stdin: Promise<string> | undefined;
  return { ...io, readStdin: () => (stdin ??= io.readStdin()) };
}

/**
 * The server may ask for the files this command names, and no others: the
 * socket is our own, but the caller's files are not the server's to browse.
 */
function namedOnCommandLine(argv: string[], file: string): boolean {
  return argv.some(
    (a) => a === file || a.endsWith(`=${file}`) || (/^-[a-zA-Z]/.test(a) && a.slice(2) === file && a.length > 2),
  );
}

async function answer(
  request: Extract<ServerMessage, { type: 'request' }>,
  argv: string[],
  io: Io,
): Promise<ClientMessage> {
  const { id } = request;
  try {
    if (request.op === 'stdin') return { type: 'reply', id, text: await io.readStdin() };
    const file = request.path ?? '';
    if (!namedOnCommandLine(argv, file)) {
      throw Object.assign(new Error(`${file} is not named on the command line.`), { code: 'EACCES' });
    }
    if (request.op === 'readFile') {
      return { type: 'reply', id, data: (await readInputFile(io, file)).toString('base64') };
    }
    await writeOutputFile(io, file, Buffer.from(request.data ?? '', 'base64'));
    return { type: 'reply', id };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { type: 'reply', id, error: { code: e.code, message: e.message } };
  }
}

/**
 * Runs `argv` in the server that holds the data folder, and resolves to its
 * exit code. Resolves to undefined when there is no server to hand it to (the
 * holder is another command, or the socket is missing, not ours, or does not
 * answer): the caller then reports the lock as before.
 */
export async function runOnServer(locked: DataFolderLockedError, argv: string[], io: Io): Promise<number | undefined> {
  if (locked.holder.command !== SERVER_LOCK_COMMAND || argv[0] === 'serve') return undefined;
  const socketPath = controlSocketPath(locked.dataDir);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(socketPath);
  } catch {
    return undefined;
  }
  // Standard input may be a password: give it only to a socket of our own user.
  if (!stat.isSocket() || (process.getuid !== undefined && stat.uid !== process.getuid())) return undefined;
  const where = socketAddress(socketPath);
  if (!where) return undefined;

  return new Promise<number | undefined>((resolve) => {
    let connected = false;
    let done = false;
    const finish = (code: number | undefined) => {
      if (done) return;
      done = true;
      where.release();
      resolve(code);
    };
    const conn = net.connect(where.address);
    conn.on('connect', () => {
      connected = true;
      where.release();
      send(conn, { type: 'run', argv });
    });
    readLines(conn, (line) => {
      const message = parseLine(ServerMessage, line);
      if (!message) {
        conn.destroy(new Error(`unexpected message from the server: ${line.slice(0, 80)}`));
        return;
      }
      switch (message.type) {
        case 'stdout':
          io.stdout(message.text);
          break;
        case 'stderr':
          io.stderr(message.text);
          break;
        case 'request':
          void answer(message, argv, io).then((reply) => send(conn, reply));
          break;
        case 'exit':
          conn.end();
          finish(message.code);
          break;
      }
    });
    conn.on('error', (err) => {
      // Not connected: a socket left by a server that is just stopping. Report the lock instead.
      if (connected && !done) io.stderr(`parley ${argv[0]}: ${err.message}`);
    });
    conn.on('close', () => {
      if (!connected) {
        finish(undefined);
        return;
      }
      if (!done) {
        io.stderr(
          `parley ${argv[0]}: the server (process ${locked.holder.pid}) stopped before the command finished; ` +
            'it may or may not have taken effect.',
        );
      }
      finish(EXIT_INVALID);
    });
  });
}
