// Lint rules, including the import boundaries of docs/ARCHITECTURE.md:
// http, cli, bundle → domain ← storage; web talks to the server only over HTTP
// and imports only src/shared.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => [
  'error',
  { patterns: patterns.map((group) => ({ group: group.group, message: group.message })) },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['fastify', 'fastify-*', '@fastify/*', 'kysely', 'pg', '@electric-sql/*', 'react', 'react-*'],
          message: 'The domain is pure TypeScript: no HTTP, SQL or React.',
        },
        {
          group: ['**/storage/**', '**/http/**', '**/cli/**', '**/bundle/**', '**/web/**'],
          message: 'The domain imports no outer layer; pass what it needs in as deps.',
        },
      ]),
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['fastify', '@fastify/*', 'react', 'react-*'], message: 'Storage knows nothing of HTTP or React.' },
        {
          group: ['**/http/**', '**/cli/**', '**/bundle/**', '**/web/**'],
          message: 'Storage depends on the domain only.',
        },
      ]),
    },
  },
  {
    files: ['src/bundle/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['fastify', '@fastify/*', 'kysely', 'pg', '@electric-sql/*'],
          message: 'The bundle module works through the domain ports.',
        },
        {
          group: ['**/storage/**', '**/http/**', '**/cli/**', '**/web/**'],
          message: 'The bundle module depends on the domain only.',
        },
      ]),
    },
  },
  {
    files: ['src/readouts/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['fastify', '@fastify/*', 'kysely', 'pg', '@electric-sql/*', 'react', 'react-*'],
          message: 'Renderers turn a readout model into a document: no HTTP, SQL or React.',
        },
        {
          group: ['**/storage/**', '**/http/**', '**/cli/**', '**/bundle/**', '**/web/**'],
          message: 'Renderers may import the domain and shared only.',
        },
      ]),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/storage/**', '**/http/**', '**/cli/**', '**/bundle/**', '**/web/**'],
          message: 'shared holds schemas and types only.',
        },
      ]),
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'jsx-a11y': jsxA11y, 'react-hooks': reactHooks },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        {
          group: [
            '**/domain/**',
            '**/storage/**',
            '**/http/**',
            '**/cli/**',
            '**/bundle/**',
            'kysely',
            'pg',
            'fastify',
            '@electric-sql/*',
          ],
          message: 'The web app imports only src/shared and talks to the server over HTTP.',
        },
      ]),
    },
  },
);
