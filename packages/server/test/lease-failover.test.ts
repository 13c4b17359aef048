import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultBurnRateRules, type AlertTransition } from '@xops/core';
import { openTestStore, testDatabaseEngines, type TestStore } from '@xops/store';
import { afterAll, describe, expect, it } from 'vitest';
import { SLO_EVALUATION_LEASE } from '../src/slo/slo-evaluator';
import { applyCheckout, BUCKET, buckets, DAY, MINUTE, SERIES } from './slo-fixtures';

const SCRIPT = fileURLToPath(new URL('./lease-failover-server.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Replica {
  readonly child: ChildProcess;
  readonly holder: string;
  readonly exited: Promise<void>;
  /** What it logged (warnings and errors, pino JSON), so far. */
  readonly log: { text: string };
}

/** Starts one replica and resolves once it prints its URL and lease holder name. */
async function startReplica(databaseUrl: string): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, XOPS_FAILOVER_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = { text: '' };
  child.stderr?.on('data', (chunk: Buffer) => { log.text += chunk.toString(); });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the replica exited (${code}) before it listened:\n${log.text}`)));
  });
  const { holder } = JSON.parse(line) as { holder: string };
  return { child, holder, exited, log };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const postgres = testDatabaseEngines().includes('postgres');

describe.skipIf(!postgres)('the SLO evaluation lease on PostgreSQL', () => {
  const replicas: Replica[] = [];
  let database: TestStore | undefined;
  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await Promise.all(replicas.map((replica) => replica.exited));
    await database?.cleanup();
  });

  it('moves to the standby within 15 s of a kill -9, which goes on evaluating without firing anything twice', async () => {
    database = await openTestStore('postgres');
    const { store, options } = database;
    await applyCheckout(store);
    // The Workbook's fastest tier for a 30-day window: 14.4× over 1 h and 5 min.
    const page = defaultBurnRateRules(30 * DAY)[0]!;
    expect(page).toMatchObject({ kind: 'multiwindow-burn-rate', factor: 14.4, longWindowMs: 3_600_000, shortWindowMs: 300_000 });
    // A full outage over the last 65 minutes, 1000 requests per bucket: every tier burns at 1000×.
    const outageEnd = Math.floor(Date.now() / BUCKET) * BUCKET + BUCKET;
    await store.writeBuckets(SERIES, buckets(outageEnd - 65 * MINUTE, outageEnd, 1000, () => 1000), 'replace');

    const databaseUrl = options.databaseUrl!;
    replicas.push(...await Promise.all([startReplica(databaseUrl), startReplica(databaseUrl)]));
    const transitions = () => store.listAlertTransitions({ slo: 'checkout-availability', limit: 10_000 });
    const isPageFiring = (t: AlertTransition) => t.rule === page.name && t.to === 'firing';
    await waitFor('the page to fire', 10_000, async () => (await transitions()).find(isPageFiring));

    const lease = await store.getLease(SLO_EVALUATION_LEASE);
    const holder = replicas.find((replica) => replica.holder === lease?.holder);
    const standby = replicas.find((replica) => replica !== holder);
    expect(holder).toBeDefined();
    holder!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await holder!.exited;

    await waitFor('the standby to take the lease', 15_000, async () => ((await store.getLease(SLO_EVALUATION_LEASE))?.holder === standby!.holder ? true : undefined));
    const takeoverMs = Date.now() - killedAt;
    process.stderr.write(`lease failover: the standby held the lease ${takeoverMs} ms after the kill\n`);
    expect(takeoverMs).toBeLessThan(15_000);

    // The outage ends: clean traffic over the last 6 minutes empties the page's 5-minute window.
    const cleanEnd = Math.floor(Date.now() / BUCKET) * BUCKET + BUCKET;
    await store.writeBuckets(SERIES, buckets(cleanEnd - 6 * MINUTE, cleanEnd, 1000), 'replace');
    const resolved = await waitFor('the new holder to resolve the page', 10_000, async () => (await transitions()).find((t) => t.rule === page.name && t.to === 'resolved'));
    expect(resolved.at).toBeGreaterThan(killedAt);

    const rows = await transitions();
    const keys = rows.map((t) => `${t.objective}|${t.rule}|${t.at}|${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Each tier fired once, whichever replica evaluated: the new holder restored "firing".
    const firings = rows.filter((t) => t.to === 'firing').map((t) => `${t.objective}|${t.rule}`);
    expect(new Set(firings).size).toBe(firings.length);
    expect(rows.filter(isPageFiring)).toHaveLength(1);
    expect(standby!.log.text).not.toMatch(/"level":50/);
  }, 45_000);
});
