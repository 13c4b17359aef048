// Debian's Alertmanager as the `alerts` benchmark's peer: one instance on loopback, clustering
// off, its state in a temp dir, routing the bench's alerts as xops' Route does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../slo-vs-prometheus/prometheus-peer';
import { GROUP_BY } from './alert-batches';
import { procCpuMs } from './proc-cpu';

export interface RunningAlertmanager {
  readonly url: string;
  /** CPU time the process has used so far, ms (utime + stime from /proc, 10 ms resolution). */
  cpuMs(): number;
  /** SIGTERM, then waits for the exit; does nothing once it has exited. */
  stop(): Promise<void>;
}

/**
 * The routing of the bench in Alertmanager's words: one tree grouping by the bench's labels,
 * `group_wait: 0s`, a child route per severity, and a receiver with no integration (nothing is
 * sent anywhere; xops' side writes its notifications to the outbox and sends none either).
 */
export function alertmanagerConfig(): string {
  const groupBy = `[${GROUP_BY.join(', ')}]`;
  return [
    'route:',
    '  receiver: ops-webhook',
    `  group_by: ${groupBy}`,
    '  group_wait: 0s',
    '  group_interval: 5m',
    '  repeat_interval: 4h',
    '  routes:',
    '    - matchers: [\'severity="critical"\']',
    '      receiver: ops-webhook',
    '    - matchers: [\'severity="warning"\']',
    '      receiver: ops-webhook',
    'receivers:',
    '  - name: ops-webhook',
    '',
  ].join('\n');
}

/** Starts `binary` with its config and storage in `dir`, on a free loopback port, and waits until it is ready. */
export async function startAlertmanager(binary: string, dir: string): Promise<RunningAlertmanager> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'alertmanager.yml'), alertmanagerConfig());
  const address = `127.0.0.1:${await freePort()}`;
  let logs = '';
  const child: ChildProcess = spawn(binary, [
    `--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=${address}`, '--cluster.listen-address=', '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const alertmanager: RunningAlertmanager = {
    url: `http://${address}`,
    cpuMs: () => procCpuMs(`/proc/${child.pid ?? 0}/stat`),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await fetch(`${alertmanager.url}/-/ready`).then((r) => r.ok, () => false)) return alertmanager;
    if (Date.now() > deadline || child.exitCode !== null) {
      await alertmanager.stop();
      throw new Error(`Alertmanager did not become ready:\n${logs.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
