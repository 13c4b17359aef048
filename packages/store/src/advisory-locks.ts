import { alertFingerprint } from '@xops/core';
import { sql, type Kysely } from 'kysely';
import type { XopsDatabase } from './xops-database';

/**
 * PostgreSQL transaction-scoped advisory locks on `keys` (hashed to 64 bits), taken in sorted
 * order so that two transactions never wait for each other in a circle.
 */
export async function lockKeys(trx: Kysely<XopsDatabase>, keys: readonly string[]): Promise<void> {
  const ids = [...new Set(keys.map((key) => BigInt.asIntN(64, BigInt(`0x${alertFingerprint({ lock: key })}`))))]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
  if (ids.length === 0) return;
  await sql`select pg_advisory_xact_lock(id) from (select unnest(${ids}::bigint[]) as id order by 1) as locks`.execute(trx);
}
