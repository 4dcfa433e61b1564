/**
 * The control socket: how a `parley` command reaches the server that holds a
 * PGlite data folder. Two processes must never open one PGlite folder, so a
 * command that finds the folder locked by `parley serve` hands its arguments
 * to that server, which runs the command on its own open database.
 *
 * The socket lives inside the data folder and only its owner may open it
 * (mode 0600). Messages are JSON, one per line, both ways:
 *
 *   client → server  {"type":"run","argv":[...]}             once, first
 *   server → client  {"type":"stdout"|"stderr","text":"..."} as the command prints
 *   server → client  {"type":"request","id":1,"op":"stdin"}   when the command reads
 *                    standard input, or a file named on its command line
 *                    ("readFile"/"writeFile" with "path"): the calling process
 *                    does that, so that its own working folder, standard input
 *                    and permissions apply, exactly as if it ran the command
 *   client → server  {"type":"reply","id":1,...}
 *   server → client  {"type":"exit","code":0}                last
 *
 * Requests are answered only when the command asks, so a command that needs no
 * input never waits for standard input to end.
 */
import fs from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

export const CONTROL_SOCKET = 'parley.sock';

/** The lock holder's command name that marks a server (see startServer). */
export const SERVER_LOCK_COMMAND = 'parley serve';

/** A line may carry a whole bundle from standard input, but not without bound. */
export const MAX_LINE_CHARS = 256 * 1024 * 1024;

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, CONTROL_SOCKET);
}

const ReplyError = z.object({ code: z.string().optional(), message: z.string() });

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), argv: z.array(z.string()) }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int(),
    /** Standard input, as text. */
    text: z.string().optional(),
    /** A file's content, base64. */
    data: z.string().optional(),
    error: ReplyError.optional(),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['stdout', 'stderr']), text: z.string() }),
  z.object({
    type: z.literal('request'),
    id: z.number().int(),
    op: z.enum(['stdin', 'readFile', 'writeFile']),
    path: z.string().optional(),
    data: z.string().optional(),
  }),
  z.object({ type: z.literal('exit'), code: z.number().int() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export function send(socket: net.Socket, message: ClientMessage | ServerMessage): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
}

/** Calls `onLine` for each newline-terminated line; destroys the socket on a line beyond the bound. */
export function readLines(socket: net.Socket, onLine: (line: string) => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    // Search only the new chunk for the end of the line: a bundle can arrive in thousands of chunks.
    let searchFrom = buffer.length;
    buffer += chunk;
    for (;;) {
      const end = buffer.indexOf('\n', searchFrom);
      if (end < 0) break;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      searchFrom = 0;
      onLine(line);
    }
    if (buffer.length > MAX_LINE_CHARS) socket.destroy(new Error('control message too long'));
  });
}

/** Parses one line with `schema`; undefined when it is not JSON or not such a message. */
export function parseLine<T>(schema: z.ZodType<T>, line: string): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(line));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Linux limits a socket's path to 107 bytes; Node silently cuts a longer one, binding somewhere else. */
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * The address to bind or connect to for the socket file. A data folder deep
 * enough to make the path too long is reached through /proc/self/fd (a short
 * alias of an open descriptor on the folder), which Linux resolves like the
 * folder itself. `release` closes that descriptor once it is no longer needed.
 */
export function socketAddress(socketPath: string): { address: string; release: () => void } | undefined {
  if (Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES) return { address: socketPath, release: () => {} };
  if (process.platform !== 'linux') return undefined;
  const fd = fs.openSync(path.dirname(socketPath), 'r');
  let open = true;
  return {
    address: `/proc/self/fd/${fd}/${path.basename(socketPath)}`,
    release: () => {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}
