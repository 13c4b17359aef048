import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriesKeyForSli, type ConfigObject } from '@xops/contracts';
import { pino } from 'pino';
import { Counter, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock/clock';
import type { SampleBatch } from '../src/telemetry/sample';
import { createTelemetrySink, type TelemetrySink } from '../src/telemetry/sample-sink';
import { createScraper, type Scraper } from '../src/telemetry/scrape/scraper';
import { freePort, peersRequired, PROMETHEUS, prometheusPresent, scrapeAndRemoteWriteConfig } from './prometheus-peer';
import { applyDocuments } from './slo-fixtures';
import { openTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const present = prometheusPresent('Telemetry paths agreement test with a real Prometheus');
const SECOND = 1000;
const BUCKET = 10 * SECOND;

/**
 * The real sink, watched: remembers the newest sample timestamp each path has delivered, so the
 * test knows when remote write (which batches and retries on its own schedule) has caught up.
 */
class WatchedSink implements TelemetrySink {
  readonly latest = new Map<'scrape' | 'remote-write', number>();
  constructor(private readonly inner: TelemetrySink) {}
  async accept(batch: SampleBatch): Promise<{ samples: number; matched: number }> {
    const result = await this.inner.accept(batch);
    const path = batch.source === 'remote-write' ? 'remote-write' : 'scrape';
    for (const sample of batch.samples) if (sample.name === 'http_requests_total') this.latest.set(path, Math.max(this.latest.get(path) ?? 0, sample.timestampMs));
    return result;
  }
  start(): void { this.inner.start(); }
  flush(now?: number): Promise<number> { return this.inner.flush(now); }
  refresh(): Promise<void> { return this.inner.refresh(); }
  problems(): readonly string[] { return this.inner.problems(); }
  close(): Promise<void> { return this.inner.close(); }
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

// One counter, three paths. Each SLI selects `http_requests_total{service="agree"}`; the extra
// matcher only tells the paths apart inside xops' one sink: Prometheus adds `job` (and `instance`)
// to what it remote-writes, xops' own scrape adds no label.
const ratioSli = (name: string, source: Record<string, unknown>, matcher: string): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name },
  spec: { ratioMetric: {
    counter: true,
    good: { metricSource: { ...source, spec: { selector: `http_requests_total{service="agree",code="200"${matcher}}` } } },
    total: { metricSource: { ...source, spec: { selector: `http_requests_total{service="agree"${matcher}}` } } },
  } },
});
const slo = (name: string, indicatorRef: string): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name },
  spec: { service: 'agree', indicatorRef, budgetingMethod: 'Occurrences', timeWindow: [{ duration: '1d', isRolling: true }], objectives: [{ displayName: 'Available', target: 0.9 }] },
});

