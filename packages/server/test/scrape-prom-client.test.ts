import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seriesKeyForSli, seriesKeyForThreshold, type ConfigObject } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { pino } from 'pino';
import { Counter, Histogram, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { createSloEvaluator, type SloEvaluator } from '../src/slo/slo-evaluator';
import { createTelemetrySink, type TelemetrySink } from '../src/telemetry/sample-sink';
import { createScraper, type Scraper } from '../src/telemetry/scrape/scraper';
import { checkoutService } from './fixtures';
import { openTestApp, type TestApp } from './test-app';

/** 2025-03-01T12:00:00Z, the start of a 10-second bucket. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const xops = (spec: Record<string, string>) => ({ metricSource: { type: 'xops', spec } });

/** A real prom-client app on loopback, and three bad targets beside it. */
function startPeer(registry: Registry): Promise<{ server: Server; url: (path: string) => string }> {
  const server = createServer((request, response) => {
    if (request.url === '/metrics') {
      void registry.metrics().then((body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body));
    } else if (request.url === '/hang') {
      // Never answers.
    } else if (request.url === '/error') {
      response.writeHead(500).end('boom');
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>not metrics</html>');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    resolve({ server, url: (path) => `http://127.0.0.1:${port}${path}` });
  }));
}

describe.each(testDatabaseEngines())('scraping a real prom-client app on %s', (engine) => {
  const registry = new Registry();
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests.', labelNames: ['code'], registers: [registry] });
  const latency = new Histogram({ name: 'http_request_duration_seconds', help: 'Latency.', buckets: [0.1, 0.3, 1], registers: [registry] });
  const clock = new FakeClock(T + 1000);
  let peer: Awaited<ReturnType<typeof startPeer>>;
  let t: TestApp;
  let sink: TelemetrySink;
  let scraper: Scraper;
  let evaluator: SloEvaluator;

  beforeAll(async () => {
    peer = await startPeer(registry);
    const logger = pino({ enabled: false });
    t = await openTestApp(engine, {
      clock,
      evaluator: (store) => (evaluator = createSloEvaluator({ store, clock, logger, holder: 'replica-a' })),
      telemetry: (store) => {
        sink = createTelemetrySink({ store, clock, logger });
        scraper = createScraper({ store, sink, clock, logger, holder: 'replica-a' });
        return { sink, scraper };
      },
    });
    const documents: ConfigObject[] = [
      checkoutService,
      { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'checkout-pods' }, spec: {
        type: 'prometheus-scrape', connectionDetails: { targets: [peer.url('/metrics'), peer.url('/hang'), peer.url('/error'), peer.url('/garbage')], interval: '15s', timeout: '300ms' },
      } },
      { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'checkout-requests' }, spec: {
        ratioMetric: { counter: true, good: xops({ selector: 'http_requests_total{code!~"5.."}' }), total: xops({ selector: 'http_requests_total' }) },
      } },
      { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'checkout-availability' }, spec: {
        service: 'checkout', indicatorRef: 'checkout-requests', budgetingMethod: 'Occurrences', timeWindow: [{ duration: '1d', isRolling: true }], objectives: [{ displayName: 'Available', target: 0.9 }],
      } },
      { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'checkout-latency' }, spec: {
        service: 'checkout', budgetingMethod: 'Occurrences', timeWindow: [{ duration: '1d', isRolling: true }],
        indicator: { metadata: { name: 'checkout-latency' }, spec: { thresholdMetric: xops({ histogram: 'http_request_duration_seconds' }) } },
        objectives: [{ displayName: 'Fast', op: 'lte', value: 0.3, target: 0.8 }],
      } },
    ];
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: documents.map((object) => ({ object })) } });
    expect(applied.statusCode, applied.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    peer.server.closeAllConnections();
    await new Promise((resolve) => peer.server.close(resolve));
  });

  it('counts N requests of a known mix into the SLI buckets and the SLO status, and marks bad targets down', async () => {
    // First scrape at 12:00:01: the baseline (no request yet; the histogram's series are all 0).
    await scraper.scrapeAll();
    for (let i = 0; i < 90; i++) requests.inc({ code: '200' });
    for (let i = 0; i < 10; i++) requests.inc({ code: '503' });
    for (let i = 0; i < 70; i++) latency.observe(0.05);
    for (let i = 0; i < 20; i++) latency.observe(0.2);
    for (let i = 0; i < 10; i++) latency.observe(0.5);
    clock.set(T + 16_000);
    await scraper.scrapeAll();
    // Bucket 12:00:10 ends at :20 and is held 20 s more.
    clock.set(T + 40_000);
    await sink.flush();

    // 90 of 100 requests were not 5xx; 70 + 20 = 90 of 100 took ≤ 0.3 s.
    expect(await t.store.readBuckets(seriesKeyForSli('checkout-requests'), T, T + 60_000)).toEqual([{ start: T + 10_000, resolutionMs: 10_000, good: 90, total: 100 }]);
    expect(await t.store.readBuckets(seriesKeyForThreshold('checkout-latency', 'Fast'), T, T + 60_000)).toEqual([{ start: T + 10_000, resolutionMs: 10_000, good: 90, total: 100 }]);

    await evaluator.evaluateOnce(T + 40_000);
    const status = await t.call({ method: 'GET', url: '/api/v1/slos/checkout-availability/status', as: 'viewer' });
    expect(status.statusCode, status.body).toBe(200);
    const objective = status.json<{ objectives: { events: unknown; sli: number }[] }>().objectives[0];
    expect(objective?.events).toEqual({ good: 90, total: 100 });
    expect(objective?.sli).toBe(0.9);

    const targets = await t.call({ method: 'GET', url: '/api/v1/targets', as: 'viewer' });
    expect(targets.statusCode, targets.body).toBe(200);
    const body = targets.json<{ scraping: boolean; targets: { url: string; health: string; lastError: string | null; samples: number }[]; problems: string[] }>();
    expect(body.scraping).toBe(true);
    expect(body.problems).toEqual([]);
    const byPath = new Map(body.targets.map((target) => [new URL(target.url).pathname, target]));
    expect(byPath.get('/metrics')).toMatchObject({ health: 'up', lastError: null });
    // 2 counter series, 4 buckets + sum + count of the histogram.
    expect(byPath.get('/metrics')?.samples).toBe(8);
    expect(byPath.get('/hang')).toMatchObject({ health: 'down', lastError: 'timed out after 300 ms' });
    expect(byPath.get('/error')).toMatchObject({ health: 'down', lastError: 'HTTP 500 Internal Server Error' });
    expect(byPath.get('/garbage')).toMatchObject({ health: 'down', lastError: 'line 1: expected a metric name, found "<html>not metrics</h"' });
    // …and the server keeps serving.
    expect((await t.call({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
