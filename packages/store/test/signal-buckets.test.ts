import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, openTestStore, testDatabaseEngines } from '@xops/store';
import type { SignalBucket, TestStore } from '@xops/store';
import { runRawSql } from './raw-sql';

/** 2025-03-01T10:00:00Z, the start of a 10-second bucket. */
const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);
const S = 1000;
const MIN = 60 * S;
const DAY = 24 * 60 * MIN;

type Row = Omit<SignalBucket, 'service' | 'samples'> & { samples?: number };
const rows = (service: string, list: readonly Row[]): SignalBucket[] => list.map((row) => ({ samples: 1, ...row, service }));

describe.each(testDatabaseEngines())('golden-signal buckets on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine); });
  afterEach(() => t.cleanup());

  it('adds values and samples per service, signal, bound and bucket, and reads one service by range', async () => {
    expect(await t.store.writeSignalBuckets([
      { service: 'checkout', signal: 'requests', le: '', start: T0, value: 90, samples: 1 },
      { service: 'checkout', signal: 'requests', le: '', start: T0, value: 10, samples: 1 },
      { service: 'checkout', signal: 'latency', le: '+Inf', start: T0, value: 100, samples: 1 },
      { service: 'checkout', signal: 'latency', le: '0.1', start: T0, value: 40, samples: 1 },
      { service: 'search', signal: 'requests', le: '', start: T0, value: 7, samples: 1 },
    ])).toBe(4);
    await t.store.writeSignalBuckets([
      { service: 'checkout', signal: 'saturation', le: '', start: T0 + 10_000, value: 1.5, samples: 3 },
      { service: 'checkout', signal: 'requests', le: '', start: T0, value: 0.5, samples: 1 },
    ]);
    const fine = { service: 'checkout', resolutionMs: 10_000 };
    expect(await t.store.readSignalBuckets('checkout', T0, T0 + 10_000)).toEqual([
      { ...fine, signal: 'latency', le: '+Inf', start: T0, value: 100, samples: 1 },
      { ...fine, signal: 'latency', le: '0.1', start: T0, value: 40, samples: 1 },
      { ...fine, signal: 'requests', le: '', start: T0, value: 100.5, samples: 3 },
    ]);
    expect(await t.store.readSignalBuckets('checkout', T0 + 10_000, T0 + 20_000)).toEqual([
      { ...fine, signal: 'saturation', le: '', start: T0 + 10_000, value: 1.5, samples: 3 },
    ]);
  });

  it('refuses a start off the 10-second grid, writing nothing', async () => {
    await expect(t.store.writeSignalBuckets([
      { service: 'a', signal: 'requests', le: '', start: T0, value: 1, samples: 1 },
      { service: 'a', signal: 'requests', le: '', start: T0 + 5, value: 1, samples: 1 },
    ])).rejects.toThrow(RangeError);
    expect(await t.store.readSignalBuckets('a', T0, T0 + 60_000)).toEqual([]);
  });

  it('keeps the rows of a database from before roll-ups existed as 10-second rows (migration 0006)', async () => {
    // The table as 0003 made it, one row in it, and 0006 not yet applied.
    const text = engine === 'postgres' ? 'text collate "C"' : 'text';
    await runRawSql(engine, t.options, `drop table signal_buckets;
      create table signal_buckets (service ${text} not null, signal ${text} not null, le ${text} not null,
        start_ms bigint not null check (start_ms >= 0), value double precision not null, samples double precision not null,
        constraint signal_buckets_pk primary key (service, start_ms, signal, le));
      insert into signal_buckets values ('checkout', 'requests', '', ${T0}, 42, 1);
      delete from kysely_migration where name = '0006-signal-rollup';`);
    const upgraded = await openStore(t.options);
    try {
      expect(await upgraded.readSignalBuckets('checkout', 0, T0 + DAY)).toEqual([
        { service: 'checkout', signal: 'requests', le: '', start: T0, resolutionMs: 10_000, value: 42, samples: 1 },
      ]);
      expect(await upgraded.compactSignalBuckets(T0 + DAY + MIN)).toBe(1);
      expect(await upgraded.readSignalBuckets('checkout', 0, T0 + DAY)).toEqual([
        { service: 'checkout', signal: 'requests', le: '', start: T0, resolutionMs: 60_000, value: 42, samples: 1 },
      ]);
    } finally {
      await upgraded.close();
    }
  });

  describe('roll-up into minutes', () => {
    // now = T0 + 24 h + 90 s: the minutes that ended by now − 24 h = T0 + 90 s are those before T0 + 60 s.
    const now = T0 + DAY + 90 * S;
    const minute = (row: Omit<Row, 'samples'> & { samples: number }) => ({ service: 'checkout', resolutionMs: 60_000, ...row });
    const fine = (row: Omit<Row, 'samples'> & { samples: number }) => ({ service: 'checkout', resolutionMs: 10_000, ...row });

    beforeEach(async () => {
      await t.store.writeSignalBuckets([
        // Minute T0 of checkout: requests 10 + 20 + … + 60 = 210 in six rows.
        ...rows('checkout', [10, 20, 30, 40, 50, 60].map((value, i) => ({ signal: 'requests', le: '', start: T0 + i * 10 * S, value }))),
        // Latency: ≤ 0.1 s 4 + 6 = 10, all 5 + 7 = 12; saturation readings 1.25 (3 of them) and 0.75 (1).
        ...rows('checkout', [
          { signal: 'latency', le: '0.1', start: T0, value: 4 }, { signal: 'latency', le: '0.1', start: T0 + 30 * S, value: 6 },
          { signal: 'latency', le: '+Inf', start: T0, value: 5 }, { signal: 'latency', le: '+Inf', start: T0 + 30 * S, value: 7 },
          { signal: 'saturation', le: '', start: T0 + 10 * S, value: 1.25, samples: 3 }, { signal: 'saturation', le: '', start: T0 + 40 * S, value: 0.75 },
          // Minute T0 − 60 s; minutes not yet a day old stay at 10 s.
          { signal: 'requests', le: '', start: T0 - 30 * S, value: 7 },
          { signal: 'requests', le: '', start: T0 + 60 * S, value: 9 },
          { signal: 'requests', le: '', start: T0 + 70 * S, value: 11 },
        ]),
        ...rows('search', [{ signal: 'requests', le: '', start: T0 + 20 * S, value: 3 }]),
      ]);
    });

    it('rolls the 10-second rows of minutes older than a day into 1-minute sums, per service, signal and bound', async () => {
      // 6 requests + 4 latency + 2 saturation + 1 of minute T0 − 60 s for checkout, 1 for search.
      expect(await t.store.compactSignalBuckets(now)).toBe(14);
      expect(await t.store.readSignalBuckets('checkout', T0 - MIN, T0 + 2 * MIN)).toEqual([
        minute({ signal: 'requests', le: '', start: T0 - MIN, value: 7, samples: 1 }),
        minute({ signal: 'latency', le: '+Inf', start: T0, value: 12, samples: 2 }),
        minute({ signal: 'latency', le: '0.1', start: T0, value: 10, samples: 2 }),
        minute({ signal: 'requests', le: '', start: T0, value: 210, samples: 6 }),
        // The mean reading stays (1.25 + 0.75) / 4 = 0.5.
        minute({ signal: 'saturation', le: '', start: T0, value: 2, samples: 4 }),
        fine({ signal: 'requests', le: '', start: T0 + 60 * S, value: 9, samples: 1 }),
        fine({ signal: 'requests', le: '', start: T0 + 70 * S, value: 11, samples: 1 }),
      ]);
      expect(await t.store.readSignalBuckets('search', 0, now)).toEqual([
        { service: 'search', resolutionMs: 60_000, signal: 'requests', le: '', start: T0, value: 3, samples: 1 },
      ]);
    });

    it('is idempotent: a second run at the same time changes nothing', async () => {
      await t.store.compactSignalBuckets(now);
      const once = await t.store.readSignalBuckets('checkout', 0, now);
      expect(await t.store.compactSignalBuckets(now)).toBe(0);
      expect(await t.store.readSignalBuckets('checkout', 0, now)).toEqual(once);
    });

    it('keeps a late 10-second row beside its rolled-up minute, then adds it at the next run', async () => {
      await t.store.compactSignalBuckets(now);
      await t.store.writeSignalBuckets(rows('checkout', [{ signal: 'requests', le: '', start: T0 + 10 * S, value: 5 }]));
      expect(await t.store.readSignalBuckets('checkout', T0, T0 + MIN)).toEqual([
        minute({ signal: 'latency', le: '+Inf', start: T0, value: 12, samples: 2 }),
        minute({ signal: 'latency', le: '0.1', start: T0, value: 10, samples: 2 }),
        minute({ signal: 'requests', le: '', start: T0, value: 210, samples: 6 }),
        minute({ signal: 'saturation', le: '', start: T0, value: 2, samples: 4 }),
        fine({ signal: 'requests', le: '', start: T0 + 10 * S, value: 5, samples: 1 }),
      ]);
      expect(await t.store.compactSignalBuckets(now)).toBe(1);
      expect((await t.store.readSignalBuckets('checkout', T0, T0 + MIN)).filter((row) => row.signal === 'requests')).toEqual([
        minute({ signal: 'requests', le: '', start: T0, value: 215, samples: 7 }),
      ]);
    });

    it('rolls up only whole minutes: a minute that ends after now − 24 h waits', async () => {
      // At T0 + 24 h + 59 s, now − 24 h is T0 + 59 s: only minute T0 − 60 s has ended; minute T0's 12 rows wait.
      expect(await t.store.compactSignalBuckets(T0 + DAY + 59 * S)).toBe(1);
      expect((await t.store.readSignalBuckets('checkout', T0, T0 + MIN)).map((row) => row.resolutionMs)).toEqual(Array.from({ length: 12 }, () => 10_000));
    });
  });
});
