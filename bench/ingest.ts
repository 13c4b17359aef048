// `npm run bench -- ingest`: samples per second into xops through Prometheus remote write
// (protobuf + snappy) and OTLP/HTTP protobuf, and the same remote-write payloads into Debian's
// Prometheus (`--web.enable-remote-write-receiver`) in the same run (issue 4, DESIGN.md §9).
// Figures: remote_write_samples_per_s, otlp_samples_per_s, prometheus_remote_write_samples_per_s,
// ratio_vs_prometheus. XOPS_BENCH_SECONDS (10) bounds each phase, XOPS_BENCH_CONNECTIONS (4) is
// the number of keep-alive connections, XOPS_BENCH_REQUESTS (8000) the remote-write payloads made.
//
// The load generator runs in a worker thread so that it does not share the server's event loop;
// the payloads are made before any timing and each is sent once: Prometheus refuses a sample
// older than its series' newest, so every request carries the next scrape of its 1,000 series.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createApp, createTelemetrySink, systemClock } from '@xops/server';
import { openStore } from '@xops/store';
import protobuf from 'protobufjs';
import { compressSync } from 'snappy';
import { generateTokenSecret, hashTokenSecret } from '../packages/server/src/auth/token-secret';
import { report, say } from './report';

const BENCH = 'ingest';
const SECONDS = Number(process.env.XOPS_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.XOPS_BENCH_CONNECTIONS ?? 4);
const RW_REQUESTS = Number(process.env.XOPS_BENCH_REQUESTS ?? 8000);
const OTLP_REQUESTS = Number(process.env.XOPS_BENCH_OTLP_REQUESTS ?? 600);
const SAMPLES_PER_REQUEST = 1000;
// 10 groups of 1,000 series: request i carries group i % 10 at scrape round ⌊i / 10⌋, so that
// requests in flight together (at most CONNECTIONS ≤ 10) never hold the same series.
const GROUPS = 10;
const SCRAPE_MS = 15_000;
const PROMETHEUS = process.env.XOPS_PROMETHEUS_BIN ?? '/usr/bin/prometheus';

