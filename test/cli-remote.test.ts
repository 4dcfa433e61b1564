/**
 * `parley` commands while `parley serve` holds the PGlite data folder: they
 * run inside the server, through the control socket in the folder, and behave
 * as if they had run on their own (output, standard input, files, exit codes).
 * PGlite only: on PostgreSQL every process opens the database itself.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTROL_SOCKET } from '../src/cli/control-protocol.js';
import { LOCK_FILE } from '../src/storage/data-lock.js';
import { PARLEY_BIN, parleyProcess, type CliResult } from './helpers/cli.js';
import { startServerProcess, type ServerProcess } from './helpers/server.js';

/** `parley` in a working folder of its own, to show that relative file names are the caller's. */
function parleyIn(cwd: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
    delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [PARLEY_BIN, ...args], { cwd, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end();
  });
}

/** How many commands the server has run for other processes, from its log (LOG_LEVEL=info). */
function remoteRuns(server: ServerProcess): number {
  return (server.output().match(/ran a parley command for a local process/g) ?? []).length;
}

/** Waits for the server's log to count `n` remote runs: its output arrives a little after the command ends. */
async function untilRemoteRuns(server: ServerProcess, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (remoteRuns(server) < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(remoteRuns(server), n);
}

/** Talks to the socket directly, as a client that does not go through `parley`. */
function rawRun(
  socketPath: string,
  argv: string[],
): Promise<{ messages: { type: string; text?: string; code?: number }[] }> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socketPath);
    let buffer = '';
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.write(`${JSON.stringify({ type: 'run', argv })}\n`));
    conn.on('data', (d: string) => (buffer += d));
    conn.on('error', reject);
    conn.on('close', () =>
      resolve({
        messages: buffer
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { type: string; text?: string; code?: number }),
      }),
    );
  });
}

describe('parley commands while a server holds the PGlite folder', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-remote-'));
    env = { PARLEY_DATA_DIR: dir };
    server = await startServerProcess({ ...env, LOG_LEVEL: 'info' }, ['--demo']);
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on a socket in the data folder that only its owner may open', () => {
    const stat = fs.lstatSync(path.join(dir, CONTROL_SOCKET));
    assert.ok(stat.isSocket());
    assert.equal(stat.mode & 0o777, 0o600);
    assert.equal(stat.uid, process.getuid!());
  });

  it('passes standard input along: the password that user add reads signs the user in', async () => {
    const added = await parleyProcess(
      ['user', 'add', 'stdin@y.gov', '--side', 'us', '--role', 'analyst'],
      env,
      'a password long enough for the policy\nignored second line\n',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Added stdin@y\.gov \(analyst, side us\)\.$/m);
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'stdin@y.gov', password: 'a password long enough for the policy' }),
    });
    assert.equal(signIn.status, 204);
  });

  it('keeps exit codes: wrong usage exits 2 without asking the server, an invalid bundle exits 1 with its pointers', async () => {
    const before = remoteRuns(server);
    const missing = await parleyProcess(['export'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /parley export: Missing DIALOGUE_KEY\.\n\nUsage: parley export/);
    const extra = await parleyProcess(['import', '-', 'more'], env, '{}');
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /Give one FILE/);

    const invalid = await parleyProcess(['import', '-'], env, JSON.stringify({ format: 'x' }));
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /^parley import: The bundle is invalid \(\d+ problems?\):$/m);
    assert.match(invalid.stderr, /^\/format: /m);
    assert.equal(invalid.stdout, '');

    const unknown = await parleyProcess(['export', 'no-such-dialogue'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No dialogue "no-such-dialogue"/);
    // The two usage errors never reached the server; the two others ran there.
    await untilRemoteRuns(server, before + 2);
  });

  it("reads and writes the files it names from the caller's working folder", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-remote-cwd-'));
    try {
      const exported = await parleyIn(cwd, ['export', 'us-cn-ciwg', '--out', 'out.json'], env);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stderr, /^Wrote out\.json \(\d+ issues, \d+ meetings?\)\.$/m);
      const bundle = JSON.parse(fs.readFileSync(path.join(cwd, 'out.json'), 'utf8')) as { format: string };
      assert.equal(bundle.format, 'parley-dialogue/1');

      const imported = await parleyIn(cwd, ['import', 'out.json'], env);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /Imported dialogue "us-cn-ciwg": 0 created, 0 updated, \d+ unchanged\./);

      const absent = await parleyIn(cwd, ['import', 'absent.json'], env);
      assert.equal(absent.code, 1);
      assert.match(absent.stderr, /^Cannot read absent\.json: no such file$/m);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('says that db migrate was done at start, and refuses serve over the socket', async () => {
    const migrated = await parleyProcess(['db', 'migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /applied the migrations when it started: the database is up to date/);

    const { messages } = await rawRun(path.join(dir, CONTROL_SOCKET), ['serve']);
    assert.deepEqual(messages.at(-1), { type: 'exit', code: 1 });
    assert.match(messages.find((m) => m.type === 'stderr')?.text ?? '', /a server already runs on .* \(process \d+\)/);
  });
});

describe('a folder held by a command that is not a server', () => {
  it('is still refused, naming the process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-remote-'));
    try {
      // This test process stands in for a long `parley import`: alive, and no server.
      fs.writeFileSync(
        path.join(dir, LOCK_FILE),
        JSON.stringify({ pid: process.pid, command: 'parley import', startedAt: new Date().toISOString() }),
      );
      const r = await parleyProcess(['user', 'list'], { PARLEY_DATA_DIR: dir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`in use by process ${process.pid} \\(parley import, since `));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the socket of a server killed with SIGKILL', () => {
  it('is replaced by the next server, which then runs the commands; a stopped server removes it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-remote-'));
    const socketPath = path.join(dir, CONTROL_SOCKET);
    const env = { PARLEY_DATA_DIR: dir };
    try {
      const first = await startServerProcess(env);
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;
      const stale = fs.lstatSync(socketPath);
      assert.ok(stale.isSocket(), 'a killed server cannot remove its socket');
      const refused = await new Promise<string | undefined>((resolve) => {
        const conn = net.connect(socketPath);
        conn.on('connect', () => {
          conn.destroy();
          resolve(undefined);
        });
        conn.on('error', (err: NodeJS.ErrnoException) => resolve(err.code));
      });
      assert.equal(refused, 'ECONNREFUSED', 'nobody listens on it any more');

      const second = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
      try {
        const r = await parleyProcess(['audit', 'verify'], env);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Audit trail intact/);
        await untilRemoteRuns(second, 1);
      } finally {
        await second.stop();
      }
      assert.equal(fs.existsSync(socketPath), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(
  'a data folder whose socket path is longer than Linux allows (107 bytes)',
  { skip: process.platform !== 'linux' },
  () => {
    it('is reached all the same', async () => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-remote-'));
      const dir = path.join(base, 'a-rather-long-folder-name-'.repeat(3), 'and-another-one-'.repeat(3));
      assert.ok(Buffer.byteLength(path.join(dir, CONTROL_SOCKET)) > 107);
      const server = await startServerProcess({ PARLEY_DATA_DIR: dir });
      try {
        assert.ok(fs.lstatSync(path.join(dir, CONTROL_SOCKET)).isSocket());
        const r = await parleyProcess(['user', 'list'], { PARLEY_DATA_DIR: dir });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /No accounts yet/);
      } finally {
        await server.stop();
        fs.rmSync(base, { recursive: true, force: true });
      }
    });
  },
);
