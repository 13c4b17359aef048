import { FINE_BUCKET_MS, type Bucket } from '@xops/core';
import { sql, type Kysely } from 'kysely';
import { takeSequenceNumbers } from './change-counter';
import { BUCKET_COUNTER } from './migrations/0002-slo-engine';
import { runInTransaction } from './run-in-transaction';
import type { XopsDatabase } from './xops-database';
import type { BucketChange, StoredBucket } from './xops-store';

/** Older buckets are kept at this resolution once `compactSliBuckets` has rolled them up. */
export const COARSE_BUCKET_MS = 60_000;
/** How long 10-second buckets are kept before they are rolled up. */
export const FINE_RETENTION_MS = 24 * 60 * 60 * 1000;

// Rows per INSERT: 6 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535
// bind parameters, and 100,000 buckets still take only 100 round trips in one transaction.
const ROWS_PER_STATEMENT = 1000;

/**
 * Writes 10-second buckets of one series in one transaction; see `XopsStore.writeBuckets`.
 * Buckets of the call that share a start are summed first (a multi-row upsert may not touch one
 * row twice). Throws a `RangeError`, writing nothing, for a start that is not a non-negative
 * multiple of 10 000 ms or counts that are not `0 ≤ good ≤ total`, finite.
 */
export async function writeSliBuckets(
  db: Kysely<XopsDatabase>,
  seriesKey: string,
  buckets: readonly Bucket[],
  mode: 'replace' | 'add',
): Promise<number> {
  const merged = mergeByStart(buckets);
  if (merged.length === 0) return 0;
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    const first = await takeSequenceNumbers(trx, BUCKET_COUNTER, merged.length);
    for (let offset = 0; offset < merged.length; offset += ROWS_PER_STATEMENT) {
      const rows = merged.slice(offset, offset + ROWS_PER_STATEMENT).map((bucket, index) => ({
        series_key: seriesKey,
        resolution_ms: FINE_BUCKET_MS,
        start_ms: bucket.start,
        good: bucket.good,
        total: bucket.total,
        seq: first + offset + index,
      }));
      await trx.insertInto('sli_buckets').values(rows)
        .onConflict((oc) => oc.columns(['series_key', 'resolution_ms', 'start_ms']).doUpdateSet((eb) => (mode === 'replace'
          ? { good: eb.ref('excluded.good'), total: eb.ref('excluded.total'), seq: eb.ref('excluded.seq') }
          : {
            good: eb('sli_buckets.good', '+', eb.ref('excluded.good')),
            total: eb('sli_buckets.total', '+', eb.ref('excluded.total')),
            seq: eb.ref('excluded.seq'),
          })))
        .execute();
    }
    return merged.length;
  });
}

function mergeByStart(buckets: readonly Bucket[]): Bucket[] {
  const byStart = new Map<number, { good: number; total: number }>();
  for (const bucket of buckets) {
    checkBucket(bucket);
    const sum = byStart.get(bucket.start);
    if (sum === undefined) byStart.set(bucket.start, { good: bucket.good, total: bucket.total });
    else {
      sum.good += bucket.good;
      sum.total += bucket.total;
    }
  }
  return [...byStart].map(([start, sum]) => ({ start, ...sum })).sort((a, b) => a.start - b.start);
}

function checkBucket({ start, good, total }: Bucket): void {
  if (!Number.isSafeInteger(start) || start < 0 || start % FINE_BUCKET_MS !== 0) {
    const floor = Number.isFinite(start) ? ` (the bucket holding it starts at ${Math.floor(start / FINE_BUCKET_MS) * FINE_BUCKET_MS})` : '';
    throw new RangeError(`bucket start ${start} is not a multiple of ${FINE_BUCKET_MS} ms: buckets are 10 seconds from the epoch${floor}`);
  }
  if (!Number.isFinite(good) || !Number.isFinite(total) || good < 0 || good > total) {
    throw new RangeError(`bucket at ${start} has good ${good} and total ${total}: counts must be finite with 0 ≤ good ≤ total`);
  }
}

