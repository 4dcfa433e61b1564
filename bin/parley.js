#!/usr/bin/env node
// The `parley` command. Parley runs its TypeScript sources through tsx, so
// there is no separate server build step; only the web app is built (Vite).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
