/**
 * Component tests of the web app, in jsdom. Server, database and browser tests
 * run under node:test (scripts/run-tests.mjs) instead.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  plugins: [react()],
  test: {
    root,
    environment: 'jsdom',
    include: ['src/web/**/*.test.tsx'],
    setupFiles: [path.join(root, 'src/web/test/setup.ts')],
    // jsdom does not load stylesheets; skipping them keeps the tests fast.
    css: false,
    // A test that waits for several pages in turn can pass 5 s on a loaded machine.
    testTimeout: 30_000,
  },
});
