import { AggregationTemporalityPreference, OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationType, MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTelemetryApp, type TelemetryTestApp } from './telemetry-app';

type ExporterOptions = { url: string; headers: Record<string, string>; temporalityPreference?: AggregationTemporalityPreference };

/**
 * A real OpenTelemetry JS SDK app: a counter, an explicit-bucket histogram and an exponential
 * histogram with known values, exported once by `forceFlush()` to the test server on loopback.
 */
async function runInstrumentedApp<T>(exporter: PushMetricExporter, afterFlush: () => T): Promise<T> {
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout' }),
    views: [{ instrumentName: 'rpc.duration', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
    // A long interval: the only export is the one forceFlush() makes.
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
  });
  const meter = provider.getMeter('checkout-app');
  const requests = meter.createCounter('http.server.requests');
  requests.add(3, { 'http.route': '/pay' });
  requests.add(4, { 'http.route': '/pay' });
  requests.add(1, { 'http.route': '/cart' });
  const duration = meter.createHistogram('http.server.request.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 0.3, 1] } });
  for (const seconds of [0.0625, 0.25, 0.25, 2]) duration.record(seconds, { 'http.route': '/pay' });
  const rpc = meter.createHistogram('rpc.duration');
  for (const seconds of [1.5, 3, 3]) rpc.record(seconds);
  await provider.forceFlush();
  // Read before shutdown(), which exports once more.
  const seen = afterFlush();
  await provider.shutdown();
  return seen;
}

const exporters: [string, (options: ExporterOptions) => PushMetricExporter][] = [
  ['JSON (exporter-metrics-otlp-http)', (options) => new JsonExporter(options)],
  ['protobuf (exporter-metrics-otlp-proto)', (options) => new ProtoExporter(options)],
];

describe.each(exporters)('the OpenTelemetry JS SDK exporting OTLP %s', (_encoding, makeExporter) => {
  let t: TelemetryTestApp;
  let url: string;
  beforeAll(async () => {
    t = await openTelemetryApp();
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `${address}/v1/metrics`;
  });
  afterAll(async () => { await t.close(); });
  beforeEach(() => t.sink.clear());

  const job = { service: 'checkout', job: 'checkout' };

  it('delivers cumulative counters and histograms with exact names, labels and values', async () => {
    const before = Date.now();
    const received = await runInstrumentedApp(makeExporter({ url, headers: { authorization: `Bearer ${t.token}` } }), () => t.sink.received());
    const after = Date.now();
    for (const s of received) {
      expect(s.timestampMs).toBeGreaterThanOrEqual(before - 1);
      expect(s.timestampMs).toBeLessThanOrEqual(after);
    }
    const values = (name: string) => received.filter((s) => s.name === name).map(({ kind, labels, value }) => ({ kind, labels, value }));
    expect(values('http_server_requests_total')).toEqual([
      { kind: 'cumulative', labels: { http_route: '/cart', ...job }, value: 1 },
      { kind: 'cumulative', labels: { http_route: '/pay', ...job }, value: 7 },
    ]);
    // 0.0625 ≤ 0.1; 0.25 twice in (0.1, 0.3]; none in (0.3, 1]; 2 above 1.
    const pay = { http_route: '/pay', ...job };
    expect(values('http_server_request_duration_bucket')).toEqual([
      { kind: 'cumulative', labels: { ...pay, le: '+Inf' }, value: 4 },
      { kind: 'cumulative', labels: { ...pay, le: '0.1' }, value: 1 },
      { kind: 'cumulative', labels: { ...pay, le: '0.3' }, value: 3 },
      { kind: 'cumulative', labels: { ...pay, le: '1' }, value: 3 },
    ]);
    expect(values('http_server_request_duration_count')).toEqual([{ kind: 'cumulative', labels: pay, value: 4 }]);
    expect(values('http_server_request_duration_sum')).toEqual([{ kind: 'cumulative', labels: pay, value: 2.5625 }]);

    // The exponential histogram's boundaries depend on the scale the SDK picks; whatever it is,
    // no value lies at or below 1, all three at or below 4, and the running sums never fall.
    expect(values('rpc_duration_count')).toEqual([{ kind: 'cumulative', labels: job, value: 3 }]);
    expect(values('rpc_duration_sum')).toEqual([{ kind: 'cumulative', labels: job, value: 7.5 }]);
    const buckets = values('rpc_duration_bucket').map((b) => [b.labels.le === '+Inf' ? Infinity : Number(b.labels.le), b.value] as const).sort(([a], [b]) => a - b);
    expect(buckets.at(-1)).toEqual([Infinity, 3]);
    for (let i = 1; i < buckets.length; i += 1) expect(buckets[i]![1]).toBeGreaterThanOrEqual(buckets[i - 1]![1]);
    for (const [le, count] of buckets) {
      if (le <= 1) expect(count).toBe(0);
      if (le >= 4) expect(count).toBe(3);
    }
  });

  it('delivers a counter exported with delta temporality as a delta batch', async () => {
    const received = await runInstrumentedApp(makeExporter({
      url, headers: { authorization: `Bearer ${t.token}` }, temporalityPreference: AggregationTemporalityPreference.DELTA,
    }), () => t.sink.received());
    const counters = received.filter((s) => s.name === 'http_server_requests_total').map(({ kind, labels, value }) => ({ kind, labels, value }));
    expect(counters).toEqual([
      { kind: 'delta', labels: { http_route: '/cart', ...job }, value: 1 },
      { kind: 'delta', labels: { http_route: '/pay', ...job }, value: 7 },
    ]);
  });
});