/**
 * Buckets of one series whose start lies in `[from, to)`, oldest first, each with its resolution.
 * A 1-minute bucket and late 10-second buckets inside the same minute (written after it was
 * compacted, and not yet compacted themselves) are all returned: they hold different events, so
 * a window's SLI is still the plain sum of what comes back.
 */
export async function readSliBuckets(db: Kysely<XopsDatabase>, seriesKey: string, from: number, to: number): Promise<StoredBucket[]> {
  const rows = await db.selectFrom('sli_buckets')
    .select(['start_ms', 'resolution_ms', 'good', 'total'])
    .where('series_key', '=', seriesKey)
    .where('start_ms', '>=', from)
    .where('start_ms', '<', to)
    .orderBy('start_ms')
    .orderBy('resolution_ms', 'desc')
    .execute();
  return rows.map((row) => ({ start: row.start_ms, resolutionMs: row.resolution_ms, good: row.good, total: row.total }));
}

/**
 * Buckets written after `afterSeq`, in sequence order, at most `limit` (clamped to 1…100,000).
 * A bucket written several times appears once, with its latest counts and number. A change at
 * resolution R supersedes whatever the reader holds for `[start, start + R)`: when compaction
 * rolls 10-second buckets into a minute, the minute appears here, and the 10-second rows it
 * replaces are gone.
 */
export async function readSliBucketChanges(db: Kysely<XopsDatabase>, afterSeq: number, limit: number): Promise<BucketChange[]> {
  const rows = await db.selectFrom('sli_buckets')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(Math.min(Math.max(Math.trunc(limit) || 1, 1), 100_000))
    .execute();
  return rows.map((row) => ({
    seriesKey: row.series_key,
    seq: row.seq,
    start: row.start_ms,
    resolutionMs: row.resolution_ms,
    good: row.good,
    total: row.total,
  }));
}

/**
 * Rolls the 10-second buckets of whole minutes that ended at or before `now - 24 h` into
 * 1-minute buckets (sums), all series at once, in one transaction; returns how many 10-second
 * rows it removed. A 1-minute bucket that exists already (late data for an old minute) gets the
 * sums added, and each 1-minute row written gets a new change number. Running it again at the
 * same `now` finds nothing left to do.
 */
export async function compactSliBuckets(db: Kysely<XopsDatabase>, now: number): Promise<number> {
  // Only whole minutes: a minute half compacted would leave part of it at each resolution.
  const cutoff = Math.floor((now - FINE_RETENTION_MS) / COARSE_BUCKET_MS) * COARSE_BUCKET_MS;
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    // Lock the counter first, so that no bucket writer gets in between counting and rolling up.
    await takeSequenceNumbers(trx, BUCKET_COUNTER, 0);
    const fine = sql.lit(FINE_BUCKET_MS);
    const coarse = sql.lit(COARSE_BUCKET_MS);
    const minutes = sql`select series_key, (start_ms / ${coarse}) * ${coarse} as minute, sum(good) as good, sum(total) as total
      from sli_buckets where resolution_ms = ${fine} and start_ms < ${cutoff}
      group by series_key, (start_ms / ${coarse}) * ${coarse}`;
    const { rows } = await sql<{ count: number | string }>`select count(*) as count from (${minutes}) as m`.execute(trx);
    const count = Number(rows[0]?.count ?? 0);
    if (count === 0) return 0;
    const first = await takeSequenceNumbers(trx, BUCKET_COUNTER, count);
    // `where true`: SQLite cannot tell an upsert's ON CONFLICT from a join's ON after a bare
    // SELECT (sqlite.org/lang_upsert.html, "Parsing Ambiguity").
    await sql`insert into sli_buckets (series_key, resolution_ms, start_ms, good, total, seq)
      select series_key, ${coarse}, minute, good, total,
        cast(${first - 1} as bigint) + row_number() over (order by series_key, minute)
      from (${minutes}) as m where true
      on conflict (series_key, resolution_ms, start_ms) do update set
        good = sli_buckets.good + excluded.good, total = sli_buckets.total + excluded.total, seq = excluded.seq`.execute(trx);
    const deleted = await trx.deleteFrom('sli_buckets')
      .where('resolution_ms', '=', FINE_BUCKET_MS)
      .where('start_ms', '<', cutoff)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}
