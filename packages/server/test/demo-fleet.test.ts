import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { dailyTraffic } from '../src/demo/daily-traffic';
import { createDemoFleet, type DemoFleet } from '../src/demo/demo-fleet';
import { simulateDemoHistory } from '../src/demo/demo-history';
import { parseExposition } from '../src/telemetry/scrape/parse-exposition';
import { openTelemetryApp, type TelemetryTestApp } from './telemetry-app';

const T0 = Date.UTC(2025, 2, 1, 14, 0, 0);

describe('the demo fleet', () => {
  const fleets: DemoFleet[] = [];
  afterEach(async () => { await Promise.all(fleets.splice(0).map((fleet) => fleet.close())); });

  /** The fleet's metrics after `seconds` simulated seconds, by service, without the float sums. */
  async function metricsAfter(seed: number, seconds: number): Promise<Record<string, string>> {
    const clock = new FakeClock(T0);
    const fleet = await createDemoFleet({ clock, seed });
    fleets.push(fleet);
    await fleet.advance();
    clock.advance(seconds * 1000);
    await fleet.advance();
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
    // catalog pushes OTLP: it has no /metrics.
    expect(Object.keys(a)).toEqual(['gateway', 'cart', 'payments']);
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
    await fleet.advance();
    const okBefore = Number(/code="200"\} (\d+)/.exec(await (await fetch(fleet.urls.cart ?? '')).text())?.[1]);
    fleet.inject({ service: 'payments', errors: 1, latencyMs: 0, untilMs: T0 + 20_000 });
    clock.advance(10_000);
    await fleet.advance();
    const text = await (await fetch(fleet.urls.cart ?? '')).text();
    // Not one more success in the 10 s of the fault.
    expect(Number(/code="200"\} (\d+)/.exec(text)?.[1])).toBe(okBefore);
    expect(Number(/code="500"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(50);
    expect(fleet.faults().map((fault) => fault.service)).toEqual(['payments']);
    clock.advance(10_000);
    await fleet.advance();
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

describe('the demo fleet pushing OTLP', () => {
  let t: TelemetryTestApp;
  let url: string;
  const fleets: DemoFleet[] = [];
  beforeAll(async () => {
    t = await openTelemetryApp();
    url = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/v1/metrics`;
  });
  afterAll(() => t.close());
  afterEach(async () => {
    await Promise.all(fleets.splice(0).map((fleet) => fleet.close()));
    t.sink.clear();
  });

  /** Samples as `kind name{labels} value` lines, sorted, without `job` (which only OTLP's resource gives). */
  const lines = (samples: readonly { kind: string; name: string; labels: Readonly<Record<string, string>>; value: number }[]) => samples
    .map(({ kind, name, labels, value }) => {
      const shown = Object.entries(labels).filter(([key]) => key !== 'job').sort(([a], [b]) => a.localeCompare(b)).map(([key, text]) => `${key}="${text}"`);
      return `${kind} ${name}{${shown.join(',')}} ${value}`;
    })
    .sort();

  it('pushes catalog through the OpenTelemetry SDK: the very series its /metrics would serve, stamped with the fleet\'s clock', async () => {
    const clock = new FakeClock(T0);
    const pushing = await createDemoFleet({ clock, seed: 3 });
    // The same traffic with catalog on /metrics: what the push must agree with.
    const scraped = await createDemoFleet({ clock, seed: 3, otlpServices: [] });
    fleets.push(pushing, scraped);
    const errors: string[] = [];
    pushing.pushTo({ url, token: t.token, onError: (service, error) => errors.push(`${service}: ${error.message}`) });
    expect(pushing.services).toEqual(['gateway', 'cart', 'payments', 'catalog']);
    expect(pushing.otlpServices).toEqual(['catalog']);
    expect(Object.keys(scraped.urls)).toEqual(['gateway', 'cart', 'payments', 'catalog']);

    await Promise.all([pushing.advance(), scraped.advance()]);
    clock.advance(60_000);
    await Promise.all([pushing.advance(), scraped.advance()]);
    expect(errors).toEqual([]);
    // One push per advance (60 s ≥ the 5 s push interval), each stamped with the simulated second it ends on.
    expect([...new Set(t.sink.received().map((sample) => sample.timestampMs))].sort()).toEqual([T0, T0 + 60_000]);
    expect(new Set(t.sink.batches.map((batch) => batch.source))).toEqual(new Set(['otlp']));

    const pushed = t.sink.received().filter((sample) => sample.timestampMs === T0 + 60_000);
    expect(pushed.every((sample) => sample.labels.service === 'catalog' && sample.labels.job === 'catalog')).toBe(true);
    const text = await (await fetch(scraped.urls.catalog ?? '')).text();
    const exposition = parseExposition(text, { scrapedAt: T0 + 60_000, openMetrics: false });
    if (!exposition.ok) throw new Error(exposition.error);
    const expected = [
      ...exposition.value.cumulative.map((sample) => ({ kind: 'cumulative', ...sample })),
      ...exposition.value.gauges.map((sample) => ({ kind: 'gauge', ...sample })),
    ];
    // Counters, every histogram bucket, _count and the CPU gauge: equal names, labels and values.
    // The SDK adds up `_sum` per export and then across exports, so its last digits may differ.
    const isSum = (sample: { name: string }) => sample.name.endsWith('_sum');
    expect(lines(pushed.filter((sample) => !isSum(sample)))).toEqual(lines(expected.filter((sample) => !isSum(sample))));
    expect(pushed.find(isSum)?.value).toBeCloseTo(expected.find(isSum)?.value ?? NaN, 9);
    expect(lines(pushed).filter((line) => line.startsWith('cumulative http_requests_total'))).toHaveLength(2);
    expect(lines(pushed).filter((line) => line.startsWith('cumulative http_request_duration_seconds_bucket'))).toHaveLength(8);
    // At the peak catalog gets 60 % of 40 req/s: about 1440 requests in the minute.
    const answered = pushed.find((sample) => sample.name === 'http_requests_total' && sample.labels.code === '200')?.value ?? 0;
    expect(answered).toBeGreaterThan(1000);
    expect(answered).toBeLessThan(2000);

    // Pushing instead of serving /metrics changes nothing else in the simulation.
    for (const name of ['gateway', 'cart', 'payments']) {
      expect(await (await fetch(pushing.urls[name] ?? '')).text()).toBe(await (await fetch(scraped.urls[name] ?? '')).text());
    }
  });

  it('pushes only every 5 s of simulated time, nothing before it has a target, and reports a refused push once', async () => {
    const clock = new FakeClock(T0);
    const fleet = await createDemoFleet({ clock, seed: 3 });
    fleets.push(fleet);
    await fleet.advance();
    expect(t.sink.batches).toEqual([]);
    const errors: string[] = [];
    fleet.pushTo({ url, token: 'xops_not-a-token', onError: (service) => errors.push(service) });
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      await fleet.advance();
    }
    // The first push, at T0, had no target; those at T0 + 5 s and T0 + 10 s were refused (401): told once.
    expect(errors).toEqual(['catalog']);
    expect(t.sink.batches).toEqual([]);
    fleet.pushTo({ url, token: t.token });
    clock.advance(5000);
    await fleet.advance();
    expect([...new Set(t.sink.received().map((sample) => sample.timestampMs))]).toEqual([T0 + 15_000]);
  });

  it('refuses an OTLP service that is not in the fleet', async () => {
    await expect(createDemoFleet({ clock: new FakeClock(T0), otlpServices: ['search'] })).rejects.toThrow('no demo service "search"');
  });
});
