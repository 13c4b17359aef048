import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PROMETHEUS, freePort, peersRequired } from './prometheus-peer';

// Debian's package (`apt-get install -y prometheus-alertmanager`); .ci/run installs it and sets XOPS_REQUIRE_PEERS=1.
export const ALERTMANAGER = process.env.XOPS_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

/** True when Prometheus and Alertmanager are there; logs a notice and returns false when they are not and not required. */
export function alertmanagerPresent(what: string): boolean {
  const present = existsSync(PROMETHEUS) && existsSync(ALERTMANAGER);
  if (!present && !peersRequired) {
    console.warn(`${what} skipped: ${PROMETHEUS} or ${ALERTMANAGER} is missing (apt-get install -y prometheus prometheus-alertmanager).`);
  }
  return present;
}

/** A peer binary running on a loopback port of its own. */
export interface PeerProcess {
  /** e.g. `127.0.0.1:41234`. */
  readonly address: string;
  /** What it printed so far (the tail is enough to say why it failed). */
  logs(): string;
  /** SIGTERM, then waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts `binary` with the arguments `args(address)` gives for a free loopback address, and
 * resolves once `GET http://<address><readyPath>` answers 2xx (Prometheus and Alertmanager both
 * serve `/-/ready`); stops it and rejects when it exits first or is not ready within `timeoutMs`.
 */
export async function startPeerProcess(options: {
  readonly name: string;
  readonly binary: string;
  readonly args: (address: string) => readonly string[];
  readonly readyPath?: string;
  readonly timeoutMs?: number;
}): Promise<PeerProcess> {
  const address = `127.0.0.1:${await freePort()}`;
  let logs = '';
  const child = spawn(options.binary, options.args(address), { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
  let stopping: Promise<void> | undefined;
  const peer: PeerProcess = {
    address,
    logs: () => logs,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      })();
      return stopping;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const ready = await fetch(`http://${address}${options.readyPath ?? '/-/ready'}`).then((response) => response.ok, () => false);
    if (ready) return peer;
    const failure = await Promise.race([spawnFailed, new Promise<undefined>((resolve) => setTimeout(resolve, 100, undefined))]);
    if (failure !== undefined || child.exitCode !== null || Date.now() > deadline) {
      if (failure === undefined) await peer.stop();
      throw new Error(`${options.name} did not become ready${failure === undefined ? '' : ` (${failure.message})`}:\n${logs.slice(-3000)}`);
    }
  }
}
