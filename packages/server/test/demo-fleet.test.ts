import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { dailyTraffic } from '../src/demo/daily-traffic';
import { createDemoFleet, type DemoFleet } from '../src/demo/demo-fleet';
import { simulateDemoHistory } from '../src/demo/demo-history';

const T0 = Date.UTC(2025, 2, 1, 14, 0, 0);

describe('the demo fleet', () => {
  const fleets: DemoFleet[] = [];
  afterEach(async () => { await Promise.all(fleets.splice(0).map((fleet) => fleet.close())); });

  /** The fleet's metrics after `seconds` simulated seconds, by service, without the float sums. */
  async function metricsAfter(seed: number, seconds: number): Promise<Record<string, string>> {
    const clock = new FakeClock(T0);
    const fleet = await createDemoFleet({ clock, seed });
    fleets.push(fleet);
    fleet.advance();
    clock.advance(seconds * 1000);
    fleet.advance();
    const texts: Record<string, string> = {};
    for (const [name, url] of Object.entries(fleet.urls)) texts[name] = await (await fetch(url)).text();
    return texts;
  }

  it('follows the day: full at 14:00 UTC, a fifth at 02:00, 0.6 at 08:00 and 20:00', () => {
    expect(dailyTraffic(T0)).toBeCloseTo(1, 12);
    expect(dailyTraffic(Date.UTC(2025, 2, 1, 2))).toBeCloseTo(0.2, 12);
    expect(dailyTraffic(Date.UTC(2025, 2, 1, 8))).toBeCloseTo(0.6, 12);
    expect(dailyTraffic(Date.UTC(2025, 2, 1, 20))).toBeCloseTo(0.6, 12);
  });

  it('serves real /metrics, the same for the same seed and different for another', async () => {
    const a = await metricsAfter(3, 60);
    const b = await metricsAfter(3, 60);
    const c = await metricsAfter(4, 60);
    expect(Object.keys(a)).toEqual(['gateway', 'cart', 'payments', 'catalog']);
    expect(a).toEqual(b);
    expect(a.gateway).not.toEqual(c.gateway);
    // About 40 requests a second at the peak, for a minute.
    const answered = Number(/http_requests_total\{service="gateway",code="200"\} (\d+)/.exec(a.gateway ?? '')?.[1]);
    expect(answered).toBeGreaterThan(1800);
    expect(answered).toBeLessThan(3000);
    expect(a.cart).toContain('http_request_duration_seconds_bucket{le="+Inf",service="cart"}');
  });

  it('fails every cart request while payments fails, until the fault ends', async () => {
    const clock = new FakeClock(T0);
    const fleet = await createDemoFleet({ clock });
    fleets.push(fleet);
    fleet.advance();
    const okBefore = Number(/code="200"\} (\d+)/.exec(await (await fetch(fleet.urls.cart ?? '')).text())?.[1]);
    fleet.inject({ service: 'payments', errors: 1, latencyMs: 0, untilMs: T0 + 20_000 });
    clock.advance(10_000);
    fleet.advance();
    const text = await (await fetch(fleet.urls.cart ?? '')).text();
    // Not one more success in the 10 s of the fault.
    expect(Number(/code="200"\} (\d+)/.exec(text)?.[1])).toBe(okBefore);
    expect(Number(/code="500"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(50);
    expect(fleet.faults().map((fault) => fault.service)).toEqual(['payments']);
    clock.advance(10_000);
    fleet.advance();
    expect(fleet.faults()).toEqual([]);
  });

  it('simulates the same history for the same seed, an hour of it at the peak near 40 req/s', () => {
    const from = T0 - 1_800_000;
    const to = T0 + 1_800_000;
    const a = simulateDemoHistory(5, from, to);
    expect(a).toEqual(simulateDemoHistory(5, from, to));
    expect([...a.keys()]).toEqual(['gateway-requests', 'cart-requests', 'payments-requests', 'catalog-requests', 'slo/cart-latency/Fast']);
    const gateway = a.get('gateway-requests') ?? [];
    expect(gateway.map((bucket) => bucket.start)).toEqual(Array.from({ length: 360 }, (_, i) => from + i * 10_000));
    // ∫ of 40 × (0.6 + 0.4 sin) over the hour around the peak: 40 × 3600 × (0.6 + 0.4 × sin(π/24) / (π/24)) ≈ 143 836.
    const total = gateway.reduce((sum, bucket) => sum + bucket.total, 0);
    expect(total).toBeGreaterThan(143_836 * 0.99);
    expect(total).toBeLessThan(143_836 * 1.01);
  });
});
