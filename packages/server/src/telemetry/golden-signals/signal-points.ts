import { isoInstant, type GoldenSignal, type SignalPoint } from '@xops/contracts';
import type { StoredSignalBucket } from '@xops/store';
import { histogramQuantile } from './histogram-quantile';

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** A point with nothing to show: no data, or data the step cannot place. */
const emptyPoint = (at: number): SignalPoint => ({
  at: isoInstant(at), requestsPerSecond: null, errorRatio: null, latencyP50: null, latencyP90: null, latencyP99: null, saturation: null,
});

/**
 * The golden signals of one service, one point per step at `from + k·step` up to `to`, each
 * summarising the buckets that start in `[at − step, at)`: requests per second (increase over the
 * step's seconds, as PromQL's `rate` over a range of one step), the error ratio (errors over
 * requests), latency p50/p90/p99 (`histogramQuantile` over the summed bucket increases, as
 * `histogram_quantile(φ, sum by (le) (increase(…_bucket[step])))`) and the saturation mean.
 * A signal not declared, or without data in a step (nothing scraped yet), is null there.
 *
 * Buckets are 10 s, or 1 min once rolled up (`compactSignalBuckets`). A step that is a whole
 * number of a bucket's resolution takes the bucket whole, in the step its start falls in; a step
 * that is not (10 s over minutes, or 90 s) cannot tell where in the minute its counts fell, so
 * every point whose `[at − step, at)` overlaps such a bucket is null rather than a guess.
 */
export function signalPoints(buckets: readonly StoredSignalBucket[], options: { from: number; to: number; stepMs: number; declared: readonly GoldenSignal[] }): SignalPoint[] {
  const { from, to, stepMs, declared } = options;
  const points: SignalPoint[] = [];
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  const longest = sorted.reduce((most, bucket) => Math.max(most, bucket.resolutionMs), 0);
  let next = 0;
  for (let at = from; at <= to; at += stepMs) {
    const windowStart = at - stepMs;
    let requests = 0;
    let counted = false;
    let errors = 0;
    let saturation = 0;
    let readings = 0;
    let unplaced = false;
    const latency = new Map<string, number>();
    // Buckets that end before this window cannot reach a later one either.
    while (next < sorted.length && (sorted[next]?.start ?? Infinity) + longest <= windowStart) next++;
    for (let index = next; index < sorted.length; index++) {
      const bucket = sorted[index];
      if (bucket === undefined || bucket.start >= at) break;
      if (stepMs % bucket.resolutionMs !== 0) {
        if (bucket.start + bucket.resolutionMs > windowStart) unplaced = true;
        continue;
      }
      if (bucket.start < windowStart) continue;
      if (bucket.signal === 'requests') {
        requests += bucket.value;
        counted = true;
      }
      else if (bucket.signal === 'errors') errors += bucket.value;
      else if (bucket.signal === 'saturation') {
        saturation += bucket.value;
        readings += bucket.samples;
      } else latency.set(bucket.le, (latency.get(bucket.le) ?? 0) + bucket.value);
    }
    if (unplaced) {
      points.push(emptyPoint(at));
      continue;
    }
    const histogram = [...latency].map(([le, count]) => ({ upperBound: le === '+Inf' ? Infinity : Number(le), count }));
    const quantile = (q: number) => (declared.includes('latency') ? finiteOrNull(histogramQuantile(q, histogram)) : null);
    points.push({
      at: isoInstant(at),
      requestsPerSecond: declared.includes('requests') && counted ? requests / (stepMs / 1000) : null,
      errorRatio: declared.includes('errors') && requests > 0 ? Math.min(1, errors / requests) : null,
      latencyP50: quantile(0.5),
      latencyP90: quantile(0.9),
      latencyP99: quantile(0.99),
      saturation: declared.includes('saturation') && readings > 0 ? saturation / readings : null,
    });
  }
  return points;
}
