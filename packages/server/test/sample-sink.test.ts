import { seriesKeyForSli, seriesKeyForThreshold, type ConfigObject } from '@xops/contracts';
import { openTestStore, testDatabaseEngines, type TestStore } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import type { Sample, SampleBatch } from '../src/telemetry/sample';
import { createTelemetrySink, type TelemetrySink } from '../src/telemetry/sample-sink';
import { applyDocuments } from './slo-fixtures';

/** 2025-03-01T12:00:00Z, the start of a 10-second bucket. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const s = (seconds: number) => T + seconds * 1000;
const xops = (spec: Record<string, string>) => ({ metricSource: { type: 'xops', spec } });
const sli = (name: string, spec: Record<string, unknown>): ConfigObject => ({ apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name }, spec });

const checkoutRequests = sli('checkout-requests', {
  ratioMetric: { counter: true, good: xops({ selector: 'http_requests_total{service="checkout",code!~"5.."}' }), total: xops({ selector: 'http_requests_total{service="checkout"}' }) },
});
const paymentsErrors = sli('payments-errors', { ratioMetric: { bad: xops({ selector: 'payments_errors_total' }), total: xops({ selector: 'payments_requests_total' }) } });
const checkoutLatency = sli('checkout-latency', { thresholdMetric: xops({ histogram: 'http_request_duration_seconds{service="checkout"}' }) });
const latencySlo: ConfigObject = {
  apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'checkout-latency' },
  spec: {
    service: 'checkout', indicatorRef: 'checkout-latency', budgetingMethod: 'Occurrences',
    objectives: [
      { displayName: 'Fast', op: 'lte', value: 0.3, target: 0.9 },
      { displayName: 'Not-fast', op: 'gt', value: 0.1, target: 0.5 },
      { displayName: 'Mistyped', op: 'lte', value: 0.25, target: 0.9 },
    ],
  },
};
const service: ConfigObject = { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: {} };

const cumulative = (source: string, samples: Sample[]): SampleBatch => ({ kind: 'cumulative', source, samples });
const requests = (ts: number, code: string, value: number, svc = 'checkout'): Sample => ({ name: 'http_requests_total', labels: { service: svc, code }, timestampMs: ts, value });
const histogram = (ts: number, buckets: Record<string, number>, count: number): Sample[] => [
  ...Object.entries(buckets).map(([le, value]) => ({ name: 'http_request_duration_seconds_bucket', labels: { service: 'checkout', le }, timestampMs: ts, value })),
  { name: 'http_request_duration_seconds_count', labels: { service: 'checkout' }, timestampMs: ts, value: count },
  { name: 'http_request_duration_seconds_sum', labels: { service: 'checkout' }, timestampMs: ts, value: 12.5 },
];

describe.each(testDatabaseEngines())('the telemetry sample sink on %s', (engine) => {
  let testStore: TestStore;
  let clock: FakeClock;
  let sink: TelemetrySink;
  beforeEach(async () => {
    testStore = await openTestStore(engine);
    await applyDocuments(testStore.store, service, checkoutRequests, paymentsErrors, checkoutLatency, latencySlo);
    clock = new FakeClock(T);
    sink = createTelemetrySink({ store: testStore.store, clock, logger: { warn: () => undefined, error: () => undefined } });
  });
  afterEach(async () => { await testStore.cleanup(); });
  const stored = (seriesKey: string) => testStore.store.readBuckets(seriesKey, T, T + 3_600_000);
  const bucket = (seconds: number, good: number, total: number) => ({ start: s(seconds), resolutionMs: 10_000, good, total });

  it('turns counters into increases per source and series, a drop counting as a restart, and sums them per bucket', async () => {
    // Source a: the first scrape only sets baselines; the series of another service is not matched.
    expect(await sink.accept(cumulative('scrape:a', [requests(s(1), '200', 100), requests(s(1), '500', 10), requests(s(1), '200', 7, 'search')])))
      .toEqual({ samples: 3, matched: 2 });
    await sink.accept(cumulative('scrape:b', [requests(s(2), '200', 1000)]));
    // +50 good of +52 from a, +5 of +5 from b: bucket :10 holds 55 good of 57.
    await sink.accept(cumulative('scrape:a', [requests(s(16), '200', 150), requests(s(16), '500', 12)]));
    await sink.accept(cumulative('scrape:b', [requests(s(17), '200', 1005)]));
    // a restarted: 200 fell from 150 to 20, so 20 is new; 500 went 12 → 13. Bucket :30 holds 20 good of 21.
    await sink.accept(cumulative('scrape:a', [requests(s(31), '200', 20), requests(s(31), '500', 13)]));
    // The same scrape again (a duplicate timestamp) counts nothing.
    await sink.accept(cumulative('scrape:a', [requests(s(31), '200', 20), requests(s(31), '500', 13)]));
    await sink.flush(Infinity);
    expect(await stored(seriesKeyForSli('checkout-requests'))).toEqual([bucket(10, 55, 57), bucket(30, 20, 21)]);
  });

  it('counts in full a series that appears in a source already seen, and starts afresh after 5 minutes unseen', async () => {
    await sink.accept(cumulative('a', [requests(s(1), '200', 10)]));
    // 500 was created since the last scrape: its 3 are new. Bucket :10: 2 + 3 = 5 total, 2 good.
    await sink.accept(cumulative('a', [requests(s(11), '200', 12), requests(s(11), '500', 3)]));
    // Six minutes later: a baseline again, then +1 good in bucket 6:30.
    await sink.accept(cumulative('a', [requests(s(371), '200', 40), requests(s(371), '500', 9)]));
    await sink.accept(cumulative('a', [requests(s(391), '200', 41), requests(s(391), '500', 9)]));
    await sink.flush(Infinity);
    expect(await stored(seriesKeyForSli('checkout-requests'))).toEqual([bucket(10, 2, 5), bucket(390, 1, 1)]);
  });

  it('holds a bucket until 20 s after its end, so good and total from different batches are written together', async () => {
    await sink.accept(cumulative('a', [requests(s(1), '200', 0), requests(s(1), '500', 0)]));
    await sink.accept(cumulative('a', [requests(s(12), '500', 4)]));
    // Bucket :10 ends at :20; at :39.999 it is still held.
    expect(await sink.flush(s(39.999))).toBe(0);
    await sink.accept(cumulative('a', [requests(s(13), '200', 6)]));
    expect(await sink.flush(s(40))).toBe(1);
    expect(await stored(seriesKeyForSli('checkout-requests'))).toEqual([bucket(10, 6, 10)]);
  });

  it('counts a bad/total ratio as good = total − bad, and passes delta batches through', async () => {
    await sink.accept(cumulative('a', [
      { name: 'payments_errors_total', labels: {}, timestampMs: s(5), value: 3 },
      { name: 'payments_requests_total', labels: {}, timestampMs: s(5), value: 100 },
    ]));
    await sink.accept(cumulative('a', [{ name: 'payments_requests_total', labels: {}, timestampMs: s(15), value: 160 }]));
    await sink.accept(cumulative('a', [{ name: 'payments_errors_total', labels: {}, timestampMs: s(15), value: 5 }]));
    // Bucket :20: 40 more requests, no more errors.
    await sink.accept(cumulative('a', [
      { name: 'payments_errors_total', labels: {}, timestampMs: s(25), value: 5 },
      { name: 'payments_requests_total', labels: {}, timestampMs: s(25), value: 200 },
    ]));
    // OTLP-style deltas in bucket :30: 10 requests, 1 error; a gauge feeds nothing.
    await sink.accept({ kind: 'delta', source: 'otlp', samples: [
      { name: 'payments_errors_total', labels: {}, timestampMs: s(33), value: 1 },
      { name: 'payments_requests_total', labels: {}, timestampMs: s(33), value: 10 },
    ] });
    await sink.accept({ kind: 'gauge', source: 'otlp', samples: [{ name: 'payments_requests_total', labels: {}, timestampMs: s(34), value: 999 }] });
    await sink.flush(Infinity);
    expect(await stored(seriesKeyForSli('payments-errors'))).toEqual([bucket(10, 58, 60), bucket(20, 40, 40), bucket(30, 9, 10)]);
  });

  it('reads latency from histogram buckets: le = value is good for lte, bad for gt; a value with no bucket writes nothing and says why', async () => {
    await sink.accept(cumulative('a', histogram(s(1), { '0.1': 50, '0.3': 90, '1': 99, '+Inf': 100 }, 100)));
    // +30 ≤ 0.1 s, +60 ≤ 0.3 s, +72 in all.
    await sink.accept(cumulative('a', histogram(s(12), { '0.1': 80, '0.3': 150, '1': 170, '+Inf': 172 }, 172)));
    await sink.flush(Infinity);
    expect(await stored(seriesKeyForThreshold('checkout-latency', 'Fast'))).toEqual([bucket(10, 60, 72)]);
    // gt 0.1: good = 72 − 30.
    expect(await stored(seriesKeyForThreshold('checkout-latency', 'Not-fast'))).toEqual([bucket(10, 42, 72)]);
    expect(await stored(seriesKeyForThreshold('checkout-latency', 'Mistyped'))).toEqual([]);
    expect(sink.problems()).toEqual([
      'SLO "checkout-latency" objective "Mistyped": http_request_duration_seconds_bucket has no bucket with le="0.25", so nothing is counted; its bounds are 0.1, 0.3, 1, +Inf: set the objective\'s value to one of them',
    ]);
  });

  it('picks up an SLI applied after it started', async () => {
    const late = sli('late-requests', { ratioMetric: { good: xops({ selector: 'late_ok_total' }), total: xops({ selector: 'late_total' }) } });
    expect((await sink.accept(cumulative('a', [{ name: 'late_total', labels: {}, timestampMs: s(1), value: 1 }]))).matched).toBe(0);
    await applyDocuments(testStore.store, late);
    await sink.refresh();
    expect((await sink.accept(cumulative('a', [{ name: 'late_total', labels: {}, timestampMs: s(2), value: 1 }]))).matched).toBe(1);
  });
});
