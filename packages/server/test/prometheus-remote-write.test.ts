import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTelemetryApp, type TelemetryTestApp } from './telemetry-app';
import { scrapeAndRemoteWriteConfig } from './prometheus-peer';
import { waitFor } from './wait-for';

// Debian's package (`apt-get install -y prometheus`); .ci/run installs it and sets XOPS_REQUIRE_PEERS=1.
const PROMETHEUS = process.env.XOPS_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const present = existsSync(PROMETHEUS);
const required = process.env.XOPS_REQUIRE_PEERS === '1';
if (!present && !required) console.warn(`Real-Prometheus remote-write test skipped: ${PROMETHEUS} is missing (apt-get install -y prometheus).`);

const METRICS = '# TYPE demo_requests_total counter\ndemo_requests_total{code="200"} 17\n# TYPE demo_queue_depth gauge\ndemo_queue_depth 3\n';

describe.runIf(present || required)('a real Prometheus remote-writing to xops', () => {
  let t: TelemetryTestApp;
  let target: Server;
  let prometheus: ChildProcess | undefined;
  let dir: string;
  let logs = '';

  beforeAll(async () => {
    if (!present) return;
    t = await openTelemetryApp();
    const xops = await t.app.listen({ host: '127.0.0.1', port: 0 });
    target = createServer((_request, response) => { response.setHeader('content-type', 'text/plain; version=0.0.4'); response.end(METRICS); });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as AddressInfo).port;
    dir = await mkdtemp(join(tmpdir(), 'xops-prometheus-'));
    await writeFile(join(dir, 'prometheus.yml'), scrapeAndRemoteWriteConfig({
      job: 'demo', target: `127.0.0.1:${targetPort}`, writeUrl: `${xops}/api/v1/write`, token: t.token,
    }));
    prometheus = spawn(PROMETHEUS, [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      '--web.listen-address=127.0.0.1:0', '--log.level=warn',
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
    await new Promise((resolve) => target?.close(resolve));
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('delivers the scraped counter as cumulative and the gauges as gauge samples', async () => {
    expect(present, `${PROMETHEUS} is missing and XOPS_REQUIRE_PEERS=1`).toBe(true);
    const found = await waitFor('demo_requests_total and demo_queue_depth at the sink', 45_000, () => {
      const received = t.sink.received();
      const counter = received.find((s) => s.name === 'demo_requests_total');
      const gauge = received.find((s) => s.name === 'demo_queue_depth');
      return counter && gauge ? { counter, gauge, up: received.find((s) => s.name === 'up') } : undefined;
    }, { logs: () => logs });
    const instance = found.counter.labels.instance;
    expect(instance).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(found.counter).toMatchObject({ kind: 'cumulative', labels: { code: '200', job: 'demo', instance }, value: 17 });
    expect(found.gauge).toMatchObject({ kind: 'gauge', labels: { job: 'demo', instance }, value: 3 });
    expect(found.up).toMatchObject({ kind: 'gauge', labels: { job: 'demo', instance }, value: 1 });
    // Prometheus stamps samples with its scrape time, epoch milliseconds.
    expect(Math.abs(found.counter.timestampMs - Date.now())).toBeLessThan(60_000);
  }, 60_000);
});
