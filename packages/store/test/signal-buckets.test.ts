import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';

/** 2025-03-01T10:00:00Z, the start of a 10-second bucket. */
const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);

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
    expect(await t.store.readSignalBuckets('checkout', T0, T0 + 10_000)).toEqual([
      { service: 'checkout', signal: 'latency', le: '+Inf', start: T0, value: 100, samples: 1 },
      { service: 'checkout', signal: 'latency', le: '0.1', start: T0, value: 40, samples: 1 },
      { service: 'checkout', signal: 'requests', le: '', start: T0, value: 100.5, samples: 3 },
    ]);
    expect(await t.store.readSignalBuckets('checkout', T0 + 10_000, T0 + 20_000)).toEqual([
      { service: 'checkout', signal: 'saturation', le: '', start: T0 + 10_000, value: 1.5, samples: 3 },
    ]);
  });

  it('refuses a start off the 10-second grid, writing nothing', async () => {
    await expect(t.store.writeSignalBuckets([
      { service: 'a', signal: 'requests', le: '', start: T0, value: 1, samples: 1 },
      { service: 'a', signal: 'requests', le: '', start: T0 + 5, value: 1, samples: 1 },
    ])).rejects.toThrow(RangeError);
    expect(await t.store.readSignalBuckets('a', T0, T0 + 60_000)).toEqual([]);
  });
});
