import type { ConfigObject } from '@xops/contracts';
import { testDatabaseEngines, type SignalBucket } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import type { Sample } from '../src/telemetry/sample';
import { createTelemetrySink, type TelemetrySink } from '../src/telemetry/sample-sink';
import { applyDocuments } from './slo-fixtures';
import { openTestApp, type TestApp } from './test-app';

/** 2025-03-01T12:00:00Z, the start of a 10-second bucket. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const s = (seconds: number) => T + seconds * 1000;
const checkout: ConfigObject = {
  apiVersion: 'openslo/v1', kind: 'Service',
  metadata: {
    name: 'checkout',
    annotations: {
      'xops.dev/requests': 'http_requests_total{service="checkout"}',
      'xops.dev/errors': 'http_requests_total{service="checkout",code=~"5.."}',
      'xops.dev/latency': 'http_request_duration_seconds{service="checkout"}',
      'xops.dev/saturation': 'process_cpu_utilization{service="checkout"}',
    },
  },
  spec: {},
};
const search: ConfigObject = { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'search', annotations: { 'xops.dev/requests': 'http_requests_total{service="search"}' } }, spec: {} };

/** One scrape of checkout: requests by code, the latency histogram's buckets, and a search series. */
function scrape(ts: number, ok: number, failed: number, le: Record<string, number>): Sample[] {
  const svc = { service: 'checkout' };
  return [
    { name: 'http_requests_total', labels: { ...svc, code: '200' }, timestampMs: ts, value: ok },
    { name: 'http_requests_total', labels: { ...svc, code: '503' }, timestampMs: ts, value: failed },
    ...Object.entries(le).map(([bound, value]) => ({ name: 'http_request_duration_seconds_bucket', labels: { ...svc, le: bound }, timestampMs: ts, value })),
    { name: 'http_requests_total', labels: { service: 'search', code: '200' }, timestampMs: ts, value: ok * 2 },
  ];
}
const cpu = (ts: number, value: number): Sample => ({ name: 'process_cpu_utilization', labels: { service: 'checkout' }, timestampMs: ts, value });