describe.runIf(present || peersRequired)('one counter through scrape, remote write and PromQL', () => {
  const registry = new Registry();
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests.', labelNames: ['service', 'code'], registers: [registry] });
  let target: Server;
  let t: TestApp;
  let sink: WatchedSink;
  let scraper: Scraper;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl = '';
  let dir = '';
  let logs = '';

  beforeAll(async () => {
    expect(present, 'prometheus and promtool are missing and XOPS_REQUIRE_PEERS=1').toBe(true);
    // Both series exist (at 0) before anyone scrapes, so every path has a baseline for each.
    requests.inc({ service: 'agree', code: '200' }, 0);
    requests.inc({ service: 'agree', code: '500' }, 0);
    target = createServer((request, response) => {
      void registry.metrics().then((body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const metricsUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/metrics`;

    const logger = pino({ enabled: false });
    t = await openTestApp('sqlite', {
      clock: systemClock,
      telemetry: (store) => {
        // Buckets are held 1 s past their end (not 20 s): the test waits for remote write itself.
        sink = new WatchedSink(createTelemetrySink({ store, clock: systemClock, logger, holdMs: SECOND }));
        scraper = createScraper({ store, sink, clock: systemClock, logger, holder: 'replica-a', tickMs: 100 });
        return { sink, scraper };
      },
    });
    const xops = await t.app.listen({ host: '127.0.0.1', port: 0 });

    const address = `127.0.0.1:${await freePort()}`;
    prometheusUrl = `http://${address}`;
    dir = await mkdtemp(join(tmpdir(), 'xops-agree-'));
    await writeFile(join(dir, 'prometheus.yml'), scrapeAndRemoteWriteConfig({
      job: 'agree', target: new URL(metricsUrl).host, writeUrl: `${xops}/api/v1/write`, token: t.tokens.ingest,
    }));
    await applyDocuments(t.store,
      { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'agree' }, spec: {} },
      { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'agree-pods' }, spec: {
        type: 'prometheus-scrape', connectionDetails: { targets: [metricsUrl], interval: '1s', timeout: '1s' },
      } },
      { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'agree-prometheus' }, spec: {
        type: 'Prometheus', connectionDetails: { url: prometheusUrl, timeout: '5s' },
      } },
      ratioSli('agree-scrape', { type: 'xops' }, ',job=""'),
      ratioSli('agree-remote-write', { type: 'xops' }, ',job="agree"'),
      ratioSli('agree-promql', { metricSourceRef: 'agree-prometheus' }, ''),
      slo('agree-scrape', 'agree-scrape'), slo('agree-remote-write', 'agree-remote-write'), slo('agree-promql', 'agree-promql'));
    await sink.refresh();
    scraper.start();
    prometheus = spawn(PROMETHEUS, [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${address}`, '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    prometheus.stdout?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
    prometheus.stderr?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  }, 30_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus?.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('gives the same good/total from all three paths over whole buckets they all covered', async () => {
    // Every path must hold a sample of the untouched counter before the compared range starts.
    const started = Date.now();
    await waitFor('a first sample on every path', 20_000, () => ((sink.latest.get('scrape') ?? 0) > started && (sink.latest.get('remote-write') ?? 0) > started ? true : undefined), { logs: () => logs, everyMs: 100 });

    // Why the paths can differ, and why they do not here: each path files a counter's increase in
    // the 10 s bucket of the sample that showed it, and the three paths sample at different
    // moments (xops' scraper on its own 1 s ticks; Prometheus on its 1 s ticks, which both remote
    // write and PromQL see; PromQL reads the last sample before each boundary, 1 ms early).
    // Requests made between the last sample before a boundary on one path and on another land in
    // different buckets, so single buckets, and any range whose edges cut through traffic, differ
    // by up to one scrape interval of traffic per edge. Over a range [A, B) of whole buckets, each
    // path counts value(last sample < B) − value(last sample < A): the same on all three paths
    // when the counter stands still for more than one scrape interval (plus timeout) on both sides
    // of A and of B. So traffic runs only inside [A + 1.5 s, B − 3 s), in a mix that changes as it
    // goes, and the range is compared once every path has delivered a sample at or after B.
    const A = Math.ceil((Date.now() + SECOND) / BUCKET) * BUCKET;
    const B = A + 2 * BUCKET;
    let good = 0;
    let total = 0;
    await sleepUntil(A + 1500);
    for (let step = 0; Date.now() < B - 3 * SECOND; step++) {
      // 5…11 successes and 0…3 failures per 100 ms, in a pattern that drifts over time.
      const ok = 5 + (step % 7);
      const failed = step % 5 === 0 ? 3 : step % 3 === 0 ? 1 : 0;
      requests.inc({ service: 'agree', code: '200' }, ok);
      if (failed > 0) requests.inc({ service: 'agree', code: '500' }, failed);
      good += ok;
      total += ok + failed;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The last increment must stay inside the range's quiet tail; a stalled event loop would void the premise.
    expect(Date.now()).toBeLessThan(B - 2 * SECOND);

    await waitFor('both xops paths past the end of the range', 15_000, () => ((sink.latest.get('scrape') ?? 0) >= B && (sink.latest.get('remote-write') ?? 0) >= B ? true : undefined), { logs: () => logs, everyMs: 100 });
    // Written once held for 1 s past B; remote write's samples before B have all arrived (a queue shard sends in order).
    await sleepUntil(B + 1500);
    await sink.flush();
    const backfill = await t.call({ method: 'POST', url: '/api/v1/slos/agree-promql/backfill', as: 'editor', payload: { from: A, to: B } });
    expect(backfill.statusCode, backfill.body).toBe(200);
    expect(backfill.json()).toMatchObject({ buckets: 2 });

    const sli = async (name: string) => {
      const buckets = await t.store.readBuckets(seriesKeyForSli(name), A, B);
      const sum = buckets.reduce((acc, b) => ({ good: acc.good + b.good, total: acc.total + b.total }), { good: 0, total: 0 });
      // Per bucket too, for the log: the split between the two buckets may differ by path, the sum may not.
      return { ...sum, value: sum.good / sum.total, buckets: buckets.map((b) => `${b.good}/${b.total}`).join(' ') };
    };
    const measured = { scrape: await sli('agree-scrape'), remoteWrite: await sli('agree-remote-write'), promql: await sli('agree-promql') };
    console.info(`telemetry paths over [${new Date(A).toISOString()}, ${new Date(B).toISOString()}): driven ${good}/${total} = ${good / total}`, measured);

    // The test drove a known number of requests: each path saw all of them, no more.
    expect(total).toBeGreaterThan(1000);
    for (const path of Object.values(measured)) {
      expect(path.total).toBe(total);
      expect(Math.abs(path.value - good / total) / (good / total)).toBeLessThan(0.001);
    }
    expect(Math.abs(measured.scrape.value - measured.remoteWrite.value) / measured.promql.value).toBeLessThan(0.001);
    expect(Math.abs(measured.scrape.value - measured.promql.value) / measured.promql.value).toBeLessThan(0.001);
  }, 60_000);
});
