import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile';

// Cumulative counts: 40 requests ≤ 0.1 s, 80 ≤ 0.5 s, 100 in all.
const buckets = [{ upperBound: 0.1, count: 40 }, { upperBound: 0.5, count: 80 }, { upperBound: Infinity, count: 100 }];

describe('histogramQuantile (Prometheus histogram_quantile)', () => {
  it('interpolates linearly inside the bucket the rank falls in', () => {
    // p50: rank 50 falls in (0.1, 0.5], 10 of its 40 → 0.1 + 0.4 × 10/40 = 0.2.
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.2, 12);
    // p20: rank 20 in the first bucket, which starts at 0: 0.1 × 20/40 = 0.05.
    expect(histogramQuantile(0.2, buckets)).toBeCloseTo(0.05, 12);
    // p80 lands exactly on the 0.5 bound: 0.1 + 0.4 × 40/40.
    expect(histogramQuantile(0.8, buckets)).toBeCloseTo(0.5, 12);
  });

  it('answers a rank in the +Inf bucket with the highest finite bound', () => {
    expect(histogramQuantile(0.9, buckets)).toBe(0.5);
    expect(histogramQuantile(0.99, buckets)).toBe(0.5);
  });

  it('sorts buckets, and raises a count that falls with the bound (ensureMonotonic)', () => {
    // 0.5's 30 is read as 40: rank 50 falls in (0.5, 1], 10 of 60 → 0.5 + 0.5 × 10/60.
    const torn = [{ upperBound: Infinity, count: 100 }, { upperBound: 1, count: 100 }, { upperBound: 0.5, count: 30 }, { upperBound: 0.1, count: 40 }];
    expect(histogramQuantile(0.5, torn)).toBeCloseTo(0.5 + 0.5 * 10 / 60, 12);
  });

  it('gives NaN without +Inf, with one bucket, or with no observations; ±Inf outside [0, 1]', () => {
    expect(histogramQuantile(0.5, buckets.slice(0, 2))).toBeNaN();
    expect(histogramQuantile(0.5, [{ upperBound: Infinity, count: 3 }])).toBeNaN();
    expect(histogramQuantile(0.5, buckets.map((bucket) => ({ ...bucket, count: 0 })))).toBeNaN();
    expect(histogramQuantile(1.5, buckets)).toBe(Infinity);
    expect(histogramQuantile(-1, buckets)).toBe(-Infinity);
  });

  it('returns a first bound ≤ 0 as it is, rather than interpolating from 0', () => {
    expect(histogramQuantile(0.5, [{ upperBound: -1, count: 10 }, { upperBound: Infinity, count: 10 }])).toBe(-1);
  });
});