describe.each(testDatabaseEngines())('golden signals on %s', (engine) => {
  let app: TestApp;
  let sink: TelemetrySink;
  beforeEach(async () => {
    const clock = new FakeClock(s(60));
    app = await openTestApp(engine, {
      clock,
      telemetry: (store) => {
        sink = createTelemetrySink({ store, clock, logger: { warn: () => undefined, error: () => undefined } });
        return { sink };
      },
    });
    await applyDocuments(app.store, checkout, search);
    // Baselines at :01; bucket :10 gets +90 ok and +10 failed, bucket :20 +40 and +10.
    // Latency increases: bucket :10 → ≤0.1: 40, ≤0.5: 80, all: 100; bucket :20 → 10, 30, 50.
    await sink.accept({ kind: 'cumulative', source: 'scrape:a', samples: scrape(s(1), 100, 10, { '0.1': 50, '0.5': 90, '+Inf': 100 }) });
    await sink.accept({ kind: 'cumulative', source: 'scrape:a', samples: scrape(s(11), 190, 20, { '0.1': 90, '0.5': 170, '+Inf': 200 }) });
    await sink.accept({ kind: 'cumulative', source: 'scrape:a', samples: scrape(s(21), 230, 30, { '0.1': 100, '0.5': 200, '+Inf': 250 }) });
    await sink.accept({ kind: 'gauge', source: 'scrape:a', samples: [cpu(s(11), 0.4), cpu(s(15), 0.6), cpu(s(21), 0.8)] });
    await sink.flush(Infinity);
  });
  afterEach(async () => { await app.close(); });

  const signals = (service: string, query: string) => app.call({ url: `/api/v1/services/${service}/signals?${query}`, as: 'viewer' });

  it('gives rates, error ratio, interpolated quantiles and the saturation mean per step', async () => {
    const res = await signals('checkout', `from=${s(20)}&to=${s(30)}&step=10s`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ service: 'checkout', stepSeconds: 10, declared: ['requests', 'errors', 'latency', 'saturation'] });
    expect(body.points).toHaveLength(2);
    const [first, second] = body.points;
    // Point :20 sums bucket :10: 100 requests in 10 s, 10 of them errors; p50 rank 50 in
    // (0.1, 0.5]: 0.1 + 0.4 × (50 − 40)/(80 − 40) = 0.2; p90 and p99 in +Inf → 0.5; cpu (0.4 + 0.6)/2.
    expect(first.at).toBe('2025-03-01T12:00:20.000Z');
    expect(first.requestsPerSecond).toBe(10);
    expect(first.errorRatio).toBe(0.1);
    expect(first.latencyP50).toBeCloseTo(0.2, 12);
    expect([first.latencyP90, first.latencyP99]).toEqual([0.5, 0.5]);
    expect(first.saturation).toBe(0.5);
    // Point :30, bucket :20: 50 requests, 10 errors; p50 rank 25: 0.1 + 0.4 × 15/20 = 0.4.
    expect(second.requestsPerSecond).toBe(5);
    expect(second.errorRatio).toBe(0.2);
    expect(second.latencyP50).toBeCloseTo(0.4, 12);
    expect(second.latencyP90).toBe(0.5);
    expect(second.saturation).toBe(0.8);
  });

  it('sums the buckets of a longer step before taking quantiles', async () => {
    const body = (await signals('checkout', `from=${s(10)}&to=${s(30)}&step=20s`)).json();
    const [, point] = body.points;
    // 150 requests in 20 s; 20 errors; histogram 50, 110, 150 → p50 rank 75: 0.1 + 0.4 × 25/60.
    expect(point.requestsPerSecond).toBe(7.5);
    expect(point.errorRatio).toBeCloseTo(20 / 150, 12);
    expect(point.latencyP50).toBeCloseTo(0.1 + 0.4 * 25 / 60, 12);
    expect(point.saturation).toBeCloseTo(0.6, 12);
  });

  it('leaves undeclared signals null, counts another service apart, and 404s an unknown one', async () => {
    const body = (await signals('search', `from=${s(10)}&to=${s(20)}&step=10s`)).json();
    body.points.shift();
    expect(body.declared).toEqual(['requests']);
    // search counts 2 × 90 = 180 in bucket :10.
    expect(body.points).toEqual([{ at: '2025-03-01T12:00:20.000Z', requestsPerSecond: 18, errorRatio: null, latencyP50: null, latencyP90: null, latencyP99: null, saturation: null }]);
    expect((await signals('nope', '')).statusCode).toBe(404);
    expect((await app.call({ url: '/api/v1/services/checkout/signals' })).statusCode).toBe(401);
  });
});

