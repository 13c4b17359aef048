import { seriesKeyForSli, seriesKeyForThreshold, type ConfigObject, type ReplayResultBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { FakeClock } from '../src/clock/fake-clock';
import { createPromqlPoller, type PromqlPoller } from '../src/telemetry/promql/promql-poller';
import { freePort, peersRequired, prometheusPresent, startBackfilledPrometheus, type PrometheusPeer } from './prometheus-peer';
import { applyDocuments } from './slo-fixtures';
import { RecordingSink } from './telemetry-app';
import { openTestApp, type TestApp } from './test-app';

const present = prometheusPresent('PromQL data source tests with a real Prometheus');
const SECOND = 1000;
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
// Two hours back: inside Prometheus' retention and clear of its head block.
const T0 = NOW - 2 * 3600 * SECOND;
const SAMPLES = 361; // one every 5 s over [T0, T0 + 1800 s]

/**
 * OpenMetrics for promtool: `code="200"` gains 3 per sample, `code="500"` 1 per sample but resets
 * to 0 at sample 100; the latency histogram gains 2 (le 0.1), 3 (le 0.5), 4 (+Inf and count) per sample.
 */
function openMetrics(): string {
  const lines = ['# TYPE http_requests counter'];
  for (let i = 0; i < SAMPLES; i++) lines.push(`http_requests_total{code="200"} ${3 * i} ${(T0 / SECOND) + 5 * i}`);
  for (let i = 0; i < SAMPLES; i++) lines.push(`http_requests_total{code="500"} ${i < 100 ? i : i - 100} ${(T0 / SECOND) + 5 * i}`);
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (let i = 0; i < SAMPLES; i++) {
    const at = (T0 / SECOND) + 5 * i;
    lines.push(`http_request_duration_seconds_bucket{le="0.1"} ${2 * i} ${at}`, `http_request_duration_seconds_bucket{le="0.5"} ${3 * i} ${at}`,
      `http_request_duration_seconds_bucket{le="+Inf"} ${4 * i} ${at}`, `http_request_duration_seconds_count ${4 * i} ${at}`, `http_request_duration_seconds_sum ${i} ${at}`);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

const dataSource = (url: string): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'prom-main' },
  spec: { type: 'Prometheus', connectionDetails: { url, timeout: '5s' } },
});
const service: ConfigObject = { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: {} };
const requestsSli: ConfigObject = {
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'checkout-requests' },
  spec: { ratioMetric: {
    counter: true,
    good: { metricSource: { metricSourceRef: 'prom-main', spec: { selector: 'http_requests_total{code="200"}' } } },
    total: { metricSource: { metricSourceRef: 'prom-main', type: 'Prometheus', spec: { selector: 'http_requests_total' } } },
  } },
};
const latencySli: ConfigObject = {
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'checkout-latency' },
  spec: { thresholdMetric: { metricSource: { metricSourceRef: 'prom-main', spec: { histogram: 'http_request_duration_seconds' } } } },
};
const slo = (name: string, indicatorRef: string, objective: Record<string, unknown>): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name },
  spec: { service: 'checkout', indicatorRef, timeWindow: [{ duration: '28d', isRolling: true }], budgetingMethod: 'Occurrences', objectives: [objective] },
});

