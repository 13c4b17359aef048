import { isoInstant, type GoldenSignal, type SignalPoint } from '@xops/contracts';
import type { SignalBucket } from '@xops/store';
import { histogramQuantile } from './histogram-quantile';

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * The golden signals of one service, one point per step at `from + k·step` up to `to`, each
 * summarising the buckets that start in `[at − step, at)`: requests per second (increase over the
 * step's seconds, as PromQL's `rate` over a range of one step), the error ratio (errors over
 * requests), latency p50/p90/p99 (`histogramQuantile` over the summed bucket increases, as
 * `histogram_quantile(φ, sum by (le) (increase(…_bucket[step])))`) and the saturation mean.
 * A signal not declared, or without data in a step (nothing scraped yet), is null there.
 */
export function signalPoints(buckets: readonly SignalBucket[], options: { from: number; to: number; stepMs: number; declared: readonly GoldenSignal[] }): SignalPoint[] {
  const { from, to, stepMs, declared } = options;
  const points: SignalPoint[] = [];
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  let next = 0;
  for (let at = from; at <= to; at += stepMs) {
    let requests = 0;
    let counted = false;
    let errors = 0;
    let saturation = 0;
    let readings = 0;
    const latency = new Map<string, number>();
    while (next < sorted.length && (sorted[next]?.start ?? Infinity) < at - stepMs) next++;
    for (let index = next; index < sorted.length; index++) {
      const bucket = sorted[index];
      if (bucket === undefined || bucket.start >= at) break;
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
