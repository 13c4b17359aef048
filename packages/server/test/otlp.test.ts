import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTelemetryApp, type TelemetryTestApp } from './telemetry-app';

const protoRoot = new protobuf.Root();
const protoDir = fileURLToPath(new URL('../src/telemetry/otlp/proto/', import.meta.url));
protoRoot.resolvePath = (_origin, target) => protoDir + target;
protoRoot.loadSync('opentelemetry/proto/collector/metrics/v1/metrics_service.proto');
const RequestType = protoRoot.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');
const ResponseType = protoRoot.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse');

/** 2025-03-01T12:00:00Z; its nanoseconds, plus 999,999 ns that milliseconds truncate away. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const NANOS = `${T}999999`;

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const at = (extra: Record<string, unknown>) => ({ timeUnixNano: NANOS, ...extra });

/** An export written by hand in OTLP's JSON mapping, one metric of each type. */
const exportRequest = {
  resourceMetrics: [{
    resource: { attributes: [str('service.name', 'checkout'), str('service.namespace', 'shop'), str('service.instance.id', 'pod-1'), str('host.name', 'h1')] },
    scopeMetrics: [{
      scope: { name: 'test' },
      metrics: [
        { name: 'http.server.requests', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [
          at({ asInt: '42', attributes: [str('http.route', '/pay'), { key: 'http.response.status_code', value: { intValue: '200' } }] }),
        ] } },
        { name: 'jobs.done', sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [at({ asDouble: 3 })] } },
        { name: 'queue.size', sum: { aggregationTemporality: 2, isMonotonic: false, dataPoints: [at({ asInt: 5 })] } },
        { name: 'cpu.utilization', gauge: { dataPoints: [at({ asDouble: 0.5, attributes: [{ key: 'cpu', value: { boolValue: true } }] })] } },
        { name: 'http.server.request.duration', unit: 's', histogram: { aggregationTemporality: 2, dataPoints: [
          at({ count: '4', sum: 2.5625, bucketCounts: ['1', '2', '0', '1'], explicitBounds: [0.1, 0.3, 1] }),
        ] } },
        { name: 'rpc.duration', exponentialHistogram: { aggregationTemporality: 2, dataPoints: [
          at({ count: '7', sum: 10, scale: 0, zeroCount: '1', positive: { offset: 0, bucketCounts: ['2', '3'] }, negative: { offset: 1, bucketCounts: ['1'] } }),
        ] } },
        { name: 'gc.pause', summary: { dataPoints: [
          at({ count: '2', sum: 0.5, quantileValues: [{ quantile: 0.5, value: 0.2 }, { quantile: 0.99, value: 0.3 }] }),
        ] } },
      ],
    }],
  }],
};

const resource = { service: 'checkout', job: 'shop/checkout', instance: 'pod-1' };
const sample = (kind: string, name: string, labels: Record<string, string>, value: number) =>
  ({ kind, name, labels: { ...labels, ...resource }, timestampMs: T, value });

/**
 * Worked out by hand from `exportRequest`: histogram buckets (≤0.1: 1, ≤0.3: 1+2, ≤1: 3+0,
 * +Inf: the count 4); the exponential histogram at scale 0 has base 2, so negative bucket 1
 * holds [-4, -2) (le -2: 1), the zero bucket 1 more (le 0: 2), positive buckets 0 and 1 hold
 * (1, 2] and (2, 4] (le 2: 2+2 = 4, le 4: 4+3 = 7) and +Inf the count 7.
 */
