import type { Kysely } from 'kysely';
import type { XopsDatabase } from './xops-database';

/**
 * A cheap fingerprint of the config objects of `kinds`: count, newest update and sum of
 * revisions. Any apply or delete of one of them changes it, so a cache compiled from them is
 * rebuilt only when they changed (one indexed aggregate instead of reading every document).
 */
export async function configObjectsVersion(db: Kysely<XopsDatabase>, kinds: readonly string[]): Promise<string> {
  const row = await db.selectFrom('config_objects')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updated_at').as('updated'), eb.fn.sum<number>('revision').as('revisions')])
    .where('kind', 'in', [...kinds])
    .executeTakeFirst();
  return `${Number(row?.count ?? 0)}|${row?.updated ?? ''}|${Number(row?.revisions ?? 0)}`;
}
