import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';

const S = 1000;
const MIN = 60 * S;
const DAY = 24 * 60 * MIN;
/** 2025-03-01T10:00:00Z: a whole minute, so a whole 10-second bucket too. */
const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);

describe.each(testDatabaseEngines())('SLI buckets on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine); });
  afterEach(() => t.cleanup());

  it('replace overwrites a bucket and add adds to it; the answer counts the buckets written', async () => {
    expect(await t.store.writeBuckets('api', [{ start: T0, good: 9, total: 10 }, { start: T0 + 10 * S, good: 5, total: 5 }], 'replace')).toBe(2);
    expect(await t.store.writeBuckets('api', [{ start: T0, good: 1, total: 2 }], 'replace')).toBe(1);
    expect(await t.store.readBuckets('api', T0, T0 + MIN)).toEqual([
      { start: T0, resolutionMs: 10_000, good: 1, total: 2 },
      { start: T0 + 10 * S, resolutionMs: 10_000, good: 5, total: 5 },
    ]);

    // 1/2 plus 1/2, then plus 3/4 given as 1/1 and 2/3 in one call (summed first): 5/8.
    await t.store.writeBuckets('api', [{ start: T0, good: 1, total: 2 }], 'add');
    expect(await t.store.writeBuckets('api', [{ start: T0, good: 1, total: 1 }, { start: T0, good: 2, total: 3 }], 'add')).toBe(1);
    expect(await t.store.readBuckets('api', T0, T0 + 10 * S)).toEqual([{ start: T0, resolutionMs: 10_000, good: 5, total: 8 }]);
  });

  it('replace is idempotent: the same buckets twice leave the same data', async () => {
    const buckets = [{ start: T0, good: 0.5, total: 1.25 }, { start: T0 + 20 * S, good: 3, total: 4 }];
    await t.store.writeBuckets('api', buckets, 'replace');
    const once = await t.store.readBuckets('api', 0, T0 + DAY);
    await t.store.writeBuckets('api', buckets, 'replace');
    expect(await t.store.readBuckets('api', 0, T0 + DAY)).toEqual(once);
    expect(once).toEqual([
      { start: T0, resolutionMs: 10_000, good: 0.5, total: 1.25 },
      { start: T0 + 20 * S, resolutionMs: 10_000, good: 3, total: 4 },
    ]);
  });

  it('refuses a start off the 10-second grid, and bad counts, writing nothing of the call', async () => {
    const offGrid = t.store.writeBuckets('api', [{ start: T0, good: 1, total: 1 }, { start: T0 + 5 * S, good: 1, total: 1 }], 'replace');
    await expect(offGrid).rejects.toThrow(RangeError);
    await expect(offGrid).rejects.toThrow(`bucket start ${T0 + 5000} is not a multiple of 10000 ms: buckets are 10 seconds from the epoch (the bucket holding it starts at ${T0})`);
    await expect(t.store.writeBuckets('api', [{ start: T0, good: 3, total: 2 }], 'add')).rejects.toThrow('counts must be finite with 0 ≤ good ≤ total');
    await expect(t.store.writeBuckets('api', [{ start: T0, good: -1, total: 2 }], 'add')).rejects.toThrow(RangeError);
    await expect(t.store.writeBuckets('api', [{ start: T0, good: 1, total: Infinity }], 'add')).rejects.toThrow(RangeError);
    await expect(t.store.writeBuckets('api', [{ start: -10_000, good: 1, total: 1 }], 'add')).rejects.toThrow(RangeError);
    expect(await t.store.readBuckets('api', 0, T0 + DAY)).toEqual([]);
    expect(await t.store.readBucketChanges(0, 10)).toEqual([]);
  });

  it('reads [from, to) of one series, oldest first', async () => {
    await t.store.writeBuckets('api', [30, 0, 10, 20].map((s) => ({ start: T0 + s * S, good: s, total: 30 })), 'replace');
    await t.store.writeBuckets('web', [{ start: T0 + 10 * S, good: 1, total: 1 }], 'replace');
    expect((await t.store.readBuckets('api', T0 + 10 * S, T0 + 30 * S)).map((b) => b.start)).toEqual([T0 + 10 * S, T0 + 20 * S]);
    expect(await t.store.readBuckets('api', T0 + 40 * S, T0 + MIN)).toEqual([]);
    expect(await t.store.writeBuckets('api', [], 'replace')).toBe(0);
  });

  it('streams changes in sequence order; a rewritten bucket moves to the end with its new counts', async () => {
    await t.store.writeBuckets('api', [{ start: T0, good: 1, total: 1 }, { start: T0 + 10 * S, good: 2, total: 2 }], 'replace'); // seq 1, 2
    await t.store.writeBuckets('web', [{ start: T0, good: 3, total: 3 }], 'replace'); // seq 3
    await t.store.writeBuckets('api', [{ start: T0, good: 4, total: 4 }], 'add'); // seq 4: 5/5

    expect(await t.store.readBucketChanges(0, 100)).toEqual([
      { seriesKey: 'api', seq: 2, start: T0 + 10 * S, resolutionMs: 10_000, good: 2, total: 2 },
      { seriesKey: 'web', seq: 3, start: T0, resolutionMs: 10_000, good: 3, total: 3 },
      { seriesKey: 'api', seq: 4, start: T0, resolutionMs: 10_000, good: 5, total: 5 },
    ]);
    expect((await t.store.readBucketChanges(2, 100)).map((c) => c.seq)).toEqual([3, 4]);
    expect((await t.store.readBucketChanges(0, 1)).map((c) => c.seq)).toEqual([2]);
    expect(await t.store.readBucketChanges(4, 100)).toEqual([]);
  });

  it('numbers concurrent writes without holes, so a follower misses nothing', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) =>
      t.store.writeBuckets(`series-${i}`, Array.from({ length: 50 }, (_, j) => ({ start: T0 + j * 10 * S, good: j, total: 50 })), 'replace')));
    const seqs = (await t.store.readBucketChanges(0, 1000)).map((c) => c.seq);
    expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
  });

  it('lets a follower polling during concurrent writes see every bucket', async () => {
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let round = 0; round < 15; round++) {
        const buckets = Array.from({ length: 10 }, (_, j) => ({ start: T0 + (round * 10 + j) * 10 * S, good: 1, total: 1 }));
        await t.store.writeBuckets(`writer-${w}`, buckets, 'replace');
      }
    });
    const seen = new Set<string>();
    let after = 0;
    const poll = async () => {
      for (const change of await t.store.readBucketChanges(after, 10_000)) {
        seen.add(`${change.seriesKey}@${change.start}`);
        after = change.seq;
      }
    };
    let done = false;
    const writing = Promise.all(writers).finally(() => { done = true; });
    while (!done) await poll();
    await writing;
    await poll();
    expect(seen.size).toBe(6 * 15 * 10);
  });

  describe('compaction', () => {
    // now = T0 + 24 h + 90 s: the minutes that ended by now − 24 h = T0 + 90 s are those before T0 + 60 s.
    const now = T0 + DAY + 90 * S;

    beforeEach(async () => {
      // Minute T0 of "api": 10 + 9 + 10 + 10 + 8 + 10 = 57 good of 60.
      await t.store.writeBuckets('api', [10, 9, 10, 10, 8, 10].map((good, i) => ({ start: T0 + i * 10 * S, good, total: 10 })), 'replace');
      await t.store.writeBuckets('api', [
        { start: T0 - 30 * S, good: 1, total: 2 }, // minute T0 − 60 s
        { start: T0 + 60 * S, good: 7, total: 10 }, // minutes not yet due stay at 10 s
        { start: T0 + 70 * S, good: 10, total: 10 },
      ], 'replace');
      await t.store.writeBuckets('web', [{ start: T0 + 20 * S, good: 3, total: 4 }], 'replace');
    });

    it('rolls 10-second buckets of minutes older than a day into 1-minute sums', async () => {
      expect(await t.store.compactBuckets(now)).toBe(8);
      expect(await t.store.readBuckets('api', T0 - MIN, T0 + 2 * MIN)).toEqual([
        { start: T0 - MIN, resolutionMs: 60_000, good: 1, total: 2 },
        { start: T0, resolutionMs: 60_000, good: 57, total: 60 },
        { start: T0 + 60 * S, resolutionMs: 10_000, good: 7, total: 10 },
        { start: T0 + 70 * S, resolutionMs: 10_000, good: 10, total: 10 },
      ]);
      expect(await t.store.readBuckets('web', 0, now)).toEqual([{ start: T0, resolutionMs: 60_000, good: 3, total: 4 }]);
    });

    it('is idempotent: a second run at the same time changes nothing', async () => {
      await t.store.compactBuckets(now);
      const once = await t.store.readBuckets('api', 0, now);
      expect(await t.store.compactBuckets(now)).toBe(0);
      expect(await t.store.readBuckets('api', 0, now)).toEqual(once);
    });

    it('reads across the resolution boundary by bucket start', async () => {
      await t.store.compactBuckets(now);
      // The minute at T0 starts before T0 + 30 s, so it is not in [T0 + 30 s, T0 + 70 s).
      expect(await t.store.readBuckets('api', T0 + 30 * S, T0 + 70 * S)).toEqual([
        { start: T0 + 60 * S, resolutionMs: 10_000, good: 7, total: 10 },
      ]);
      expect((await t.store.readBuckets('api', T0, T0 + 61 * S)).map((b) => [b.start - T0, b.resolutionMs])).toEqual([[0, 60_000], [60_000, 10_000]]);
    });

    it('adds late 10-second data to a minute that is already compacted', async () => {
      await t.store.compactBuckets(now);
      await t.store.writeBuckets('api', [{ start: T0 + 10 * S, good: 1, total: 1 }], 'add');
      // Until the next run, both rows are read: a window's sum is still right.
      expect(await t.store.readBuckets('api', T0, T0 + MIN)).toEqual([
        { start: T0, resolutionMs: 60_000, good: 57, total: 60 },
        { start: T0 + 10 * S, resolutionMs: 10_000, good: 1, total: 1 },
      ]);
      expect(await t.store.compactBuckets(now)).toBe(1);
      expect(await t.store.readBuckets('api', T0, T0 + MIN)).toEqual([{ start: T0, resolutionMs: 60_000, good: 58, total: 61 }]);
    });

    it('puts the rolled-up minutes on the change stream after everything before', async () => {
      const before = await t.store.readBucketChanges(0, 100);
      const last = Math.max(...before.map((c) => c.seq));
      expect(last).toBe(10);
      await t.store.compactBuckets(now);
      const changes = await t.store.readBucketChanges(last, 100);
      // Ordered by series, then minute: api T0 − 60 s, api T0, web T0.
      expect(changes).toEqual([
        { seriesKey: 'api', seq: 11, start: T0 - MIN, resolutionMs: 60_000, good: 1, total: 2 },
        { seriesKey: 'api', seq: 12, start: T0, resolutionMs: 60_000, good: 57, total: 60 },
        { seriesKey: 'web', seq: 13, start: T0, resolutionMs: 60_000, good: 3, total: 4 },
      ]);
    });
  });

  it('writes 100,000 buckets in one call quickly', async () => {
    const buckets = Array.from({ length: 100_000 }, (_, i) => ({ start: T0 + i * 10 * S, good: i % 10, total: 10 }));
    const started = performance.now();
    expect(await t.store.writeBuckets('bulk', buckets, 'replace')).toBe(100_000);
    const elapsed = performance.now() - started;
    const read = await t.store.readBuckets('bulk', T0, T0 + 100_000 * 10 * S);
    expect(read).toHaveLength(100_000);
    expect(read.at(-1)).toEqual({ start: T0 + 99_999 * 10 * S, resolutionMs: 10_000, good: 9, total: 10 });
    expect(elapsed).toBeLessThan(10_000);
  });
});
