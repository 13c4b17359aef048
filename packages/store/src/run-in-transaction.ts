import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in one transaction and commits it, or rolls it back when `dryRun` is set, so a dry
 * run goes through exactly the same reads and writes as the real one and then leaves no trace.
 * When `work` throws, everything it wrote is rolled back and its error is rethrown.
 */
export async function runInTransaction<DB, T>(
  db: Kysely<DB>,
  options: { dryRun: boolean },
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const trx = await db.startTransaction().execute();
  let result: T;
  try {
    result = await work(trx);
  } catch (error) {
    // A failed rollback (a dropped connection) must not hide the error that caused it.
    await trx.rollback().execute().catch(() => undefined);
    throw error;
  }
  await (options.dryRun ? trx.rollback() : trx.commit()).execute();
  return result;
}
