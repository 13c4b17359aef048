import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';

const TTL = 15_000;

describe.each(testDatabaseEngines())('leases on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine); });
  afterEach(() => t.cleanup());

  it('gives a free lease to the first holder until now + ttl, and not to another', async () => {
    expect(await t.store.getLease('slo-eval')).toBeUndefined();
    expect(await t.store.acquireLease('slo-eval', 'replica-a', 1_000, TTL)).toBe(true);
    expect(await t.store.getLease('slo-eval')).toEqual({ holder: 'replica-a', expiresAt: 16_000 });

    expect(await t.store.acquireLease('slo-eval', 'replica-b', 2_000, TTL)).toBe(false);
    expect(await t.store.getLease('slo-eval')).toEqual({ holder: 'replica-a', expiresAt: 16_000 });
    // Another lease name is another lease.
    expect(await t.store.acquireLease('notify', 'replica-b', 2_000, TTL)).toBe(true);
  });

  it('renews for the holder, and passes an expired lease to whoever asks', async () => {
    await t.store.acquireLease('slo-eval', 'replica-a', 1_000, TTL);
    expect(await t.store.acquireLease('slo-eval', 'replica-a', 10_000, TTL)).toBe(true);
    expect(await t.store.getLease('slo-eval')).toEqual({ holder: 'replica-a', expiresAt: 25_000 });

    expect(await t.store.acquireLease('slo-eval', 'replica-b', 24_999, TTL)).toBe(false);
    // Expired at 25 000 exactly: the lease runs for [acquired, expiresAt).
    expect(await t.store.acquireLease('slo-eval', 'replica-b', 25_000, TTL)).toBe(true);
    expect(await t.store.getLease('slo-eval')).toEqual({ holder: 'replica-b', expiresAt: 40_000 });
    // The old holder, back from a pause, cannot renew what is no longer its own.
    expect(await t.store.acquireLease('slo-eval', 'replica-a', 26_000, TTL)).toBe(false);
  });

  it('lets exactly one of two competing holders win, every time', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `loop-${i}`);
    const results = await Promise.all(names.map((name) => Promise.all([
      t.store.acquireLease(name, 'replica-a', 1_000, TTL),
      t.store.acquireLease(name, 'replica-b', 1_000, TTL),
    ])));
    for (const [i, [a, b]] of results.entries()) {
      expect(a !== b, `lease ${names[i]}: a ${a}, b ${b}`).toBe(true);
      expect((await t.store.getLease(names[i]!))?.holder).toBe(a ? 'replica-a' : 'replica-b');
    }
  });

  it('lets exactly one of two replicas take over an expired lease', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `loop-${i}`);
    for (const name of names) await t.store.acquireLease(name, 'dead-replica', 0, TTL);
    const results = await Promise.all(names.map((name) => Promise.all([
      t.store.acquireLease(name, 'replica-a', 20_000, TTL),
      t.store.acquireLease(name, 'replica-b', 20_000, TTL),
    ])));
    expect(results.map(([a, b]) => Number(a) + Number(b))).toEqual(names.map(() => 1));
  });

  it('is released by its holder only', async () => {
    await t.store.acquireLease('slo-eval', 'replica-a', 1_000, TTL);
    await t.store.releaseLease('slo-eval', 'replica-b');
    expect(await t.store.getLease('slo-eval')).toEqual({ holder: 'replica-a', expiresAt: 16_000 });
    await t.store.releaseLease('slo-eval', 'replica-a');
    expect(await t.store.getLease('slo-eval')).toBeUndefined();
    expect(await t.store.acquireLease('slo-eval', 'replica-b', 2_000, TTL)).toBe(true);
  });

  it('refuses a ttl that is not a positive whole number of milliseconds', async () => {
    await expect(t.store.acquireLease('slo-eval', 'replica-a', 1_000, 0)).rejects.toThrow(RangeError);
    await expect(t.store.acquireLease('slo-eval', 'replica-a', 1_000, 1.5)).rejects.toThrow(RangeError);
  });
});
