import { setTimeout as sleep } from 'node:timers/promises';

/** How long a statement waits for another connection's write lock before it fails: SQLite's `busy_timeout` as xops had set it. */
const LOCK_WAIT_MS = 5_000;
/** Between two tries: a transaction of the other connection (the alert intake thread's) takes a few milliseconds. */
const RETRY_EVERY_MS = 1;

/** SQLITE_BUSY and its extended codes: another connection holds the lock this statement needs; nothing was done. */
function isSqliteBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY');
}

/**
 * Runs `statement` (a `begin immediate`, or a statement outside a transaction) again while another
 * connection holds SQLite's write lock, for up to `LOCK_WAIT_MS`, waiting between tries without
 * holding the thread. SQLite's own wait (`busy_timeout`) sleeps inside the call: on the event
 * loop, the lease renewals made while the alert intake thread wrote held it 23 ms on average
 * (ADR 0019). A statement that failed busy did nothing, so trying again is safe.
 *
 * @example await waitForLock(() => connection.executeQuery(CompiledQuery.raw('begin immediate')));
 */
export async function waitForLock<T>(statement: () => Promise<T>): Promise<T> {
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await statement();
    } catch (error) {
      if (!isSqliteBusy(error) || performance.now() >= deadline) throw error;
      await sleep(RETRY_EVERY_MS);
    }
  }
}
