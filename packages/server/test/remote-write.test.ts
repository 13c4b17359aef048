import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { compressSync } from 'snappy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeWriteRequest } from '../src/telemetry/remote-write/decode-write-request';
import { openTelemetryApp, type TelemetryTestApp } from './telemetry-app';

const proto = protobuf.loadSync(fileURLToPath(new URL('../src/telemetry/remote-write/remote.proto', import.meta.url)));
const WriteRequest = proto.lookupType('prometheus.WriteRequest');

interface Series { labels: { name: string; value: string }[]; samples: { value: number; timestamp: number }[] }

/** A real remote-write body: protobuf `WriteRequest`, snappy block format. */
function encode(request: { timeseries: Series[]; metadata?: { type: number; metricFamilyName: string }[] }): Buffer {
  const bytes = WriteRequest.encode(WriteRequest.fromObject(request)).finish();
  return Buffer.from(compressSync(bytes));
}

const RW_HEADERS = {
  'content-type': 'application/x-protobuf',
  'content-encoding': 'snappy',
  'x-prometheus-remote-write-version': '0.1.0',
};

const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const series = (name: string, labels: Record<string, string>, samples: [number, number][]): Series => ({
  labels: [{ name: '__name__', value: name }, ...Object.entries(labels).map(([n, value]) => ({ name: n, value }))],
  samples: samples.map(([timestamp, value]) => ({ timestamp, value })),
});

describe('POST /api/v1/write (Prometheus remote write 1.0)', () => {
  let t: TelemetryTestApp;
  beforeAll(async () => { t = await openTelemetryApp(); });
  afterAll(async () => { await t.close(); });
  beforeEach(() => t.sink.clear());

  const write = (payload: Buffer | string, headers: Record<string, string> = RW_HEADERS, auth = true) =>
    t.call({ method: 'POST', url: '/api/v1/write', headers, payload, auth });

  it('hands counters, histogram series and gauges to the sink with the right kinds, labels, times and values', async () => {
    const res = await write(encode({
      timeseries: [
        series('http_requests_total', { job: 'checkout', code: '200' }, [[T, 10], [T + 15_000, 12.5]]),
        series('http_request_duration_seconds_bucket', { job: 'checkout', le: '0.3' }, [[T, 7]]),
        series('http_request_duration_seconds_count', { job: 'checkout' }, [[T, 9]]),
        series('http_request_duration_seconds_sum', { job: 'checkout' }, [[T, 1.75]]),
        series('up', { job: 'checkout', instance: 'a:9100' }, [[T, 1], [T + 15_000, Number.NaN]]),
      ],
    }));
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    expect(t.sink.batches.map((b) => [b.kind, b.source, b.samples.length])).toEqual([['cumulative', 'remote-write', 5], ['gauge', 'remote-write', 1]]);
    expect(t.sink.received()).toEqual([
      { kind: 'cumulative', name: 'http_request_duration_seconds_bucket', labels: { job: 'checkout', le: '0.3' }, timestampMs: T, value: 7 },
      { kind: 'cumulative', name: 'http_request_duration_seconds_count', labels: { job: 'checkout' }, timestampMs: T, value: 9 },
      { kind: 'cumulative', name: 'http_request_duration_seconds_sum', labels: { job: 'checkout' }, timestampMs: T, value: 1.75 },
      { kind: 'cumulative', name: 'http_requests_total', labels: { job: 'checkout', code: '200' }, timestampMs: T, value: 10 },
      { kind: 'cumulative', name: 'http_requests_total', labels: { job: 'checkout', code: '200' }, timestampMs: T + 15_000, value: 12.5 },
      // The NaN (a staleness marker, for Prometheus) is left out.
      { kind: 'gauge', name: 'up', labels: { job: 'checkout', instance: 'a:9100' }, timestampMs: T, value: 1 },
    ]);
  });

  it('lets metadata in the same request override the naming rule', async () => {
    const res = await write(encode({
      timeseries: [series('queue_depth_total', {}, [[T, 4]]), series('jobs_done', {}, [[T, 3]])],
      metadata: [{ type: 2, metricFamilyName: 'queue_depth_total' }, { type: 1, metricFamilyName: 'jobs_done' }],
    }));
    expect(res.statusCode, res.body).toBe(204);
    expect(t.sink.received().map((s) => [s.name, s.kind])).toEqual([['jobs_done', 'cumulative'], ['queue_depth_total', 'gauge']]);
  });

  it('takes a label called __proto__ as a label', async () => {
    const res = await write(encode({ timeseries: [series('odd', Object.fromEntries([['__proto__', 'x'], ['a', 'b']]), [[T, 1]])] }));
    expect(res.statusCode, res.body).toBe(204);
    expect(Object.entries(t.sink.batches[0]!.samples[0]!.labels)).toEqual([['__proto__', 'x'], ['a', 'b']]);
  });

  it('answers an empty WriteRequest with 204 and gives the sink nothing', async () => {
    expect((await write(encode({ timeseries: [] }))).statusCode).toBe(204);
    expect(t.sink.batches).toEqual([]);
  });

  it.each([
    ['bytes that are not snappy', Buffer.from([0x05, 0xff, 0xff]), /not valid snappy/],
    ['snappy around bytes that are not protobuf', Buffer.from(compressSync(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]))), /runs past the end|not a valid protobuf/i],
    ['a series without __name__', encode({ timeseries: [{ labels: [{ name: 'job', value: 'x' }], samples: [{ value: 1, timestamp: T }] }] }), /no __name__/],
    ['a label twice', encode({ timeseries: [{ labels: [{ name: '__name__', value: 'x' }, { name: 'a', value: '1' }, { name: 'a', value: '2' }], samples: [] }] }), /appears twice/],
    ['a NUL in a label value', encode({ timeseries: [series('x', { a: 'b\u0000c' }, [[T, 1]])] }), /NUL/],
    ['an empty body', Buffer.alloc(0), /snappy/],
  ])('answers %s with 400 and a clear message, giving the sink nothing', async (_what, payload, message) => {
    const res = await write(payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('XOPS_ERR_VALIDATION');
    expect(res.json().error.message).toMatch(message);
    expect(t.sink.batches).toEqual([]);
  });

  it.each([
    ['JSON', { ...RW_HEADERS, 'content-type': 'application/json' }],
    ['gzip', { ...RW_HEADERS, 'content-encoding': 'gzip' }],
    ['remote write 2.0', { ...RW_HEADERS, 'content-type': 'application/x-protobuf;proto=io.prometheus.write.v2.Request', 'x-prometheus-remote-write-version': '2.0.0' }],
  ])('answers %s with 415', async (_what, headers) => {
    const res = await write(encode({ timeseries: [series('up', {}, [[T, 1]])] }), headers);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error.code).toBe('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body that claims to uncompress past the limit with 413 before uncompressing it', async () => {
    // Snappy's header is the uncompressed length as a varint: here 1 GiB.
    const res = await write(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x04, 0x00]));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.code).toBe('XOPS_ERR_BODY_TOO_LARGE');
  });

  it('answers a compressed body over the limit with 413', async () => {
    const res = await write(Buffer.alloc(33 * 1024 * 1024));
    expect(res.statusCode).toBe(413);
  });

  it('needs an ingest:metrics token or an editor (ADR 0010)', async () => {
    const body = encode({ timeseries: [series('up', {}, [[T, 1]])] });
    expect((await write(body, RW_HEADERS, false)).statusCode).toBe(401);
    const viewer = await t.app.inject({ method: 'POST', url: '/api/v1/write', headers: { ...RW_HEADERS, authorization: `Bearer ${t.viewerToken}` }, payload: body });
    expect(viewer.statusCode).toBe(403);
    expect(t.sink.batches).toEqual([]);
  });

  it('never answers random bytes with a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, compress) => {
      const res = await write(Buffer.from(compress ? compressSync(bytes) : bytes));
      expect(res.statusCode, res.body).toBeLessThan(500);
    }), { numRuns: 300 });
  });
});