interface SeriesSpec {
  readonly name: string;
  readonly counter: boolean;
  /** Sorted by name, `__name__` among them, as Prometheus sends them. */
  readonly labels: readonly (readonly [string, string])[];
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const CODES = ['200', '201', '204', '400', '404', '500', '503'];
const HANDLERS = ['/api/v1/orders', '/api/v1/cart', '/api/v1/search', '/api/v1/users/{id}', '/healthz'];
const COUNTERS = ['http_requests_total', 'http_request_errors_total', 'rpc_client_calls_total', 'process_cpu_seconds_total'];
const GAUGES = ['process_resident_memory_bytes', 'go_goroutines', 'queue_depth', 'db_pool_in_use_connections'];

/** Series `i` of group `g`: half counters, half gauges, 10 labels with `__name__`, Kubernetes-like. */
function seriesSpec(g: number, i: number): SeriesSpec {
  const k = g * SAMPLES_PER_REQUEST + i;
  const counter = k % 2 === 0;
  const names = counter ? COUNTERS : GAUGES;
  const name = names[(k >> 1) % names.length]!;
  const service = `service-${k % 37}`;
  const labels: [string, string][] = [
    ['__name__', name],
    ['cluster', `eu-west-${k % 3}`],
    ['code', CODES[k % CODES.length]!],
    ['container', service],
    ['handler', HANDLERS[k % HANDLERS.length]!],
    ['instance', `10.0.${k % 251}.${(k >> 8) % 251}:8080`],
    ['job', service],
    ['method', METHODS[k % METHODS.length]!],
    ['namespace', `team-${k % 11}`],
    ['pod', `${service}-7d9f8b6c4-${(k * 2_654_435_761 >>> 0).toString(36).slice(0, 5)}`],
  ];
  return { name, counter, labels };
}

const T0 = Date.now() - 60 * 60_000;
const valueAt = (spec: SeriesSpec, k: number, round: number) =>
  spec.counter ? 1000 + k + round * (1 + (k % 50)) : 100 + Math.sin(round / 10 + k) * 50;

// ---- remote write: protobuf by hand in remote.proto's layout (labels encoded once per series with
// protobufjs' Writer, as the server's decoder reads it with protobufjs' Reader), snappy by the `snappy` package.
function varint(n: number): number[] {
  const bytes: number[] = [];
  while (n > 0x7f) { bytes.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  bytes.push(n);
  return bytes;
}

function remoteWritePayloads(count: number): Uint8Array[] {
  const groups = Array.from({ length: GROUPS }, (_, g) => Array.from({ length: SAMPLES_PER_REQUEST }, (_, i) => seriesSpec(g, i)));
  const labelBytes = groups.map((specs) => specs.map((spec) => {
    const w = protobuf.Writer.create();
    for (const [name, value] of spec.labels) w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string(name).uint32((2 << 3) | 2).string(value).ldelim();
    return Buffer.from(w.finish());
  }));
  const out: Uint8Array[] = [];
  const sample = Buffer.alloc(1 + 8 + 1 + 10);
  for (let n = 0; n < count; n += 1) {
    const g = n % GROUPS;
    const round = Math.floor(n / GROUPS);
    const parts: Buffer[] = [];
    groups[g]!.forEach((spec, i) => {
      // Sample { double value = 1; int64 timestamp = 2; }
      sample[0] = (1 << 3) | 1;
      sample.writeDoubleLE(valueAt(spec, g * SAMPLES_PER_REQUEST + i, round), 1);
      sample[9] = (2 << 3) | 0;
      const ts = varint(T0 + round * SCRAPE_MS);
      sample.set(ts, 10);
      const sampleLength = 10 + ts.length;
      const labels = labelBytes[g]![i]!;
      // TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
      const seriesLength = labels.length + 1 + varint(sampleLength).length + sampleLength;
      parts.push(Buffer.from([(1 << 3) | 2, ...varint(seriesLength)]), labels,
        Buffer.from([(2 << 3) | 2, ...varint(sampleLength)]), Buffer.from(sample.subarray(0, sampleLength)));
    });
    out.push(compressSync(Buffer.concat(parts)));
  }
  return out;
}

// ---- OTLP: ExportMetricsServiceRequest through protobufjs' reflection, from the server's own .proto files.
function otlpPayloads(count: number): Uint8Array[] {
  const protoDir = fileURLToPath(new URL('../packages/server/src/telemetry/otlp/proto/', import.meta.url));
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protoDir, target);
  root.loadSync('opentelemetry/proto/collector/metrics/v1/metrics_service.proto').resolveAll();
  const Request = root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');
  const out: Uint8Array[] = [];
  for (let n = 0; n < count; n += 1) {
    const g = n % GROUPS;
    const round = Math.floor(n / GROUPS);
    const timeUnixNano = String(BigInt(T0 + round * SCRAPE_MS) * 1_000_000n);
    // One resource per service, one metric per name, a data point per series; the metric name
    // and the service's labels become the resource and the metric, the rest point attributes.
    const byService = new Map<string, Map<string, { counter: boolean; points: object[] }>>();
    for (let i = 0; i < SAMPLES_PER_REQUEST; i += 1) {
      const spec = seriesSpec(g, i);
      const job = spec.labels.find(([name]) => name === 'job')![1];
      const metrics = byService.get(job) ?? new Map<string, { counter: boolean; points: object[] }>();
      byService.set(job, metrics);
      const metric = metrics.get(spec.name) ?? { counter: spec.counter, points: [] };
      metrics.set(spec.name, metric);
      metric.points.push({
        attributes: spec.labels.filter(([name]) => name !== '__name__' && name !== 'job').map(([key, value]) => ({ key, value: { stringValue: value } })),
        timeUnixNano, startTimeUnixNano: String(BigInt(T0) * 1_000_000n), asDouble: valueAt(spec, g * SAMPLES_PER_REQUEST + i, round),
      });
    }
    const resourceMetrics = [...byService].map(([job, metrics]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: job } }] },
      scopeMetrics: [{
        scope: { name: 'bench' },
        metrics: [...metrics].map(([name, metric]) => (metric.counter
          ? { name: name.replace(/_total$/, ''), sum: { dataPoints: metric.points, aggregationTemporality: 2, isMonotonic: true } }
          : { name, gauge: { dataPoints: metric.points } })),
      }],
    }));
    out.push(Request.encode(Request.fromObject({ resourceMetrics })).finish());
  }
  return out;
}

