// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Libraries the domain core must never touch: it talks to ports only (STYLE.md). */
const FORBIDDEN_IN_CORE = ['fastify', 'fastify-*', '@fastify/*', 'socket.io', 'socket.io-*', '@socket.io/*', 'ioredis', 'pg', 'pg-*', '@electric-sql/*', 'postgrator', 'rate-limiter-flexible'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'load-tests/**', 'client/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: FORBIDDEN_IN_CORE, message: 'src/core talks to ports only: no framework, Redis or Postgres imports.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', setImmediate: 'readonly' } },
  },
);
