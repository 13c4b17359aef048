import { FINE_BUCKET_MS } from '@xops/core';
import { sql, type Kysely } from 'kysely';
import { runInTransaction } from './run-in-transaction';
import { COARSE_BUCKET_MS, FINE_RETENTION_MS } from './sli-buckets';
import type { XopsDatabase } from './xops-database';
import type { SignalBucket, StoredSignalBucket, StoreEngine } from './xops-store';

// 7 parameters a row: far below the bind-parameter limits of both engines.
const ROWS_PER_STATEMENT = 1000;

const rowKey = (bucket: SignalBucket): string => `${bucket.service}\u0000${bucket.signal}\u0000${bucket.le}\u0000${bucket.start}`;

/**
 * Adds golden-signal buckets to the stored ones in one transaction; see `XopsStore.writeSignalBuckets`.
 * Throws a `RangeError`, writing nothing, for a start that is not a multiple of 10 000 ms or a value that is not finite.
 */
export async function writeSignalBuckets(db: Kysely<XopsDatabase>, buckets: readonly SignalBucket[]): Promise<number> {
  const merged = new Map<string, SignalBucket>();
  for (const bucket of buckets) {
    if (!Number.isSafeInteger(bucket.start) || bucket.start < 0 || bucket.start % FINE_BUCKET_MS !== 0) {
      throw new RangeError(`signal bucket start ${bucket.start} is not a multiple of ${FINE_BUCKET_MS} ms`);
    }
    if (!Number.isFinite(bucket.value) || !Number.isFinite(bucket.samples)) throw new RangeError(`signal bucket at ${bucket.start} has a value that is not finite`);
    // A multi-row upsert may not touch one row twice.
    const key = rowKey(bucket);
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? bucket : { ...seen, value: seen.value + bucket.value, samples: seen.samples + bucket.samples });
  }
  const rows = [...merged.values()].map((bucket) => ({
    service: bucket.service, signal: bucket.signal, le: bucket.le, start_ms: bucket.start, resolution_ms: FINE_BUCKET_MS, value: bucket.value, samples: bucket.samples,
  }));
  if (rows.length === 0) return 0;
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
      await trx.insertInto('signal_buckets').values(rows.slice(offset, offset + ROWS_PER_STATEMENT))
        .onConflict((oc) => oc.columns(['service', 'start_ms', 'resolution_ms', 'signal', 'le']).doUpdateSet((eb) => ({
          value: eb('signal_buckets.value', '+', eb.ref('excluded.value')),
          samples: eb('signal_buckets.samples', '+', eb.ref('excluded.samples')),
        })))
        .execute();
    }
    return rows.length;
  });
}

/**
 * The golden-signal buckets of one service whose start lies in `[from, to)`, oldest first, each
 * with its resolution. A rolled-up minute and late 10-second rows inside it (written after the
 * roll-up, not yet rolled up themselves) are all returned: they hold different counts.
 */
export async function readSignalBuckets(db: Kysely<XopsDatabase>, service: string, from: number, to: number): Promise<StoredSignalBucket[]> {
  const rows = await db.selectFrom('signal_buckets')
    .select(['signal', 'le', 'start_ms', 'resolution_ms', 'value', 'samples'])
    .where('service', '=', service)
    .where('start_ms', '>=', from)
    .where('start_ms', '<', to)
    .orderBy('start_ms').orderBy('resolution_ms', 'desc').orderBy('signal').orderBy('le')
    .execute();
  return rows.map((row) => ({
    service, signal: row.signal, le: row.le, start: row.start_ms, resolutionMs: row.resolution_ms, value: row.value, samples: row.samples,
  }));
}

/**
 * Rolls the 10-second golden-signal rows of whole minutes that ended at or before `now - 24 h`
 * into 1-minute rows, every service at once, in one transaction, as `compactSliBuckets` does for
 * SLI buckets; returns how many 10-second rows it removed. `value` and `samples` are sums, so
 * rates, error ratios, histogram quantiles and saturation means over whole minutes read the same
 * from a minute row as from its six 10-second rows. A minute row that exists already (late data
 * for an old minute) gets the sums added. Running it again at the same `now` finds nothing to do.
 */
export async function compactSignalBuckets(db: Kysely<XopsDatabase>, engine: StoreEngine, now: number): Promise<number> {
  // Only whole minutes: a minute half rolled up would leave part of it at each resolution.
  const cutoff = Math.floor((now - FINE_RETENTION_MS) / COARSE_BUCKET_MS) * COARSE_BUCKET_MS;
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    // Signal writers take no lock of their own (unlike SLI writers and their change counter): on
    // PostgreSQL a row added between the roll-up and the delete would be deleted without being
    // summed, so writers wait for this transaction. Readers do not. SQLite has one writer anyway.
    if (engine === 'postgres') await sql`lock table signal_buckets in share row exclusive mode`.execute(trx);
    const fine = sql.lit(FINE_BUCKET_MS);
    const coarse = sql.lit(COARSE_BUCKET_MS);
    // The SELECT has a WHERE, so SQLite does not read the upsert's ON CONFLICT as a join's ON
    // (sqlite.org/lang_upsert.html, "Parsing Ambiguity").
    await sql`insert into signal_buckets (service, start_ms, resolution_ms, signal, le, value, samples)
      select service, (start_ms / ${coarse}) * ${coarse}, ${coarse}, signal, le, sum(value), sum(samples)
      from signal_buckets where resolution_ms = ${fine} and start_ms < ${cutoff}
      group by service, (start_ms / ${coarse}) * ${coarse}, signal, le
      on conflict (service, start_ms, resolution_ms, signal, le) do update set
        value = signal_buckets.value + excluded.value, samples = signal_buckets.samples + excluded.samples`.execute(trx);
    const deleted = await trx.deleteFrom('signal_buckets')
      .where('resolution_ms', '=', FINE_BUCKET_MS)
      .where('start_ms', '<', cutoff)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}
