import { showPostgresSkipNotice, TEST_DATABASE_URL_ENV } from './test-database-engines';

/**
 * Vitest global setup (`globalSetup` in the root `vitest.config.ts`): prints the "PostgreSQL
 * tests skipped" notice once for the whole run, before any worker starts, instead of once per
 * test file.
 */
export function setup(): void {
  if (!process.env[TEST_DATABASE_URL_ENV]) showPostgresSkipNotice();
}
