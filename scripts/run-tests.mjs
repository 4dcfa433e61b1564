#!/usr/bin/env node
// Runs the server, database and CLI tests with node:test. Node 20's --test has
// no globs, so this script finds the files: every *.test.ts under src/ (except
// the web app, whose component tests run under Vitest) and test/.
// Usage: node scripts/run-tests.mjs [path-filter ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || full === path.join(root, 'src', 'web')) continue;
      out.push(...walk(full));
    } else if (entry.name.endsWith('.test.ts')) {
      out.push(path.relative(root, full));
    }
  }
  return out;
}

const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ')}`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
