import { describe, expect, it } from 'vitest';
import { bucketSteps, rangeBuckets } from './range-buckets';

const FROM = 1_000_000_000_000; // a multiple of 10 s
const step = (k: number) => FROM - 1 + k * 10_000;
const series = (labels: Record<string, string>, values: (number | undefined)[]) => ({
  labels, points: values.flatMap((value, k) => (value === undefined ? [] : [[step(k), value] as const])),
});

describe('rangeBuckets', () => {
  it('evaluates 1 ms before each bucket boundary', () => {
    expect(bucketSteps(FROM, FROM + 30_000)).toEqual({ startMs: FROM - 1, endMs: FROM + 29_999, stepMs: 10_000 });
  });

  it('gives each bucket the gain between its two steps, summed over series; a reset counts its new value', () => {
    const total = [series({ code: '200' }, [10, 16, 22, 28]), series({ code: '500' }, [5, 6, 1, 3])];
    const good = [series({ code: '200' }, [10, 16, 22, 28])];
    // Bucket 1: 500 went 6 → 1, a reset, so it gained 1 (Prometheus `increase` reads it the same way).
    expect(rangeBuckets([{ role: 'good', series: good }, { role: 'total', series: total }], FROM, FROM + 30_000)).toEqual([
      { start: FROM, good: 6, total: 7 },
      { start: FROM + 10_000, good: 6, total: 7 },
      { start: FROM + 20_000, good: 6, total: 8 },
    ]);
  });

  it('takes good as total − bad, keeps good within 0…total, and leaves empty buckets out', () => {
    const total = [series({}, [0, 10, 10, 20])];
    const bad = [series({}, [0, 2, 2, 30])];
    expect(rangeBuckets([{ role: 'bad', series: bad }, { role: 'total', series: total }], FROM, FROM + 30_000)).toEqual([
      { start: FROM, good: 8, total: 10 },
      { start: FROM + 20_000, good: 0, total: 10 },
    ]);
  });

  it('only sets a baseline where a series appears or comes back after a gap', () => {
    const total = [series({}, [undefined, 5, 9, undefined, 20, 26])];
    expect(rangeBuckets([{ role: 'good', series: total }, { role: 'total', series: total }], FROM, FROM + 50_000)).toEqual([
      { start: FROM + 10_000, good: 4, total: 4 },
      { start: FROM + 40_000, good: 6, total: 6 },
    ]);
  });

  it('reads only the histogram bucket whose le is the objective value, as 0.3 or +Inf', () => {
    const buckets = [series({ le: '0.1' }, [0, 1]), series({ le: '0.3' }, [0, 3]), series({ le: '+Inf' }, [0, 4])];
    const count = [series({}, [0, 4])];
    expect(rangeBuckets([{ role: 'good', le: 0.3, series: buckets }, { role: 'total', series: count }], FROM, FROM + 10_000)).toEqual([{ start: FROM, good: 3, total: 4 }]);
    expect(rangeBuckets([{ role: 'bad', le: Number.POSITIVE_INFINITY, series: buckets }, { role: 'total', series: count }], FROM, FROM + 10_000)).toEqual([{ start: FROM, good: 0, total: 4 }]);
  });
});
