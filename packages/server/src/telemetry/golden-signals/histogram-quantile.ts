/** One cumulative histogram bucket: how many observations were `≤ upperBound`. */
export interface CumulativeBucket {
  readonly upperBound: number;
  readonly count: number;
}

/**
 * The φ-quantile of a histogram by Prometheus's `histogram_quantile`: linear interpolation inside
 * the bucket the rank falls in, the lowest bucket starting at 0, and the `+Inf` bucket answered
 * with the highest finite bound. Ported from `bucketQuantile` in prometheus/promql/quantile.go
 * (v2.x/3.x): NaN without a `+Inf` bucket, with fewer than two buckets or with no observations;
 * counts that decrease with the bound (a torn read) are raised to stay monotonic, as `ensureMonotonic` does.
 *
 * @example histogramQuantile(0.5, [{ upperBound: 0.1, count: 4 }, { upperBound: 0.5, count: 8 }, { upperBound: Infinity, count: 10 }])
 *   // → 0.1 + (0.5 − 0.1) × (5 − 4) / (8 − 4) = 0.2
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.upperBound - b.upperBound);
  const last = sorted.at(-1);
  if (sorted.length < 2 || last === undefined || last.upperBound !== Infinity) return NaN;
  let max = -Infinity;
  const counts = sorted.map((bucket) => (max = Math.max(max, bucket.count)));
  const observations = counts.at(-1) ?? 0;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search: the first bucket whose cumulative count reaches the rank.
  const b = counts.findIndex((count) => count >= rank);
  if (b === sorted.length - 1) return sorted[sorted.length - 2]?.upperBound ?? NaN;
  const upper = sorted[b]?.upperBound ?? NaN;
  if (b === 0 && upper <= 0) return upper;
  let start = 0;
  let count = counts[b] ?? 0;
  if (b > 0) {
    const below = counts[b - 1] ?? 0;
    start = sorted[b - 1]?.upperBound ?? 0;
    count -= below;
    rank -= below;
  }
  return start + (upper - start) * (rank / count);
}