const expectedSamples = [
  sample('cumulative', 'gc_pause_count', {}, 2),
  sample('cumulative', 'gc_pause_sum', {}, 0.5),
  sample('gauge', 'gc_pause', { quantile: '0.5' }, 0.2),
  sample('gauge', 'gc_pause', { quantile: '0.99' }, 0.3),
  sample('gauge', 'cpu_utilization', { cpu: 'true' }, 0.5),
  sample('cumulative', 'http_server_request_duration_bucket', { le: '0.1' }, 1),
  sample('cumulative', 'http_server_request_duration_bucket', { le: '0.3' }, 3),
  sample('cumulative', 'http_server_request_duration_bucket', { le: '1' }, 3),
  sample('cumulative', 'http_server_request_duration_bucket', { le: '+Inf' }, 4),
  sample('cumulative', 'http_server_request_duration_count', {}, 4),
  sample('cumulative', 'http_server_request_duration_sum', {}, 2.5625),
  sample('cumulative', 'http_server_requests_total', { http_route: '/pay', http_response_status_code: '200' }, 42),
  sample('delta', 'jobs_done_total', {}, 3),
  sample('gauge', 'queue_size', {}, 5),
  sample('cumulative', 'rpc_duration_bucket', { le: '-2' }, 1),
  sample('cumulative', 'rpc_duration_bucket', { le: '0' }, 2),
  sample('cumulative', 'rpc_duration_bucket', { le: '2' }, 4),
  sample('cumulative', 'rpc_duration_bucket', { le: '4' }, 7),
  sample('cumulative', 'rpc_duration_bucket', { le: '+Inf' }, 7),
  sample('cumulative', 'rpc_duration_count', {}, 7),
  sample('cumulative', 'rpc_duration_sum', {}, 10),
].sort((a, b) => `${a.name}${JSON.stringify(a.labels)}`.localeCompare(`${b.name}${JSON.stringify(b.labels)}`));

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROTO_HEADERS = { 'content-type': 'application/x-protobuf' };
const toProtobuf = (request: unknown) => Buffer.from(RequestType.encode(RequestType.fromObject(request as Record<string, unknown>)).finish());