describe('POST /api/v1/write without a sink', () => {
  it('answers 503 XOPS_ERR_NOT_READY', async () => {
    const t = await openTelemetryApp({ withSink: false });
    try {
      const res = await t.call({ method: 'POST', url: '/api/v1/write', headers: RW_HEADERS, payload: encode({ timeseries: [] }) });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('XOPS_ERR_NOT_READY');
    } finally {
      await t.close();
    }
  });
});

describe('decodeWriteRequest', () => {
  const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/).filter((n) => n !== '__name__');
  const arbitrarySeries = fc.record({
    name: fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/),
    labels: fc.uniqueArray(fc.tuple(labelName, fc.string({ maxLength: 20 }).filter((v) => !v.includes('\u0000'))), { selector: ([n]) => n, maxLength: 6 }),
    samples: fc.array(fc.record({
      value: fc.double({ noNaN: true }),
      timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    }), { maxLength: 4 }),
  });

  it('agrees with protobufjs decoding the same bytes against remote.proto', () => {
    fc.assert(fc.property(fc.array(arbitrarySeries, { maxLength: 8 }), (all) => {
      const bytes = WriteRequest.encode(WriteRequest.fromObject({
        timeseries: all.map((s) => ({ labels: [{ name: '__name__', value: s.name }, ...s.labels.map(([name, value]) => ({ name, value }))], samples: s.samples })),
      })).finish();
      const reference = WriteRequest.toObject(WriteRequest.decode(bytes), { longs: Number, defaults: true, arrays: true });
      const decoded = decodeWriteRequest(bytes);
      expect(decoded.series.map((s) => ({ name: s.name, labels: { ...s.labels }, samples: s.samples.map((x) => ({ value: x.value, timestamp: x.timestampMs })) })))
        .toEqual((reference.timeseries as { labels: { name: string; value: string }[]; samples: unknown[] }[]).map((s) => ({
          name: s.labels[0]!.value,
          labels: Object.fromEntries(s.labels.slice(1).map((l) => [l.name, l.value])),
          samples: s.samples,
        })));
    }), { numRuns: 300 });
  });
});