describe.each(testDatabaseEngines())('golden signals over history rolled up into minutes on %s', (engine) => {
  const DAY = 86_400_000;
  let app: TestApp;
  beforeEach(async () => {
    // A day and two minutes later: minutes T and T + 60 s have ended a day ago and are rolled up.
    app = await openTestApp(engine, { clock: new FakeClock(s(120) + DAY) });
    await applyDocuments(app.store, checkout);
    const fine = (signal: SignalBucket['signal'], le: string, seconds: number, value: number): SignalBucket => ({ service: 'checkout', signal, le, start: s(seconds), value, samples: 1 });
    const everyTen = (from: number, each: (seconds: number) => SignalBucket[]) => Array.from({ length: 6 }, (_, i) => each(from + 10 * i)).flat();
    await app.store.writeSignalBuckets([
      // Minute T: 60 requests per 10 s (360), 6 + 12 errors, latency ≤ 0.1: 20 per 10 s (120), ≤ 0.5: 50 (300), all 360; CPU 0.2 and 0.4.
      ...everyTen(0, (at) => [fine('requests', '', at, 60), fine('latency', '0.1', at, 20), fine('latency', '0.5', at, 50), fine('latency', '+Inf', at, 60)]),
      fine('errors', '', 10, 6), fine('errors', '', 40, 12), fine('saturation', '', 0, 0.2), fine('saturation', '', 30, 0.4),
      // Minute T + 60 s: 120 per 10 s (720), no errors, every request ≤ 0.1 s; CPU 0.6.
      ...everyTen(60, (at) => [fine('requests', '', at, 120), fine('latency', '0.1', at, 120), fine('latency', '0.5', at, 120), fine('latency', '+Inf', at, 120)]),
      fine('saturation', '', 60, 0.6),
      // Not a day old yet: stays at 10 s.
      fine('requests', '', 120, 30),
    ]);
    expect(await app.store.compactSignalBuckets(s(120) + DAY)).toBe(6 * 8 + 2 + 2 + 1);
  });
  afterEach(async () => { await app.close(); });

  const points = async (query: string) => {
    const res = await app.call({ url: `/api/v1/services/checkout/signals?${query}`, as: 'viewer' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const empty = (at: number) => ({ at: new Date(at).toISOString(), requestsPerSecond: null, errorRatio: null, latencyP50: null, latencyP90: null, latencyP99: null, saturation: null });

  it('answers a step of one minute from the minute rows as it would from their 10-second rows', async () => {
    const body = await points(`from=${s(60)}&to=${s(120)}&step=60s`);
    expect(body.stepSeconds).toBe(60);
    const [first, second] = body.points;
    // Minute T: 360 requests / 60 s; 18 / 360 errors; p50 rank 180 in (0.1, 0.5]: 0.1 + 0.4 × (180 − 120)/(300 − 120); p90 rank 324 > 300 → 0.5.
    expect(first).toMatchObject({ at: '2025-03-01T12:01:00.000Z', requestsPerSecond: 6, errorRatio: 0.05, latencyP90: 0.5, latencyP99: 0.5 });
    expect(first.latencyP50).toBeCloseTo(0.1 + 0.4 * 60 / 180, 12);
    expect(first.saturation).toBeCloseTo(0.3, 12);
    // Minute T + 60 s: 720 / 60 s, no errors; all 720 in the first bucket: p50 = 0.1 × 360/720, p90 = 0.1 × 648/720.
    expect(second).toMatchObject({ at: '2025-03-01T12:02:00.000Z', requestsPerSecond: 12, errorRatio: 0, saturation: 0.6 });
    expect([second.latencyP50, second.latencyP90, second.latencyP99].map((q: number) => Number(q.toFixed(12)))).toEqual([0.05, 0.09, 0.099]);
  });

  it('sums minute rows into a coarser step', async () => {
    const [before, point] = (await points(`from=${s(0)}&to=${s(120)}&step=2m`)).points;
    expect(before).toEqual(empty(s(0)));
    // 1080 requests in 120 s; 18 errors; ≤ 0.1: 120 + 720 = 840 of 1080 → p50 rank 540: 0.1 × 540/840; CPU (0.2 + 0.4 + 0.6) / 3.
    expect(point.requestsPerSecond).toBe(9);
    expect(point.errorRatio).toBeCloseTo(18 / 1080, 12);
    expect(point.latencyP50).toBeCloseTo(0.1 * 540 / 840, 12);
    expect(point.saturation).toBeCloseTo(0.4, 12);
  });

  it('gives null, not a share of the minute, for steps finer than the minute rows or not a whole number of minutes', async () => {
    // Every 10-second window inside minute T.
    expect((await points(`from=${s(10)}&to=${s(60)}&step=10s`)).points).toEqual([10, 20, 30, 40, 50, 60].map((seconds) => empty(s(seconds))));
    // 90 s: [T, T + 90 s) holds minute T and half of minute T + 60 s; [T − 90 s, T) holds nothing at all.
    expect((await points(`from=${s(0)}&to=${s(90)}&step=90s`)).points).toEqual([empty(s(0)), empty(s(90))]);
    // Across the boundary: windows that touch minute T + 60 s are null; the first 10-second row after it is read as usual.
    expect((await points(`from=${s(110)}&to=${s(130)}&step=10s`)).points).toEqual([
      empty(s(110)), empty(s(120)),
      { at: '2025-03-01T12:02:10.000Z', requestsPerSecond: 3, errorRatio: 0, latencyP50: null, latencyP90: null, latencyP99: null, saturation: null },
    ]);
  });

  it('picks a default step of whole minutes for a range that reaches into rolled-up history', async () => {
    // Ten minutes would get 10 s steps; here they would read minute rows, so the step becomes a minute.
    const body = await points(`from=${s(0)}&to=${s(600)}`);
    expect(body.stepSeconds).toBe(60);
    expect(body.points.map((point: { requestsPerSecond: number | null }) => point.requestsPerSecond)).toEqual([null, 6, 12, 0.5, null, null, null, null, null, null, null]);
    // A recent range keeps 10-second steps.
    expect((await points(`from=${s(130) + DAY - 600_000}&to=${s(130) + DAY}`)).stepSeconds).toBe(10);
  });
});
