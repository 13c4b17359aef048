import type { StoreEngine } from '../xops-store';

/** The env variable that points store tests at a PostgreSQL database they may create schemas in. */
export const TEST_DATABASE_URL_ENV = 'XOPS_TEST_DATABASE_URL';

// Set once the notice is out. Vitest runs each test file in its own worker, which inherits the
// environment of the main process, so `postgres-skip-notice.ts` prints it there once per run
// and every worker stays quiet; without that global setup it is once per process.
const NOTICE_SHOWN_ENV = 'XOPS_TEST_POSTGRES_NOTICE_SHOWN';

/**
 * The engines every store-backed suite runs on: SQLite always, PostgreSQL when
 * `XOPS_TEST_DATABASE_URL` is set. Without it, says once on stderr that PostgreSQL was skipped,
 * so a green run never hides that half the matrix did not run.
 *
 * @example describe.each(testDatabaseEngines())('objects on %s', (engine) => { … });
 */
export function testDatabaseEngines(): StoreEngine[] {
  if (process.env[TEST_DATABASE_URL_ENV]) return ['sqlite', 'postgres'];
  showPostgresSkipNotice();
  return ['sqlite'];
}

/** Prints the "PostgreSQL tests skipped" notice unless this process (or its parent) already did. */
export function showPostgresSkipNotice(): void {
  if (process.env[NOTICE_SHOWN_ENV]) return;
  process.env[NOTICE_SHOWN_ENV] = '1';
  process.stderr.write(`PostgreSQL tests skipped: set ${TEST_DATABASE_URL_ENV}=postgres://… to run them\n`);
}
