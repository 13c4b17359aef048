import type { Kysely } from 'kysely';
import type { XopsDatabase } from './xops-database';

/**
 * Takes or renews the lease `name` for `holder` until `now + ttlMs`, in one statement: insert,
 * or on a clash overwrite only a row that has expired or is `holder`'s own. PostgreSQL runs the
 * conflict check and the update under the row's lock, so of two replicas racing for a free or
 * expired lease exactly one gets a row back; SQLite (≥ 3.35 for RETURNING) has one writer at a
 * time. Times come from the callers' clocks, so replicas need clocks in step to well under a TTL.
 */
export async function acquireLease(db: Kysely<XopsDatabase>, lease: { name: string; holder: string; now: number; ttlMs: number }): Promise<boolean> {
  const { name, holder, now, ttlMs } = lease;
  if (!Number.isSafeInteger(now) || !Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`a lease needs a whole-millisecond now and a positive ttlMs, not now ${now} and ttlMs ${ttlMs}`);
  }
  const row = await db.insertInto('leases')
    .values({ name, holder, expires_at: now + ttlMs })
    .onConflict((oc) => oc.column('name')
      .doUpdateSet((eb) => ({ holder: eb.ref('excluded.holder'), expires_at: eb.ref('excluded.expires_at') }))
      .where((eb) => eb.or([eb('leases.expires_at', '<=', now), eb('leases.holder', '=', holder)])))
    .returning('holder')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the lease up at once, if `holder` has it; otherwise does nothing. */
export async function releaseLease(db: Kysely<XopsDatabase>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Who holds the lease and until when (epoch ms); the row of an expired lease is still returned. */
export async function getLease(db: Kysely<XopsDatabase>, name: string): Promise<{ holder: string; expiresAt: number } | undefined> {
  const row = await db.selectFrom('leases').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
  return row && { holder: row.holder, expiresAt: row.expires_at };
}

/**
 * Inside a transaction: true when `holder` holds `name` at `now`, and then the lease row stays
 * locked until the transaction ends, so no other replica can take it over before the caller's
 * writes commit. An UPDATE that changes nothing, rather than SELECT … FOR UPDATE, because it
 * takes the write lock on SQLite as well.
 */
export async function holdLeaseForWrite(trx: Kysely<XopsDatabase>, name: string, holder: string, now: number): Promise<boolean> {
  const result = await trx.updateTable('leases')
    .set({ holder })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
