import { FINE_BUCKET_MS, type Bucket } from '@xops/core';
import type { SampleRole } from '../selector-rules';
import type { RangeSeries } from './parse-query-range';

/** The answer to one selector of a series: its role in the bucket, its `le` (histogram bucket rules only), the series. */
export interface RoleRange {
  readonly role: SampleRole;
  readonly le?: number;
  readonly series: readonly RangeSeries[];
}

/**
 * The evaluation times that give the buckets `[fromMs, toMs)` (multiples of 10 s): one step per
 * bucket boundary, each 1 ms before it, so that the value at a step is the last sample *before* the
 * boundary and the difference of two steps is what a counter gained inside the bucket.
 */
export function bucketSteps(fromMs: number, toMs: number): { startMs: number; endMs: number; stepMs: number } {
  return { startMs: fromMs - 1, endMs: toMs - 1, stepMs: FINE_BUCKET_MS };
}

/** `le` label as Prometheus writes it (`0.3`, `+Inf`) → number; NaN when it is not one. */
function leValue(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  return text === '+Inf' ? Number.POSITIVE_INFINITY : Number(text);
}

/**
 * Turns the `query_range` answers of a series' selectors, evaluated at `bucketSteps(fromMs, toMs)`,
 * into 10-second buckets. Per answered series, a bucket gains the difference of the counter at its
 * two bounding steps; a smaller value is a counter reset, whose new value is the gain (Prometheus
 * `increase` without extrapolation). A series first seen at a step only sets a baseline, as at the
 * start of a scrape. `good` is the good sum, or total − bad for a `bad` role, kept within 0…total.
 * Buckets that counted nothing are left out.
 *
 * @example one total series [5, 8, 8] from 0 to 20 000 → [{ start: 0, good: …, total: 3 }]
 */
export function rangeBuckets(ranges: readonly RoleRange[], fromMs: number, toMs: number): Bucket[] {
  const count = Math.max(0, Math.round((toMs - fromMs) / FINE_BUCKET_MS));
  const { startMs } = bucketSteps(fromMs, toMs);
  const sums = { good: new Float64Array(count), bad: new Float64Array(count), total: new Float64Array(count) };
  let hasBad = false;
  for (const range of ranges) {
    if (range.role === 'bad') hasBad = true;
    for (const series of range.series) {
      if (range.le !== undefined && leValue(series.labels.le) !== range.le) continue;
      let previous: readonly [number, number] | undefined;
      for (const point of series.points) {
        const index = Math.round((point[0] - startMs) / FINE_BUCKET_MS);
        const [, value] = point;
        if (previous !== undefined && index - 1 >= 0 && index - 1 < count && Math.round((previous[0] - startMs) / FINE_BUCKET_MS) === index - 1) {
          const gain = value >= previous[1] ? value - previous[1] : value;
          sums[range.role][index - 1] = (sums[range.role][index - 1] ?? 0) + gain;
        }
        previous = point;
      }
    }
  }
  const buckets: Bucket[] = [];
  for (let index = 0; index < count; index++) {
    const total = sums.total[index] ?? 0;
    if (!(total > 0)) continue;
    const good = hasBad ? total - (sums.bad[index] ?? 0) : sums.good[index] ?? 0;
    buckets.push({ start: fromMs + index * FINE_BUCKET_MS, good: Math.min(total, Math.max(0, good)), total });
  }
  return buckets;
}
