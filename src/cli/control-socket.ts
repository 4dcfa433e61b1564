/**
 * The server's end of the control socket (see control-protocol.ts): runs
 * `parley` commands for other processes of the folder's owner, on the
 * database this server already holds open. It is a separate listener, not a
 * route of the public app: it is reachable only through the file system.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { AttachedDatabase } from './database.js';
import { EXIT_INVALID, type Io } from './io.js';
import { runCli } from './main.js';
import { ClientMessage, controlSocketPath, parseLine, readLines, send, socketAddress } from './control-protocol.js';

export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

/** How long closing waits for commands still running before it cuts them off. */
const CLOSE_GRACE_MS = 10_000;

interface Pending {
  resolve: (reply: Extract<ClientMessage, { type: 'reply' }>) => void;
  reject: (err: Error) => void;
}

function replyError(reply: Extract<ClientMessage, { type: 'reply' }>): Error | undefined {
  if (!reply.error) return undefined;
  // Keep the errno code: commands word their messages on it (ENOENT → "no such file").
  return Object.assign(new Error(reply.error.message), { code: reply.error.code });
}

/**
 * Listens on <dataDir>/parley.sock. The caller must hold the data folder's
 * lock: that is what makes any socket file already there a leftover of a
 * server that crashed, safe to replace.
 */
export async function startControlSocket(options: {
  dataDir: string;
  database: AttachedDatabase;
  log: FastifyBaseLogger;
}): Promise<ControlSocket> {
  const { database, log } = options;
  const socketPath = controlSocketPath(options.dataDir);
  try {
    if (fs.lstatSync(socketPath).isSocket()) fs.unlinkSync(socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const where = socketAddress(socketPath);
  if (!where) throw new Error(`The path ${socketPath} is too long for a socket on this system.`);

  const connections = new Set<net.Socket>();
  const running = new Set<Promise<void>>();

  const server = net.createServer((conn) => {
    connections.add(conn);
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let started = false;
    const request = (op: 'stdin' | 'readFile' | 'writeFile', fields: { path?: string; data?: string } = {}) =>
      new Promise<Extract<ClientMessage, { type: 'reply' }>>((resolve, reject) => {
        if (conn.destroyed) {
          reject(new Error('The parley process that ran this command has gone.'));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send(conn, { type: 'request', id, op, ...fields });
      });
    let stdin: Promise<string> | undefined;
    const io: Io = {
      stdout: (text) => send(conn, { type: 'stdout', text }),
      stderr: (text) => send(conn, { type: 'stderr', text }),
      // Once only, as from a real standard input.
      readStdin: () => (stdin ??= request('stdin').then((r) => r.text ?? '')),
      async readFile(file) {
        const reply = await request('readFile', { path: file });
        const err = replyError(reply);
        if (err) throw err;
        return Buffer.from(reply.data ?? '', 'base64');
      },
      async writeFile(file, data) {
        const err = replyError(await request('writeFile', { path: file, data: Buffer.from(data).toString('base64') }));
        if (err) throw err;
      },
    };

    const run = async (argv: string[]) => {
      let code: number;
      if (argv[0] === 'serve') {
        io.stderr(`parley serve: a server already runs on ${database.handle.location} (process ${process.pid}).`);
        code = EXIT_INVALID;
      } else {
        try {
          code = await runCli(argv, io, { database });
        } catch (err) {
          io.stderr(`parley: unexpected error: ${(err as Error).stack ?? String(err)}`);
          code = EXIT_INVALID;
        }
      }
      send(conn, { type: 'exit', code });
      conn.end();
      // The command name only: arguments may name people.
      log.info({ command: argv[0], code }, 'ran a parley command for a local process');
    };

    readLines(conn, (line) => {
      const message = parseLine(ClientMessage, line);
      if (!message) {
        conn.destroy();
        return;
      }
      if (message.type === 'run') {
        if (started) return;
        started = true;
        const task = run(message.argv);
        running.add(task);
        void task.finally(() => running.delete(task));
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(message);
    });
    conn.on('error', () => {
      // The caller went away; 'close' follows and fails what it was asked for.
    });
    conn.on('close', () => {
      connections.delete(conn);
      for (const p of pending.values()) p.reject(new Error('The parley process that ran this command has gone.'));
      pending.clear();
    });
  });

  // Created 0600 from the start (umask) rather than chmod-ed after: no moment
  // in which another user could connect. Node binds a socket path
  // synchronously inside listen(), so the umask is restored before anything
  // else in this process (PGlite's own files) is created.
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const umask = process.umask(0o177);
  try {
    server.listen(where.address);
  } finally {
    process.umask(umask);
  }
  try {
    await listening;
  } catch (err) {
    where.release();
    throw err;
  }
  server.on('error', (err) => log.warn({ err }, 'control socket error'));
  fs.chmodSync(socketPath, 0o600);

  let closing: Promise<void> | undefined;
  return {
    path: socketPath,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Commands still running use the database the server is about to close: let them finish first.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...running]),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
        ]);
        clearTimeout(timer);
        for (const c of connections) c.destroy();
        await closed;
        where.release();
        fs.rmSync(socketPath, { force: true });
      })();
      return closing;
    },
  };
}
