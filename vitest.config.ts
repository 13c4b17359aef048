import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    // PostgreSQL-backed tests share one server; files still run in parallel on separate schemas.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Says once per run, not once per test file, that the PostgreSQL half of the matrix is off.
    globalSetup: ['packages/store/src/testing/postgres-skip-notice.ts'],
  },
});
