// Lint rules that keep the architecture honest (DESIGN.md §2): dependencies point inward,
// toward `core`, and file names are kebab-case (STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import unicorn from 'eslint-plugin-unicorn';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ioLibraries = ['fastify', 'fastify-*', '@fastify/*', 'kysely', 'better-sqlite3', 'pg', 'prom-client',
  'commander', 'yaml', 'tsx', 'cli-progress', 'nodemailer', 'undici'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.xops/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { unicorn },
    rules: {
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'core is pure: no Node built-ins (DESIGN.md §2).' },
          { group: ['@xops/*'], message: 'core depends on no other xops package (DESIGN.md §2).' },
          { group: ioLibraries, message: 'core is pure: no I/O libraries (DESIGN.md §2).' },
        ],
      }],
    },
  },
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'contracts is shared with the browser: no Node built-ins.' },
          { group: ['@xops/store', '@xops/server', '@xops/cli', '@xops/web'], message: 'contracts may depend on core only.' },
          { group: ioLibraries, message: 'contracts holds schemas and types, no I/O libraries.' },
        ],
      }],
    },
  },
  {
    files: ['packages/store/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@xops/server', '@xops/cli', '@xops/web'], message: 'store may depend on core and contracts only.' }],
      }],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@xops/cli', '@xops/web'], message: 'server must not depend on the CLI or the web app.' }],
      }],
    },
  },
  {
    // The dashboard runs in the browser: its globals, and the rules of hooks.
    files: ['packages/web/**/*.ts', 'packages/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['packages/web/src/**/*.ts', 'packages/web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@xops/server', '@xops/store', '@xops/cli'], message: 'web talks to the server over HTTP only (DESIGN.md §2).' },
          { group: ['node:*'], message: 'web runs in the browser: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@xops/store', '@xops/web'], message: 'the CLI talks to the server over HTTP (xops up is the one exception, via @xops/server).' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
