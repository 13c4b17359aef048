import { bootstrapAdminToken, createApp, createSloEvaluator, type Clock, type SloEvaluator } from '@xops/server';
import { pino } from 'pino';
import { openTestStore, type StoreEngine, type XopsStore } from '@xops/store';
import type { CliIo } from '../src/cli-io';
import { runCli } from '../src/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliHarness {
  readonly url: string;
  readonly adminToken: string;
  readonly store: XopsStore;
  /** The SLO evaluation loop, when the harness was opened with a clock; ticked by the test. */
  readonly evaluator: SloEvaluator | undefined;
  /** Runs `xops <args>` in-process against the test server, as admin unless `token` says otherwise. */
  xops(args: readonly string[], options?: { token?: string; cwd?: string }): Promise<CliRun>;
  close(): Promise<void>;
}

/**
 * A real server on a loopback port, on a fresh database of `engine`, and the CLI pointed at it.
 * With a `clock`, it also has an SLO evaluator on that clock, which the test ticks itself.
 */
export async function openCliHarness(engine: StoreEngine, options: { clock?: Clock } = {}): Promise<CliHarness> {
  const { store, cleanup } = await openTestStore(engine);
  const adminToken = await bootstrapAdminToken(store);
  if (!adminToken) throw new Error('a fresh store should get an admin token');
  const { clock } = options;
  const evaluator = clock === undefined ? undefined
    : createSloEvaluator({ store, clock, logger: pino({ enabled: false }), holder: 'cli-test' });
  const app = await createApp({ store, version: '0.0.0-test', evaluator, clock });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    adminToken,
    store,
    evaluator,
    xops: (args, options = {}) => runXops(args, {
      XOPS_SERVER: url,
      XOPS_TOKEN: options.token ?? adminToken,
    }, options.cwd ?? process.cwd()),
    close: async () => {
      await evaluator?.close();
      await app.close();
      await cleanup();
    },
  };
}

/** Runs the CLI in-process with its own environment, capturing what it prints. */
export async function runXops(args: readonly string[], env: Record<string, string | undefined>, cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (text) => { stdout += text; }, err: (text) => { stderr += text; }, env, cwd };
  const code = await runCli(['node', 'xops', ...args], io);
  return { code, stdout, stderr };
}