describe.runIf(present || peersRequired)('a PromQL data source on a real Prometheus', () => {
  let prometheus: PrometheusPeer | undefined;
  beforeAll(async () => {
    if (present) prometheus = await startBackfilledPrometheus(openMetrics());
  }, 60_000);
  afterAll(async () => { await prometheus?.stop(); }, 30_000);

  describe.each(testDatabaseEngines())('on %s', (engine) => {
    let t: TestApp;
    let poller: PromqlPoller;
    // The poller's clock stands at the end of the data: its last 5 minutes are [T0 + 1500 s, T0 + 1800 s).
    const pollClock = new FakeClock(T0 + 1800 * SECOND);
    beforeAll(async () => {
      expect(present, 'prometheus and promtool are missing and XOPS_REQUIRE_PEERS=1').toBe(true);
      t = await openTestApp(engine, {
        clock: new FakeClock(NOW),
        telemetry: (store) => ({ sink: new RecordingSink(), promql: (poller = createPromqlPoller({ store, clock: pollClock, logger: pino({ enabled: false }), holder: 'replica-a' })) }),
      });
      await applyDocuments(t.store, dataSource(prometheus?.url ?? ''), service, requestsSli, latencySli,
        slo('checkout-availability', 'checkout-requests', { displayName: 'Available', target: 0.99 }),
        slo('checkout-latency', 'checkout-latency', { displayName: 'Fast', target: 0.9, op: 'lte', value: 0.5 }));
    });
    afterAll(async () => { await t?.close(); });

    it('backfills a ratio SLI: 6 good of 8 per bucket, 7 in the bucket where code 500 reset', async () => {
      const response = await t.call({ method: 'POST', url: '/api/v1/slos/checkout-availability/backfill', as: 'editor', payload: { from: T0, to: T0 + 1800 * SECOND } });
      expect(response.statusCode).toBe(200);
      // Bucket 0 only sets the baseline (no sample before T0); buckets 1…179 each see two samples.
      expect(response.json()).toEqual({
        slo: 'checkout-availability', from: new Date(T0).toISOString(), to: new Date(T0 + 1800 * SECOND).toISOString(),
        series: [seriesKeyForSli('checkout-requests')], buckets: 179,
      });
      const buckets = await t.store.readBuckets(seriesKeyForSli('checkout-requests'), T0, T0 + 1800 * SECOND);
      expect(buckets).toHaveLength(179);
      expect(buckets[0]).toMatchObject({ start: T0 + 10 * SECOND, good: 6, total: 8 });
      // Samples 100 and 101 fall in [T0 + 500 s, T0 + 510 s): 99 → 0 is a reset, so 500 gains only 1.
      expect(buckets.find((b) => b.start === T0 + 500 * SECOND)).toMatchObject({ good: 6, total: 7 });
      expect(buckets.reduce((sum, b) => sum + b.good, 0)).toBe(179 * 6);
      expect(buckets.reduce((sum, b) => sum + b.total, 0)).toBe(179 * 8 - 1);
    });

    it('backfills a second time to the same counts (replace, not add), and replay reads them', async () => {
      const again = await t.call({ method: 'POST', url: '/api/v1/slos/checkout-availability/backfill', as: 'editor', payload: { from: T0, to: T0 + 1800 * SECOND } });
      expect(again.statusCode).toBe(200);
      const buckets = await t.store.readBuckets(seriesKeyForSli('checkout-requests'), T0, T0 + 1800 * SECOND);
      expect(buckets.reduce((sum, b) => sum + b.total, 0)).toBe(1431);
      const replay = await t.call({ method: 'POST', url: '/api/v1/replay', as: 'editor', payload: { slo: 'checkout-availability', from: T0 + 1790 * SECOND, to: T0 + 1800 * SECOND, step: '10s' } });
      expect(replay.statusCode, replay.body).toBe(200);
      const body: ReplayResultBody = replay.json();
      expect(body.objectives[0]?.sli.at(-1)).toBeCloseTo(1074 / 1431, 12);
    });

    it('backfills a latency SLI from histogram buckets: le 0.5 gains 6 of 8 per bucket', async () => {
      const response = await t.call({ method: 'POST', url: '/api/v1/slos/checkout-latency/backfill', as: 'editor', payload: { from: T0, to: T0 + 600 * SECOND } });
      expect(response.statusCode).toBe(200);
      const buckets = await t.store.readBuckets(seriesKeyForThreshold('checkout-latency', 'Fast'), T0, T0 + 600 * SECOND);
      expect(buckets).toHaveLength(59);
      expect(buckets.every((b) => b.good === 6 && b.total === 8)).toBe(true);
    });

    it('polls the newest 5 minutes of every PromQL series and shows the source up in GET /api/v1/targets', async () => {
      await poller.pollAll();
      const requests = await t.store.readBuckets(seriesKeyForSli('checkout-requests'), T0 + 1500 * SECOND, T0 + 1800 * SECOND);
      expect(requests).toHaveLength(30);
      expect(requests.every((b) => b.good === 6 && b.total === 8)).toBe(true);
      const targets = await t.call({ url: '/api/v1/targets', as: 'viewer' });
      expect(targets.json().targets).toEqual([{
        kind: 'promql', dataSource: 'prom-main', url: prometheus?.url, health: 'up', intervalMs: 30_000, timeoutMs: 5000,
        lastScrape: new Date(T0 + 1800 * SECOND).toISOString(), lastDurationMs: 0, lastError: null, samples: 60,
      }]);
    });

    it('marks a PromQL source that is down with the reason, keeping what was written', async () => {
      const closedPort = await freePort();
      await applyDocuments(t.store, dataSource(`http://127.0.0.1:${closedPort}`));
      try {
        await poller.pollAll();
        const [source] = (await t.call({ url: '/api/v1/targets', as: 'viewer' })).json().targets;
        expect(source).toMatchObject({ kind: 'promql', health: 'down', url: `http://127.0.0.1:${closedPort}` });
        expect(source.lastError).toMatch(/ECONNREFUSED/);
        expect(await t.store.readBuckets(seriesKeyForSli('checkout-requests'), T0 + 1500 * SECOND, T0 + 1800 * SECOND)).toHaveLength(30);
      } finally {
        await applyDocuments(t.store, dataSource(prometheus?.url ?? ''));
      }
    });

    it('answers 502 with the reason when the source is down, and keeps serving', async () => {
      const closedPort = await freePort();
      await applyDocuments(t.store, dataSource(`http://127.0.0.1:${closedPort}`));
      try {
        const response = await t.call({ method: 'POST', url: '/api/v1/slos/checkout-availability/backfill', as: 'editor', payload: { from: T0, to: T0 + 60 * SECOND } });
        expect(response.statusCode).toBe(502);
        expect(response.json().error).toMatchObject({ code: 'XOPS_ERR_UPSTREAM', details: { dataSource: 'prom-main' } });
        expect(response.json().error.message).toMatch(new RegExp(`^cannot query http://127\\.0\\.0\\.1:${closedPort}/api/v1/query_range: .*ECONNREFUSED`));
        expect((await t.call({ url: '/api/v1/slos', as: 'viewer' })).statusCode).toBe(200);
      } finally {
        await applyDocuments(t.store, dataSource(prometheus?.url ?? ''));
      }
    });

    it('refuses an SLO without a PromQL source (409) and a viewer (403)', async () => {
      await applyDocuments(t.store, { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'events-only' }, spec: { ratioMetric: { good: { metricSource: { type: 'xops', spec: {} } }, total: { metricSource: { type: 'xops', spec: {} } } } } },
        slo('events-slo', 'events-only', { displayName: 'Ok', target: 0.99 }));
      expect((await t.call({ method: 'POST', url: '/api/v1/slos/events-slo/backfill', as: 'editor', payload: { from: T0 } })).statusCode).toBe(409);
      expect((await t.call({ method: 'POST', url: '/api/v1/slos/checkout-availability/backfill', as: 'viewer', payload: { from: T0 } })).statusCode).toBe(403);
    });
  });
});