// ---- load: a worker thread with CONNECTIONS keep-alive connections, each sending the next unsent payload.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { url, headers, bodies, seconds, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const target = new URL(url);
let next = 0, ok = 0, failed = 0, firstError = '';
const started = performance.now();
const deadline = started + seconds * 1000;
function send(body) {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { ...headers, 'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve([res.statusCode, Buffer.concat(chunks).toString()]));
    });
    req.on('error', (e) => resolve([0, String(e)]));
    req.end(body);
  });
}
async function loop() {
  while (performance.now() < deadline && next < bodies.length) {
    const body = bodies[next++];
    const [status, text] = await send(body);
    if (status >= 200 && status < 300) ok++;
    else { failed++; if (!firstError) firstError = status + ' ' + text.slice(0, 300); }
  }
}
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  parentPort.postMessage({ ok, failed, firstError, seconds: (performance.now() - started) / 1000 });
  agent.destroy();
});
`;

interface LoadResult { readonly ok: number; readonly failed: number; readonly firstError: string; readonly seconds: number }

function load(url: string, headers: Record<string, string>, bodies: readonly Uint8Array[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, headers, bodies: bodies.map((b) => Buffer.from(b)), seconds: SECONDS, connections: CONNECTIONS } });
    worker.once('message', (result: LoadResult) => { resolve(result); void worker.terminate(); });
    worker.once('error', reject);
  });
}

function rate(what: string, result: LoadResult): number {
  const samples = result.ok * SAMPLES_PER_REQUEST;
  const perSecond = samples / result.seconds;
  say(`${what}: ${result.ok} requests (${samples.toLocaleString('en')} samples) in ${result.seconds.toFixed(2)} s = ${Math.round(perSecond).toLocaleString('en')} samples/s`
    + (result.failed > 0 ? `; ${result.failed} failed, first: ${result.firstError}` : ''));
  return perSecond;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startPrometheus(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  await writeFile(join(dir, 'prometheus.yml'), 'global: { scrape_interval: 1m }\n');
  const address = `127.0.0.1:${await freePort()}`;
  let logs = '';
  const child: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=${address}`, '--web.enable-remote-write-receiver', '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await fetch(`http://${address}/-/ready`).then((r) => r.ok, () => false)) return { url: `http://${address}`, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`Prometheus did not become ready:\n${logs.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const RW_HEADERS = { 'content-type': 'application/x-protobuf', 'content-encoding': 'snappy', 'x-prometheus-remote-write-version': '0.1.0' };

say(`making ${RW_REQUESTS} remote-write and ${OTLP_REQUESTS} OTLP payloads of ${SAMPLES_PER_REQUEST} samples (10 labels a series, half counters)…`);
let began = performance.now();
const rwBodies = remoteWritePayloads(RW_REQUESTS);
const rwBytes = rwBodies.reduce((sum, b) => sum + b.length, 0);
say(`  remote write: ${(rwBytes / RW_REQUESTS / 1024).toFixed(1)} KiB a request compressed (${((performance.now() - began) / 1000).toFixed(1)} s)`);
began = performance.now();
const otlpBodies = otlpPayloads(OTLP_REQUESTS);
say(`  OTLP: ${(otlpBodies.reduce((sum, b) => sum + b.length, 0) / OTLP_REQUESTS / 1024).toFixed(1)} KiB a request (${((performance.now() - began) / 1000).toFixed(1)} s)`);
say(`each phase: at most ${SECONDS} s, ${CONNECTIONS} keep-alive connections from a worker thread; ${(await import('node:os')).cpus().length} cores`);

const dir = await mkdtemp(join(tmpdir(), 'xops-bench-ingest-'));
const quiet = { warn: () => undefined, error: (fields: Record<string, unknown>, message: string) => say(`sink error: ${message} ${String(fields.err)}`) };
try {
  // xops as main.ts wires it: SQLite store, the real sample sink, the HTTP app on loopback.
  const store = await openStore({ dataDir: join(dir, 'xops') });
  const sink = createTelemetrySink({ store, clock: systemClock, logger: quiet });
  const token = generateTokenSecret();
  await store.insertToken({ name: 'bench', scopes: ['ingest:metrics'], hash: hashTokenSecret(token), createdBy: 'bench' });
  const app = await createApp({ store, version: 'bench', clock: systemClock, telemetry: { sink } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  sink.start();
  let xopsRw: number;
  let xopsOtlp: number;
  try {
    const auth = { authorization: `Bearer ${token}` };
    xopsRw = rate('xops remote write', await load(`${url}/api/v1/write`, { ...RW_HEADERS, ...auth }, rwBodies));
    xopsOtlp = rate('xops OTLP protobuf', await load(`${url}/v1/metrics`, { 'content-type': 'application/x-protobuf', ...auth }, otlpBodies));
  } finally {
    await app.close();
    await sink.close();
    await store.close();
  }
  report(BENCH, 'remote_write_samples_per_s', Math.round(xopsRw), 'samples/s');
  report(BENCH, 'otlp_samples_per_s', Math.round(xopsOtlp), 'samples/s');

  if (!existsSync(PROMETHEUS)) {
    say(`Prometheus skipped: ${PROMETHEUS} is missing (apt-get install -y prometheus).`);
  } else {
    const prometheus = await startPrometheus(dir);
    let promRw: number;
    try {
      promRw = rate('Prometheus remote-write receiver', await load(`${prometheus.url}/api/v1/write`, RW_HEADERS, rwBodies));
    } finally {
      await prometheus.stop();
    }
    report(BENCH, 'prometheus_remote_write_samples_per_s', Math.round(promRw), 'samples/s');
    report(BENCH, 'ratio_vs_prometheus', Math.round((xopsRw / promRw) * 100) / 100, 'ratio');
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
