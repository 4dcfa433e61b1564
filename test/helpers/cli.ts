/** Running the CLI: in-process (fast) or as a real `parley` process (exit codes, stdin). */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { createTestSchema } from './db.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PARLEY_BIN = path.join(ROOT, 'bin', 'parley.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A place for the CLI's data: a temporary PGlite folder, or a fresh schema on
 * the test PostgreSQL server. `env` holds the variables that select it.
 */
export async function cliStorage(): Promise<{
  env: Record<string, string>;
  dataDir: string;
  cleanup: () => Promise<void>;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
  if (process.env.TEST_DATABASE_URL) {
    const schema = await createTestSchema();
    return {
      env: { DATABASE_URL: schema.url, PARLEY_DATA_DIR: dataDir },
      dataDir,
      async cleanup() {
        await schema.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    env: { PARLEY_DATA_DIR: dataDir },
    dataDir,
    async cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the CLI in this process with `env` set for the duration. */
export async function cli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => void (stderr += t.endsWith('\n') ? t : `${t}\n`),
    readStdin: async () => stdin,
  };
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PARLEY_DATA_DIR: process.env.PARLEY_DATA_DIR };
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  try {
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs `parley` as its own process, as a user would. */
export function parleyProcess(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
    if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [PARLEY_BIN, ...args], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}
