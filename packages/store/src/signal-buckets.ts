import { FINE_BUCKET_MS } from '@xops/core';
import type { Kysely } from 'kysely';
import { runInTransaction } from './run-in-transaction';
import type { XopsDatabase } from './xops-database';
import type { SignalBucket } from './xops-store';

// 6 parameters a row: far below the bind-parameter limits of both engines.
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
    service: bucket.service, signal: bucket.signal, le: bucket.le, start_ms: bucket.start, value: bucket.value, samples: bucket.samples,
  }));
  if (rows.length === 0) return 0;
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
      await trx.insertInto('signal_buckets').values(rows.slice(offset, offset + ROWS_PER_STATEMENT))
        .onConflict((oc) => oc.columns(['service', 'start_ms', 'signal', 'le']).doUpdateSet((eb) => ({
          value: eb('signal_buckets.value', '+', eb.ref('excluded.value')),
          samples: eb('signal_buckets.samples', '+', eb.ref('excluded.samples')),
        })))
        .execute();
    }
    return rows.length;
  });
}

/** The golden-signal buckets of one service whose start lies in `[from, to)`, oldest first. */
export async function readSignalBuckets(db: Kysely<XopsDatabase>, service: string, from: number, to: number): Promise<SignalBucket[]> {
  const rows = await db.selectFrom('signal_buckets')
    .select(['signal', 'le', 'start_ms', 'value', 'samples'])
    .where('service', '=', service)
    .where('start_ms', '>=', from)
    .where('start_ms', '<', to)
    .orderBy('start_ms').orderBy('signal').orderBy('le')
    .execute();
  return rows.map((row) => ({ service, signal: row.signal, le: row.le, start: row.start_ms, value: row.value, samples: row.samples }));
}
