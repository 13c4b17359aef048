import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesBucket } from './bucket';
import { SliSeries, type SliSeriesOptions } from './sli-series';
import { HOUR, MINUTE, SECOND } from './testing/slo-fixtures';

const T = Date.UTC(2026, 2, 1);
// A small fine tier and retention, so that a few hundred buckets fold, jump and expire.
const OPTIONS: SliSeriesOptions = { fineHorizonMs: 30 * MINUTE, retentionMs: 12 * HOUR, coarseCellMs: HOUR };
// The fine tier's length: 187 cells of 10 s. A bucket this long is the longest the bulk path takes.
const TIER_MS = 187 * 10 * SECOND;

/** Runs of buckets oldest first: each a resolution, a gap before it, a length, and counts (some fractional or out of order). */
const bucketsArb = fc.array(
  fc.record({
    resolutionMs: fc.constantFrom(10 * SECOND, 10 * SECOND, MINUTE, TIER_MS, HOUR),
    gapMs: fc.constantFrom(0, 0, 0, 10 * SECOND, 5 * MINUTE, 2 * HOUR, 20 * HOUR),
    count: fc.integer({ min: 1, max: 400 }),
    total: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 })),
    bad: fc.integer({ min: 0, max: 20 }),
    oddity: fc.oneof({ arbitrary: fc.constant('none'), weight: 12 }, fc.constantFrom('fraction', 'repeat', 'back')),
  }),
  { maxLength: 10 },
).map((runs) => {
  const buckets: SeriesBucket[] = [];
  let start = T;
  for (const run of runs) {
    start += run.gapMs;
    start = Math.ceil(start / run.resolutionMs) * run.resolutionMs;
    for (let k = 0; k < run.count; k++) {
      const total = run.oddity === 'fraction' && k === 0 ? run.total + 0.5 : run.total;
      buckets.push({ start, good: Math.max(0, total - run.bad), total, resolutionMs: run.resolutionMs });
      start += run.resolutionMs;
    }
    const last = buckets.at(-1)!;
    if (run.oddity === 'repeat') buckets.push({ ...last, good: 0 });
    if (run.oddity === 'back') buckets.push({ ...last, start: last.start - 3 * 10 * SECOND, resolutionMs: 10 * SECOND });
  }
  return buckets;
});

function windowsOf(series: SliSeries, to: number): number[] {
  const out = new Float64Array(2);
  const sums: number[] = [series.lastDataEnd, series.fineStart, series.end];
  // Up to well past the retention, where what the coarse tier dropped shows.
  for (const length of [10 * SECOND, 5 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 11 * HOUR, 13 * HOUR, 20 * HOUR, 40 * HOUR]) {
    for (const end of [to, to - 7 * MINUTE, to - 2 * HOUR, to - 9 * HOUR]) {
      series.sumInto(end - length, end, out);
      sums.push(out[0]!, out[1]!);
    }
  }
  return sums;
}

describe('SliSeries.loadInOrder', () => {
  it('leaves the series exactly as set one by one would, and goes on the same way', () => {
    fc.assert(fc.property(bucketsArb, fc.double({ min: 0, max: 1, noNaN: true }), (buckets, cut) => {
      const until = buckets.length === 0 ? T : buckets[0]!.start + cut * (buckets.at(-1)!.start - buckets[0]!.start + HOUR);
      const bulk = new SliSeries(OPTIONS);
      const taken = bulk.loadInOrder(buckets, 0, buckets.length, until);
      for (const bucket of buckets.slice(taken)) bulk.set(bucket);
      const oneByOne = new SliSeries(OPTIONS);
      for (const bucket of buckets) oneByOne.set(bucket);
      const to = (buckets.at(-1)?.start ?? T) + HOUR;
      expect(windowsOf(bulk, to)).toEqual(windowsOf(oneByOne, to));
      // The same state underneath: the next buckets fold and expire alike.
      const later = [to, to + 10 * SECOND, to + 7 * HOUR].map((start) => ({ start, good: 3, total: 4, resolutionMs: 10 * SECOND }));
      for (const bucket of later) expect(bulk.set(bucket)).toEqual(oneByOne.set(bucket));
      expect(windowsOf(bulk, to + 8 * HOUR)).toEqual(windowsOf(oneByOne, to + 8 * HOUR));
    }), { numRuns: 500 });
  });

  it('keeps the edges of set: a gap past the retention, long silence, buckets as long as the fine tier', () => {
    const run = (from: number, count: number, resolutionMs: number, good: number, total: number): SeriesBucket[] =>
      Array.from({ length: count }, (_, k) => ({ start: from + k * resolutionMs, good, total, resolutionMs }));
    const after = (list: readonly SeriesBucket[], gapMs = 0): number => list.at(-1)!.start + list.at(-1)!.resolutionMs + gapMs;
    const data = run(T, 400, 10 * SECOND, 9, 10);
    const cases = [
      // The coarse tier moves on with the fine tier after a gap longer than both: what was before is gone.
      [...data, ...run(after(data, 20 * HOUR), 50, 10 * SECOND, 8, 10)],
      // Empty buckets are not folded, so they do not move the coarse tier: the data before stays.
      [...data, ...run(after(data), 5400, 10 * SECOND, 0, 0), ...run(after(data) + 5400 * 10 * SECOND, 20, 10 * SECOND, 7, 10)],
      // A bucket as long as the fine tier, right after the head, moves it by one tier less one cell.
      [...data, ...run(after(data), 30, TIER_MS, 0, 0), ...run(after(data) + 30 * TIER_MS, 3, TIER_MS, 5, 6)],
    ];
    for (const buckets of cases) {
      const bulk = new SliSeries(OPTIONS);
      expect(bulk.loadInOrder(buckets, 0, buckets.length)).toBe(buckets.length);
      const oneByOne = new SliSeries(OPTIONS);
      for (const bucket of buckets) oneByOne.set(bucket);
      const to = after(buckets, HOUR);
      expect(windowsOf(bulk, to)).toEqual(windowsOf(oneByOne, to));
    }
  });

  it('takes a month of 10-second buckets in one go, up to the first one that ends after `until`', () => {
    const series = new SliSeries();
    const buckets = Array.from({ length: 30 * 8640 }, (_, k): SeriesBucket => ({ start: T + k * 10_000, good: 99, total: 100, resolutionMs: 10_000 }));
    expect(series.loadInOrder(buckets, 0, buckets.length, T + 20 * 86_400_000)).toBe(20 * 8640);
    expect(series.sum(T, T + 20 * 86_400_000)).toEqual({ good: 99 * 20 * 8640, total: 100 * 20 * 8640 });
    expect(series.lastDataEnd).toBe(T + 20 * 86_400_000);
  });
});
