import { FINE_BUCKET_MS, type Bucket } from '@xops/core';

/** The start of the 10-second bucket that holds `ts` (epoch ms): `ts` floored to the bucket grid. */
export function fineBucketStart(ts: number): number {
  return Math.floor(ts / FINE_BUCKET_MS) * FINE_BUCKET_MS;
}

/**
 * Sums events into the 10-second buckets that hold them, e.g. events at 12:00:03 and 12:00:07
 * both count in the bucket of 12:00:00.
 */
export class BucketSums {
  readonly #byStart = new Map<number, { good: number; total: number }>();

  /** Counts `good` of `total` events at `ts` (epoch ms). */
  add(ts: number, good: number, total: number): void {
    const start = fineBucketStart(ts);
    const sum = this.#byStart.get(start);
    if (sum === undefined) this.#byStart.set(start, { good, total });
    else {
      sum.good += good;
      sum.total += total;
    }
  }

  get size(): number {
    return this.#byStart.size;
  }

  /** The buckets so far, oldest first. */
  buckets(): Bucket[] {
    return [...this.#byStart].map(([start, sum]) => ({ start, good: sum.good, total: sum.total })).sort((a, b) => a.start - b.start);
  }
}