describe('POST /v1/metrics (OTLP/HTTP)', () => {
  let t: TelemetryTestApp;
  beforeAll(async () => { t = await openTelemetryApp(); });
  afterAll(async () => { await t.close(); });
  beforeEach(() => t.sink.clear());

  const post = (payload: Buffer | string, headers: Record<string, string>, auth = true) =>
    t.call({ method: 'POST', url: '/v1/metrics', headers, payload, auth });

  it('turns every metric type of a JSON export into samples, one batch per kind', async () => {
    const res = await post(JSON.stringify(exportRequest), JSON_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({});
    expect(t.sink.batches.map((b) => [b.kind, b.source])).toEqual([['cumulative', 'otlp'], ['delta', 'otlp'], ['gauge', 'otlp']]);
    expect(t.sink.received()).toEqual(expectedSamples);
  });

  it('gives the same samples for the same export as protobuf, and answers in protobuf', async () => {
    const res = await post(toProtobuf(exportRequest), PROTO_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(ResponseType.toObject(ResponseType.decode(res.rawPayload))).toEqual({});
    expect(t.sink.received()).toEqual(expectedSamples);
  });

  it.each([['JSON', JSON_HEADERS, JSON.stringify(exportRequest)], ['protobuf', PROTO_HEADERS, toProtobuf(exportRequest)]])(
    'takes gzip-compressed %s', async (_what, headers, body) => {
      const res = await post(gzipSync(body), { ...headers, 'content-encoding': 'gzip' });
      expect(res.statusCode, res.body).toBe(200);
      expect(t.sink.received()).toEqual(expectedSamples);
    });

  const partlyBad = {
    resourceMetrics: [{ scopeMetrics: [{ metrics: [
      { name: 'ok', gauge: { dataPoints: [at({ asDouble: 1 }), { asDouble: 2 }] } },
      { name: 'lopsided', histogram: { aggregationTemporality: 2, dataPoints: [at({ count: '1', bucketCounts: ['1', '0'], explicitBounds: [1, 2] })] } },
      { name: 'untimed.sum', sum: { isMonotonic: true, dataPoints: [at({ asInt: '1' })] } },
    ] }] }],
  };

  it('takes what it can and reports the rest as a partial success (JSON)', async () => {
    const res = await post(JSON.stringify(partlyBad), JSON_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
    const { partialSuccess } = res.json();
    expect(partialSuccess.rejectedDataPoints).toBe('3');
    expect(partialSuccess.errorMessage).toMatch(/^3 data points rejected: .*no timeUnixNano.*2 bucketCounts for 2 explicitBounds.*no aggregationTemporality/);
    expect(t.sink.received()).toEqual([{ kind: 'gauge', name: 'ok', labels: {}, timestampMs: T, value: 1 }]);
  });

  it('reports a partial success in protobuf to a protobuf request', async () => {
    const res = await post(toProtobuf(partlyBad), PROTO_HEADERS);
    expect(res.statusCode, res.body).toBe(200);
    const answer = ResponseType.toObject(ResponseType.decode(res.rawPayload), { longs: Number });
    expect(answer.partialSuccess.rejectedDataPoints).toBe(3);
    expect(answer.partialSuccess.errorMessage).toMatch(/^3 data points rejected/);
  });

  it('skips points flagged as having no recorded value without rejecting them', async () => {
    const res = await post(JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [
      { name: 'g', gauge: { dataPoints: [at({ asDouble: 1, flags: 1 })] } },
    ] }] }] }), JSON_HEADERS);
    expect(res.json()).toEqual({});
    expect(t.sink.batches).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"resourceMetrics": [', JSON_HEADERS, 400, 'XOPS_ERR_BAD_JSON'],
    ['JSON of the wrong shape', '{"resourceMetrics": 5}', JSON_HEADERS, 400, 'XOPS_ERR_VALIDATION'],
    ['a time that is not a number', JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'g', gauge: { dataPoints: [{ timeUnixNano: 'soon' }] } }] }] }] }),
      JSON_HEADERS, 400, 'XOPS_ERR_VALIDATION'],
    ['bytes that are not protobuf', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), PROTO_HEADERS, 400, 'XOPS_ERR_VALIDATION'],
    ['text/plain', 'hello', { 'content-type': 'text/plain' }, 415, 'XOPS_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['brotli', '{}', { ...JSON_HEADERS, 'content-encoding': 'br' }, 415, 'XOPS_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['bytes that are not gzip', '{}', { ...JSON_HEADERS, 'content-encoding': 'gzip' }, 400, 'XOPS_ERR_VALIDATION'],
    ['a gzip bomb (33 MiB of zeros in 33 KiB)', gzipSync(Buffer.alloc(33 * 1024 * 1024)), { ...PROTO_HEADERS, 'content-encoding': 'gzip' }, 413, 'XOPS_ERR_BODY_TOO_LARGE'],
    ['a body over the limit', Buffer.alloc(33 * 1024 * 1024), PROTO_HEADERS, 413, 'XOPS_ERR_BODY_TOO_LARGE'],
  ])('answers %s with its 4xx', async (_what, payload, headers, status, code) => {
    const res = await post(payload, headers);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(t.sink.batches).toEqual([]);
  });

  it('needs an ingest:metrics token or an editor (ADR 0010)', async () => {
    expect((await post('{}', JSON_HEADERS, false)).statusCode).toBe(401);
    const viewer = await t.app.inject({ method: 'POST', url: '/v1/metrics', headers: { ...JSON_HEADERS, authorization: `Bearer ${t.viewerToken}` }, payload: '{}' });
    expect(viewer.statusCode).toBe(403);
  });

  it('never answers random bodies with a 5xx', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [value] }] }] })),
    );
    const headers = fc.constantFrom(JSON_HEADERS, PROTO_HEADERS);
    await fc.assert(fc.asyncProperty(body, headers, fc.boolean(), async (payload, type, gzip) => {
      const res = await post(gzip ? gzipSync(payload) : payload, gzip ? { ...type, 'content-encoding': 'gzip' } : type);
      expect(res.statusCode, res.body).toBeLessThan(500);
    }), { numRuns: 400 });
  });
});

describe('POST /v1/metrics without a sink', () => {
  it('answers 503 XOPS_ERR_NOT_READY', async () => {
    const t = await openTelemetryApp({ withSink: false });
    try {
      const res = await t.call({ method: 'POST', url: '/v1/metrics', headers: JSON_HEADERS, payload: '{}' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('XOPS_ERR_NOT_READY');
    } finally {
      await t.close();
    }
  });
});
