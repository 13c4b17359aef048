import type { Kysely } from 'kysely';
import type { XopsDatabase } from './xops-database';

/**
 * Takes `count` consecutive change sequence numbers from the counter `name` and returns the
 * first. Call it inside the writing transaction, before touching the rows it numbers: the
 * counter row stays locked until commit, so writers commit in the order of their numbers
 * (see `migrations/0002-slo-engine.ts`), and taking it first keeps the lock order the same
 * for every writer, so two of them cannot deadlock. With `count` 0 it only takes the lock.
 */
export async function takeSequenceNumbers(trx: Kysely<XopsDatabase>, name: string, count: number): Promise<number> {
  const row = await trx.updateTable('change_counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst();
  if (row === undefined) throw new Error(`the change counter "${name}" is missing: the database was not migrated by xops`);
  return Number(row.value) - count + 1;
}
