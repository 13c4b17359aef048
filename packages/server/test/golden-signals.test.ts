import type { ConfigObject } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
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
