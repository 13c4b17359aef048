import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Debian's package (`apt-get install -y prometheus`); .ci/run installs it and sets XOPS_REQUIRE_PEERS=1.
export const PROMETHEUS = process.env.XOPS_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL = process.env.XOPS_PROMTOOL_BIN ?? '/usr/bin/promtool';
export const peersRequired = process.env.XOPS_REQUIRE_PEERS === '1';

/** A real Prometheus on loopback, serving a TSDB backfilled from OpenMetrics text before it started. */
export interface PrometheusPeer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Writes `openMetrics` into a fresh TSDB with `promtool tsdb create-blocks-from openmetrics`, then
 * starts Prometheus on it (no scrape jobs, loopback, a free port) and waits until it is ready.
 */
export async function startBackfilledPrometheus(openMetrics: string): Promise<PrometheusPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'xops-promql-'));
  const data = join(dir, 'data');
  await writeFile(join(dir, 'data.om'), openMetrics);
  await promisify(execFile)(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'data.om'), data]);
  await writeFile(join(dir, 'prometheus.yml'), 'global: { scrape_interval: 1m }\n');
  const address = `127.0.0.1:${await freePort()}`;
  let logs = '';
  const child: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${data}`, '--storage.tsdb.retention.time=30d',
    `--web.listen-address=${address}`, '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`http://${address}/-/ready`).then((response) => response.ok, () => false);
    if (ready) return { url: `http://${address}`, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`Prometheus did not become ready:\n${logs.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True when the peer binaries are there; logs a notice and returns false when they are not and not required. */
export function prometheusPresent(what: string): boolean {
  const present = existsSync(PROMETHEUS) && existsSync(PROMTOOL);
  if (!present && !peersRequired) console.warn(`${what} skipped: ${PROMETHEUS} or ${PROMTOOL} is missing (apt-get install -y prometheus).`);
  return present;
}

/** A port free a moment ago on loopback (Prometheus cannot report the port it took for `:0`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A `prometheus.yml` that scrapes one target every second and remote-writes everything to xops. */
export function scrapeAndRemoteWriteConfig(options: { job: string; target: string; writeUrl: string; token: string }): string {
  return [
    'global: { scrape_interval: 1s, scrape_timeout: 1s }',
    'scrape_configs:',
    `  - { job_name: ${options.job}, static_configs: [{ targets: ["${options.target}"] }] }`,
    'remote_write:',
    `  - url: ${options.writeUrl}`,
    `    authorization: { credentials: "${options.token}" }`,
    '    queue_config: { batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s }',
  ].join('\n');
}
