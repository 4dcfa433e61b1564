/**
 * Builds the web app (src/web) into dist/web, which the Parley server serves
 * with an SPA fallback. In development `npm run dev:web` proxies the API to a
 * server started with `node bin/parley.js serve` on its default port.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  root: path.join(root, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    // Officials may be on slow links abroad: report big chunks instead of ignoring them.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
    },
  },
});
