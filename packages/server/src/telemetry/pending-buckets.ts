import { fineBucketStart } from '@xops/contracts';
import { FINE_BUCKET_MS, type Bucket } from '@xops/core';
import type { SampleRole } from './selector-rules';

interface Counts {
  good: number;
  bad: number;
  total: number;
}

/** The buckets of one series ready to be written. */
export interface DueSeries {
  readonly seriesKey: string;
  readonly buckets: readonly Bucket[];
}

/**
 * Increases held per series and 10-second bucket until the bucket is old enough to write. Good
 * (or bad) and total of one bucket often come in different batches (two scrapes, two OTLP
 * exports); writing them apart would break `good ≤ total` in the write that comes first. So a
 * bucket is held until `holdMs` after its end, then written once as good/total. A series fed by
 * `bad` is written as good = total − bad. What still comes late for a written bucket is written
 * as a bucket of its own at the next flush and added to the stored one; each write is clamped to
 * `0 ≤ good ≤ total`, so counts that arrive too far apart lose their excess rather than the write.
 */
export class PendingBuckets {
  readonly #series = new Map<string, { readonly fromBad: boolean; readonly buckets: Map<number, Counts> }>();

  /** Adds `increase` to `role` of the bucket holding `ts`; `fromBad` says the series counts bad, not good, events. */
  add(target: { readonly seriesKey: string; readonly fromBad: boolean }, role: SampleRole, ts: number, increase: number): void {
    let series = this.#series.get(target.seriesKey);
    if (series === undefined) this.#series.set(target.seriesKey, series = { fromBad: target.fromBad, buckets: new Map() });
    const { buckets } = series;
    const start = fineBucketStart(ts);
    let counts = buckets.get(start);
    if (counts === undefined) buckets.set(start, counts = { good: 0, bad: 0, total: 0 });
    counts[role] += increase;
  }

  /** Holds again buckets that `takeDue` gave and that could not be written. */
  restore(seriesKey: string, buckets: readonly Bucket[]): void {
    for (const bucket of buckets) {
      // good + (total − good) as bad: whichever count the series reads, it finds `good` again.
      const target = { seriesKey, fromBad: false };
      this.add(target, 'good', bucket.start, bucket.good);
      this.add(target, 'bad', bucket.start, bucket.total - bucket.good);
      this.add(target, 'total', bucket.start, bucket.total);
    }
  }

  /** Takes out the buckets that ended `holdMs` before `now` or earlier; every bucket with `now` = Infinity. */
  takeDue(now: number, holdMs: number): DueSeries[] {
    const due: DueSeries[] = [];
    for (const [seriesKey, { fromBad, buckets }] of this.#series) {
      const ready: Bucket[] = [];
      for (const [start, counts] of buckets) {
        if (start + FINE_BUCKET_MS + holdMs > now) continue;
        buckets.delete(start);
        const total = counts.total;
        const good = fromBad ? total - counts.bad : counts.good;
        ready.push({ start, good: Math.min(Math.max(good, 0), total), total });
      }
      if (buckets.size === 0) this.#series.delete(seriesKey);
      if (ready.length > 0) due.push({ seriesKey, buckets: ready.sort((a, b) => a.start - b.start) });
    }
    return due;
  }

  get size(): number {
    let size = 0;
    for (const { buckets } of this.#series.values()) size += buckets.size;
    return size;
  }
}
