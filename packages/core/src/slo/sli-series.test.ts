import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesBucket } from './bucket';
import { SliSeries } from './sli-series';
import { DAY, HOUR, MINUTE, steadyBuckets } from './testing/slo-fixtures';

const T = Date.UTC(2026, 2, 1); // whole hour, on every grid
const fine = (start: number, good: number, total: number): SeriesBucket => ({ start, good, total, resolutionMs: 10_000 });

/** Σ of the buckets whose start lies in [from, to), each start counted once (the last value given wins). */
function naiveSum(buckets: readonly SeriesBucket[], from: number, to: number) {
  const latest = new Map<number, SeriesBucket>();
  for (const bucket of buckets) latest.set(bucket.start, bucket);
  let good = 0;
  let total = 0;
  for (const bucket of latest.values()) {
    if (bucket.start >= from && bucket.start < to) {
      good += bucket.good;
      total += bucket.total;
    }
  }
  return { good, total };
}

describe('SliSeries', () => {
  it('sums the buckets whose start lies in [from, to)', () => {
    const series = new SliSeries();
    series.set(fine(T, 9, 10));
    series.set(fine(T + 10_000, 5, 5));
    series.set(fine(T + 20_000, 0, 3));
    expect(series.sum(T, T + 30_000)).toEqual({ good: 14, total: 18 });
    expect(series.sum(T + 10_000, T + 20_000)).toEqual({ good: 5, total: 5 });
    expect(series.sum(T + 1, T + 20_001)).toEqual({ good: 5, total: 8 });
    expect(series.sum(T + 30_000, T + HOUR)).toEqual({ good: 0, total: 0 });
  });

  it('replaces a bucket given again, and a correction applies its difference', () => {
    const series = new SliSeries();
    series.set(fine(T, 90, 100));
    series.set(fine(T + 10_000, 100, 100));
    series.set(fine(T, 90, 100));
    expect(series.sum(T, T + MINUTE)).toEqual({ good: 190, total: 200 });
    series.set(fine(T, 40, 50));
    expect(series.sum(T, T + MINUTE)).toEqual({ good: 140, total: 150 });
    expect(series.sum(T + 10_000, T + MINUTE)).toEqual({ good: 100, total: 100 });
  });

  it('counts a 1-minute bucket at its start and lets it replace the six fine cells it covers', () => {
    const series = new SliSeries();
    for (const bucket of steadyBuckets(T, T + MINUTE, 10, 1)) series.set(bucket);
    series.set({ start: T, good: 50, total: 60, resolutionMs: MINUTE });
    expect(series.sum(T, T + MINUTE)).toEqual({ good: 50, total: 60 });
    expect(series.sum(T + 10_000, T + MINUTE)).toEqual({ good: 0, total: 0 });
  });

  it('refuses a bucket older than the fine tier and changes nothing', () => {
    const series = new SliSeries();
    for (const bucket of steadyBuckets(T, T + 7 * HOUR, 10)) series.set(bucket);
    const before = series.sum(T, T + 7 * HOUR);
    const result = series.set(fine(T + 10_000, 0, 10));
    expect(result).toMatchObject({ ok: false, error: { code: 'folded' } });
    expect(series.sum(T, T + 7 * HOUR)).toEqual(before);
    expect(before).toEqual({ good: 7 * 360 * 10, total: 7 * 360 * 10 });
  });

  it('ignores a bucket older than it keeps, and rejects malformed ones', () => {
    const series = new SliSeries({ retentionMs: DAY });
    series.set(fine(T + 3 * DAY, 1, 1));
    expect(series.set(fine(T, 1, 1))).toEqual({ ok: true, value: 'expired' });
    expect(series.set(fine(T + 3 * DAY + 5, 1, 1))).toMatchObject({ ok: false, error: { code: 'invalid-bucket' } });
    expect(series.set(fine(T + 3 * DAY, 2, 1))).toMatchObject({ ok: false, error: { code: 'invalid-bucket' } });
    expect(series.set(fine(T + 3 * DAY, Number.NaN, 1))).toMatchObject({ ok: false, error: { code: 'invalid-bucket' } });
  });

  it('takes a window edge inside a coarse hour pro rata', () => {
    const series = new SliSeries();
    for (const bucket of steadyBuckets(T, T + 2 * DAY, 100)) series.set(bucket);
    // Steady traffic: [end − 1 d − 30 min, end) holds 24.5 h × 360 buckets × 100 events, whatever the tier.
    const end = T + 2 * DAY;
    expect(series.sum(end - DAY - 30 * MINUTE, end)).toEqual({ good: 882_000, total: 882_000 });
    // Across the boundary of the fine tier (6 h + 1 min behind the newest cell) as well.
    expect(series.sum(end - 7 * HOUR - 15 * MINUTE, end - 5 * HOUR)).toEqual({ good: 81_000, total: 81_000 });
  });

  it('keeps sums exact across a gap longer than both tiers and across a rebase of huge counts', () => {
    const series = new SliSeries({ retentionMs: DAY });
    series.set(fine(T, 5, 10));
    // Two days later: everything before has expired from a 1-day series.
    series.set(fine(T + 2 * DAY, 7, 7));
    expect(series.sum(T, T + 3 * DAY)).toEqual({ good: 7, total: 7 });
    // 2^48 events per bucket: cumulative sums pass 2^50 and are rebased; 5 × 2^48 is still exact.
    const huge = 2 ** 48;
    for (let i = 1; i <= 20; i++) series.set(fine(T + 2 * DAY + i * 10_000, huge, huge));
    expect(series.sum(T + 2 * DAY + 160_000, T + 2 * DAY + 210_000)).toEqual({ good: 5 * huge, total: 5 * huge });
  });

  it('keeps a 30-day series within 50 KB', () => {
    // Fine: ⌈(6 h + 1 min) / 10 s⌉ + 1 = 2 167 cells; coarse: 721 h / 1 h + 2 = 723 cells. Each ring
    // keeps one slot more than its cells (the sum before the oldest), 16 bytes a slot:
    // (2 168 + 724) × 16 = 46 272 bytes.
    expect(new SliSeries({ retentionMs: 30 * DAY + HOUR }).byteSize).toBe(46_272);
  });

  it('remembers when data last came', () => {
    const series = new SliSeries();
    expect(series.lastDataEnd).toBe(Number.NEGATIVE_INFINITY);
    series.set(fine(T, 0, 0));
    expect(series.lastDataEnd).toBe(Number.NEGATIVE_INFINITY);
    series.set(fine(T + 10_000, 1, 2));
    series.set(fine(T, 1, 1));
    expect(series.lastDataEnd).toBe(T + 20_000);
  });

  const bucketsWithin = (spanMs: number) => fc.array(
    fc.record({ cell: fc.integer({ min: 0, max: spanMs / 10_000 - 1 }), total: fc.integer({ min: 0, max: 1000 }), bad: fc.integer({ min: 0, max: 1000 }) }),
    { maxLength: 300 },
  ).map((list) => list.map(({ cell, total, bad }) => fine(T + cell * 10_000, Math.max(0, total - bad), total)));

  it('sums like a naive recomputation over any window within the fine tier (property)', () => {
    fc.assert(fc.property(bucketsWithin(6 * HOUR), fc.integer({ min: 0, max: 2160 }), fc.integer({ min: 0, max: 2160 }), (buckets, a, b) => {
      const series = new SliSeries();
      for (const bucket of buckets) series.set(bucket);
      const from = T + Math.min(a, b) * 10_000 - 3_000;
      const to = T + Math.max(a, b) * 10_000 + 4_000;
      expect(series.sum(from, to)).toEqual(naiveSum(buckets, from, to));
    }));
  });

  it('gives the same sums whatever order the buckets come in (property)', () => {
    fc.assert(fc.property(bucketsWithin(6 * HOUR).chain((buckets) => fc.tuple(fc.constant(buckets), fc.shuffledSubarray(buckets, { minLength: buckets.length }))), ([inOrder, shuffled]) => {
      // Distinct starts, so "the last value wins" cannot depend on the order.
      const unique = [...new Map(inOrder.map((bucket) => [bucket.start, bucket])).values()];
      const mixed = shuffled.filter((bucket) => unique.includes(bucket));
      const a = new SliSeries();
      const b = new SliSeries();
      for (const bucket of [...unique].sort((x, y) => x.start - y.start)) a.set(bucket);
      for (const bucket of mixed) b.set(bucket);
      for (const [from, to] of [[T, T + 6 * HOUR], [T + HOUR, T + 2 * HOUR], [T + 5 * MINUTE, T + 5 * HOUR]] as const) {
        expect(b.sum(from, to)).toEqual(a.sum(from, to));
      }
    }));
  });

  it('sums like a naive recomputation over whole coarse hours of a long series (property)', () => {
    const days = fc.array(fc.record({ hour: fc.integer({ min: 0, max: 71 }), total: fc.integer({ min: 1, max: 500 }), bad: fc.integer({ min: 0, max: 500 }) }), { maxLength: 60 });
    fc.assert(fc.property(days, fc.integer({ min: 0, max: 72 }), (spikes, fromHour) => {
      // Three days of steady data with bad spikes in chosen 10-second buckets, fed in time order.
      const byStart = new Map(steadyBuckets(T, T + 3 * DAY, 10).map((bucket) => [bucket.start, bucket]));
      for (const { hour, total, bad } of spikes) byStart.set(T + hour * HOUR + 20_000, fine(T + hour * HOUR + 20_000, Math.max(0, total - bad), total));
      const buckets = [...byStart.values()].sort((x, y) => x.start - y.start);
      const series = new SliSeries();
      for (const bucket of buckets) series.set(bucket);
      const from = T + fromHour * HOUR;
      expect(series.sum(from, T + 3 * DAY)).toEqual(naiveSum(buckets, from, T + 3 * DAY));
    }), { numRuns: 30 });
  });
});
