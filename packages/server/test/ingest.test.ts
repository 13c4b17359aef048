import { ERROR_CODES, seriesKeyForSli, seriesKeyForThreshold } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../src/http/body-limits';
import { checkoutService, checkoutSli } from './fixtures';
import { openTestApp, type TestApp, type TestCaller } from './test-app';

/** 2025-03-01T12:00:00Z, the start of a 10-second bucket. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const NDJSON = { 'content-type': 'application/x-ndjson' };
const xops = (type = 'xops') => ({ metricSource: { type, spec: {} } });

const requestsSli = {
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'checkout-requests' },
  // The type is matched case-insensitively.
  spec: { ratioMetric: { counter: true, good: xops(), total: xops('XOPS') } },
};
const dataSource = { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'pushed' }, spec: { type: 'Xops', connectionDetails: {} } };
const viaDataSourceSli = {
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'via-datasource' },
  spec: { ratioMetric: { bad: { metricSource: { metricSourceRef: 'pushed', spec: {} } }, total: { metricSource: { metricSourceRef: 'pushed', spec: {} } } } },
};
const latencySli = { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'checkout-latency' }, spec: { thresholdMetric: xops() } };
const slo = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name }, spec: { service: 'checkout', budgetingMethod: 'Occurrences', ...spec },
});
const latencySlo = slo('checkout-latency', { indicatorRef: 'checkout-latency', objectives: [{ displayName: 'Fast', op: 'lte', value: 0.3, target: 0.95 }] });
// The same SLI in a second SLO, with an unnamed objective: a series of its own.
const strictLatencySlo = slo('checkout-latency-strict', { indicatorRef: 'checkout-latency', objectives: [{ op: 'lt', value: 0.1, target: 0.9 }] });
const inlineSlo = slo('search', {
  indicator: { metadata: { name: 'search-requests' }, spec: { ratioMetric: { good: xops(), total: xops() } } },
  objectives: [{ target: 0.99 }],
});
const orphanThresholdSli = { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'queue-depth' }, spec: { thresholdMetric: xops() } };

const config = [checkoutService, checkoutSli, requestsSli, dataSource, viaDataSourceSli, latencySli, latencySlo, strictLatencySlo, inlineSlo, orphanThresholdSli];

describe.each(testDatabaseEngines())('POST /api/v1/slis/{name}/events on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: config.map((object) => ({ object })) } });
    expect(applied.statusCode, applied.body).toBe(200);
  });
  afterAll(async () => { await t.close(); });

  // Tests share one app and its series; each writes and reads ten days of its own.
  const SPAN = 10 * 86_400_000;
  let run = 0;
  beforeEach(() => { run += 1; });
  const base = () => T + run * SPAN;

  const send = (sli: string, payload: string | unknown[], options: { query?: string; headers?: Record<string, string>; as?: TestCaller } = {}) =>
    t.call({
      method: 'POST', url: `/api/v1/slis/${sli}/events${options.query ?? ''}`, as: options.as ?? 'ingest',
      headers: options.headers ?? { 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const buckets = (seriesKey: string) => t.store.readBuckets(seriesKey, base(), base() + SPAN);

  it('sums a JSON array of RFC 3339 events into 10-second buckets, bad counting as total − bad', async () => {
    const at = (s: number) => new Date(base() + s * 1000).toISOString();
    const res = await send('checkout-requests', [
      { ts: at(3), good: 9, total: 10 },
      { ts: at(7), bad: 2, total: 5 }, // good 3
      { ts: at(10), good: 1, total: 1 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, buckets: 2 });
    // Bucket :00 holds :03 and :07: 9 + 3 = 12 good of 10 + 5 = 15; bucket :10 holds :10.
    expect(await buckets(seriesKeyForSli('checkout-requests'))).toEqual([
      { start: base(), resolutionMs: 10_000, good: 12, total: 15 },
      { start: base() + 10_000, resolutionMs: 10_000, good: 1, total: 1 },
    ]);
  });

  it('takes NDJSON with epoch milliseconds, CRLF line ends and blank lines', async () => {
    const body = `{"ts": ${base() + 3_000}, "good": 9, "total": 10}\r\n\r\n{"ts": ${base() + 7_000}, "bad": 2, "total": 5}\r\n{"ts": ${base() + 19_999}, "good": 1, "total": 1}\n`;
    const res = await send('checkout-requests', body, { headers: NDJSON });
    expect(res.json()).toEqual({ accepted: 3, buckets: 2 });
    expect(await buckets('checkout-requests')).toEqual([
      { start: base(), resolutionMs: 10_000, good: 12, total: 15 },
      { start: base() + 10_000, resolutionMs: 10_000, good: 1, total: 1 },
    ]);
  });

  it('is idempotent by default, and adds with ?mode=add', async () => {
    const events = [{ ts: base(), good: 3, total: 4 }, { ts: base() + 5_000, good: 1, total: 1 }];
    await send('checkout-requests', events);
    expect((await send('checkout-requests', events)).json()).toEqual({ accepted: 2, buckets: 1 });
    expect(await buckets('checkout-requests')).toEqual([{ start: base(), resolutionMs: 10_000, good: 4, total: 5 }]);

    expect((await send('checkout-requests', events, { query: '?mode=add' })).statusCode).toBe(200);
    expect(await buckets('checkout-requests')).toEqual([{ start: base(), resolutionMs: 10_000, good: 8, total: 10 }]);
    expect((await send('checkout-requests', events, { query: '?mode=sum' })).statusCode).toBe(400);
  });

  it('feeds an SLI written inline in an SLO, and one whose DataSource is of type xops', async () => {
    expect((await send('search-requests', [{ ts: base(), good: 1, total: 2 }])).json()).toEqual({ accepted: 1, buckets: 1 });
    expect(await buckets('search-requests')).toEqual([{ start: base(), resolutionMs: 10_000, good: 1, total: 2 }]);
    expect((await send('via-datasource', [{ ts: base(), bad: 1, total: 2 }])).json()).toEqual({ accepted: 1, buckets: 1 });
  });

  it('turns threshold values into good/total for every objective that uses the SLI', async () => {
    const values = [0.05, 0.2, 0.5].map((value) => ({ ts: base() + 1_000, value })).concat({ ts: base() + 12_000, value: 0.3 });
    expect((await send('checkout-latency', values)).json()).toEqual({ accepted: 4, buckets: 4 });
    // Fast: value ≤ 0.3 → 0.05 and 0.2 of three in bucket :00; 0.3 in bucket :10.
    expect(await buckets(seriesKeyForThreshold('checkout-latency', 'Fast'))).toEqual([
      { start: base(), resolutionMs: 10_000, good: 2, total: 3 },
      { start: base() + 10_000, resolutionMs: 10_000, good: 1, total: 1 },
    ]);
    // objective-0 of the strict SLO: value < 0.1 → only 0.05.
    expect(await buckets(seriesKeyForThreshold('checkout-latency-strict', 'objective-0'))).toEqual([
      { start: base(), resolutionMs: 10_000, good: 1, total: 3 },
      { start: base() + 10_000, resolutionMs: 10_000, good: 0, total: 1 },
    ]);
    expect(await buckets(seriesKeyForSli('checkout-latency'))).toEqual([]);
  });

  it('refuses events of the wrong kind for the SLI', async () => {
    const values = await send('checkout-requests', [{ ts: base(), value: 1 }]);
    expect(values.statusCode).toBe(400);
    expect(values.json().error.message).toContain('SLI "checkout-requests" is a ratioMetric');
    const counts = await send('checkout-latency', [{ ts: base(), good: 1, total: 1 }]);
    expect(counts.statusCode).toBe(400);
    expect(counts.json().error.message).toContain('SLI "checkout-latency" is a thresholdMetric: send {"ts", "value"} events');
  });

  it('answers 404 for an SLI that does not exist', async () => {
    const res = await send('nope', [{ ts: base(), good: 1, total: 1 }]);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      code: 'XOPS_ERR_NOT_FOUND',
      message: 'SLI "nope" does not exist: apply an SLI of that name, or an SLO with an inline indicator named "nope".',
      details: { kind: 'SLI', name: 'nope' },
    });
  });

  it('answers 422 with the fix for an SLI fed by another source', async () => {
    const res = await send('checkout-availability', [{ ts: base(), good: 1, total: 1 }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('XOPS_ERR_NOT_INGESTIBLE');
    expect(res.json().error.message).toBe('SLI "checkout-availability" takes its data from Prometheus (ratioMetric.good.metricSource), not from the ingest API. '
      + 'To send it events, set `metricSource.type: xops` on every metric of the SLI (ratioMetric.good, ratioMetric.total) and apply it again.');
  });

  it('answers 422 for a threshold SLI that no objective uses yet', async () => {
    const res = await send('queue-depth', [{ ts: base(), value: 3 }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('No SLO objective uses the threshold SLI "queue-depth" yet');
  });

  it('reports every bad NDJSON line by number, and writes nothing', async () => {
    const body = [
      `{"ts": ${base()}, "good": 1, "total": 1}`,
      '{"ts": "yesterday", "good": 1, "total": 1}',
      'not json',
      `{"ts": ${base()}, "good": 5, "total": 2}`,
      `{"ts": ${base()}, "total": 2, "tot": 1}`,
    ].join('\n');
    const res = await send('checkout-requests', body, { headers: NDJSON });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('XOPS_ERR_VALIDATION');
    expect(error.message).toMatch(/^5 problems in the events, nothing was written: line 2: `ts` "yesterday" is not an RFC 3339 time.*; line 3: not valid JSON.*; line 4: `good` \(5\) is more than `total` \(2\) \(and 2 more\)$/);
    expect(error.details.count).toBe(5);
    expect(error.details.problems.map((p: { line: number; path: unknown[] }) => [p.line, p.path])).toEqual([[2, ['ts']], [3, []], [4, ['good']], [5, []], [5, ['good']]]);
    expect(error.details.problems.slice(3).map((p: { message: string }) => p.message)).toEqual(['Unrecognized key: "tot"', '`good` or `bad` is required with `total`']);
    expect(await buckets('checkout-requests')).toEqual([]);
  });

  it('reports bad events of a JSON array by index, at most 100 of them', async () => {
    const events = Array.from({ length: 150 }, (_, i) => ({ ts: base(), good: 2, total: i % 2 }));
    const res = await send('checkout-requests', events);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.message).toMatch(/^150 problems in the events, nothing was written: event \[0\]: `good` \(2\) is more than `total` \(0\); event \[1\]: .* \(and 147 more\)$/);
    expect(error.details.count).toBe(150);
    expect(error.details.problems).toHaveLength(100);
    expect(error.details.problems[99]).toEqual({ index: 99, path: ['good'], message: '`good` (2) is more than `total` (1)' });
  });

  it('takes events from the past, and from up to 5 minutes ahead, but no further', async () => {
    expect((await send('checkout-requests', [{ ts: Date.UTC(2020, 0, 1), good: 1, total: 1 }])).statusCode).toBe(200);
    expect((await send('checkout-requests', [{ ts: Date.now() + 4 * 60_000, good: 1, total: 1 }])).statusCode).toBe(200);
    const ahead = await send('checkout-requests', [{ ts: Date.now() + 6 * 60_000, good: 1, total: 1 }]);
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.message).toContain("is more than 5 minutes ahead of the server's clock");
  });

  it('refuses a body that is neither an array nor NDJSON, and other media types', async () => {
    const object = await send('checkout-requests', { ts: base(), good: 1, total: 1 } as unknown as unknown[]);
    expect(object.statusCode).toBe(400);
    expect(object.json().error.message).toContain('The body must be a JSON array of events, or NDJSON');
    expect((await send('checkout-requests', 'ts,good,total', { headers: { 'content-type': 'text/csv' } })).statusCode).toBe(415);
    // NDJSON is parsed on this route only.
    const elsewhere = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', headers: NDJSON, payload: '{}' });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('takes an ingest:metrics token or an editor, not a responder (ADR 0010)', async () => {
    for (const as of ['viewer', 'responder'] as const) {
      const res = await send('checkout-requests', [], { as });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('XOPS_ERR_FORBIDDEN');
    }
    for (const as of ['ingest', 'editor', 'admin'] as const) {
      expect((await send('checkout-requests', [], { as })).json()).toEqual({ accepted: 0, buckets: 0 });
    }
  });

  it('takes a 100,000-event NDJSON body above the default 1 MiB limit', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `{"ts":${base() + i * 1_000},"good":${i % 10},"total":10}`);
    const body = lines.join('\n');
    expect(body.length).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    const res = await send('checkout-requests', body, { headers: NDJSON });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    // 1 000 s … 100 000 s: ten events a bucket, 10 000 buckets; good per bucket 0 + 1 + … + 9 = 45.
    expect(res.json()).toEqual({ accepted: 100_000, buckets: 10_000 });
    const stored = await buckets('checkout-requests');
    expect(stored).toHaveLength(10_000);
    expect(stored.every((bucket) => bucket.good === 45 && bucket.total === 100)).toBe(true);
  });

  it('never answers a random body with a 5xx', async () => {
    const expectHandled = (res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) expect(Object.keys(ERROR_CODES)).toContain(res.json().error.code);
    };
    const field = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(base()), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())), fc.anything());
    const eventish = fc.record({ ts: field, good: field, bad: field, total: field, value: field }, { requiredKeys: [] });
    const sli = fc.constantFrom('checkout-requests', 'checkout-latency', 'checkout-availability', 'nope');
    await fc.assert(fc.asyncProperty(sli, fc.array(fc.oneof(eventish, fc.jsonValue()), { maxLength: 20 }), async (name, events) => {
      expectHandled(await send(name, JSON.stringify(events)));
      expectHandled(await send(name, events.map((event) => JSON.stringify(event) ?? '').join('\n'), { headers: NDJSON }));
    }), { numRuns: 100 });
    await fc.assert(fc.asyncProperty(sli, fc.string({ unit: 'binary' }), fc.constantFrom('?mode=add', '', '?mode=', '?x=1'), async (name, text, query) => {
      expectHandled(await send(name, text, { headers: NDJSON, query }));
      expectHandled(await send(name, text, { query }));
    }), { numRuns: 100 });
  });
});
