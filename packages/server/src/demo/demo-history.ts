import { seriesKeyForSli, seriesKeyForThreshold } from '@xops/contracts';
import { FINE_BUCKET_MS, type Bucket } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { createRequestModel, DEMO_SERVICES } from './demo-request-model';
import { seededRandom } from './seeded-random';

/** How far back `backfillDemoHistory` simulates: one day, the finest resolution the store keeps. */
export const DEMO_HISTORY_MS = 86_400_000;

/** The latency objective of `examples/demo/slos.yaml` (cart-latency, Fast: ≤ 0.5 s). */
const CART_LATENCY = { service: 'cart', key: seriesKeyForThreshold('cart-latency', 'Fast'), seconds: 0.5 };

/**
 * Writes the last day of the demo fleet's healthy traffic into the store, so its SLO windows do
 * not start empty: every 10-second bucket of `[end - 24 h, end)`, `end` being the bucket boundary
 * at or before `now`, for every ratio SLI of `examples/demo/slos.yaml` (`<service>-requests`) and
 * the cart latency objective. Same model as the live fleet (`demo-fleet.ts`: daily shape, ±15 %
 * noise, per-service error rates and log-normal latencies, no faults), from its own stream of the
 * same seed. Written with `replace`, so a restart rewrites the same day instead of adding to it.
 * The live fleet's first scrape of each target and its first OTLP push only set baselines (ADR
 * 0006), and land at or after `end`: nothing is counted twice, whichever path a service uses.
 * Returns the bucket boundary the history ends at.
 */
export async function backfillDemoHistory(options: { readonly store: XopsStore; readonly seed: number; readonly now: number }): Promise<number> {
  const { store, seed, now } = options;
  const end = Math.floor(now / FINE_BUCKET_MS) * FINE_BUCKET_MS;
  const series = simulateDemoHistory(seed, end - DEMO_HISTORY_MS, end);
  for (const [seriesKey, buckets] of series) await store.writeBuckets(seriesKey, buckets, 'replace');
  return end;
}

/** The SLI buckets of the fleet's healthy traffic in `[from, to)` (multiples of 10 s), by series key. */
export function simulateDemoHistory(seed: number, from: number, to: number): Map<string, Bucket[]> {
  // A stream of its own: the live fleet's draws stay what they were without a backfill.
  const random = seededRandom((seed ^ 0x9e3779b9) >>> 0);
  const counts = new Map(DEMO_SERVICES.map((profile) => [profile.name, { good: 0, total: 0 }]));
  const fast = { good: 0, total: 0 };
  const model = createRequestModel({
    random,
    observe: (name, answer) => {
      const count = counts.get(name);
      if (count === undefined) return;
      count.total++;
      if (answer.ok) count.good++;
      if (name === CART_LATENCY.service) {
        fast.total++;
        if (answer.seconds <= CART_LATENCY.seconds) fast.good++;
      }
    },
  });

  const out = new Map<string, Bucket[]>([...counts.keys()].map((name) => [seriesKeyForSli(`${name}-requests`), []]));
  out.set(CART_LATENCY.key, []);
  for (let start = from; start < to; start += FINE_BUCKET_MS) {
    for (const count of [...counts.values(), fast]) { count.good = 0; count.total = 0; }
    // The fleet simulates the second ending at `at`: the seconds of this bucket end at start+1 s … start+10 s.
    for (let at = start + 1000; at <= start + FINE_BUCKET_MS; at += 1000) {
      const requests = model.requestsInSecond(at);
      for (let i = 0; i < requests; i++) model.handle('gateway', at);
    }
    for (const [name, count] of counts) out.get(seriesKeyForSli(`${name}-requests`))?.push({ start, ...count });
    out.get(CART_LATENCY.key)?.push({ start, ...fast });
  }
  return out;
}
