import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultBurnRateRules, type AlertTransition } from '@xops/core';
import { openTestStore, testDatabaseEngines, type TestStore } from '@xops/store';
import { afterAll, describe, expect, it } from 'vitest';
import { SLO_EVALUATION_LEASE } from '../src/slo/slo-evaluator';
import { SCRAPE_LEASE } from '../src/telemetry/scrape/scraper';
import { applyCheckout, applyDocuments, BUCKET, buckets, DAY, MINUTE, SERIES } from './slo-fixtures';
import { waitFor } from './wait-for';

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

// Several replicas share one database only on PostgreSQL; on SQLite xops runs as one process.
describe.skipIf(!postgres)('the scrape lease on PostgreSQL (skipped without it: only PostgreSQL is shared by replicas)', () => {
  const replicas: Replica[] = [];
  let database: TestStore | undefined;
  let target: Server | undefined;
  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await Promise.all(replicas.map((replica) => replica.exited));
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve) ?? resolve(undefined));
    await database?.cleanup();
  });

  it('moves scraping to the standby after a kill -9, which counts on from there without counting anything twice', async () => {
    // The target: one counter whose value the test sets, and how many scrapes it has answered.
    const jobs = { ok: 0, failed: 0 };
    let scrapes = 0;
    target = createServer((_request, response) => {
      scrapes++;
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(`# TYPE jobs_total counter\njobs_total{code="200"} ${jobs.ok}\njobs_total{code="500"} ${jobs.failed}\n`);
    });
    await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/metrics`;

    database = await openTestStore('postgres');
    const { store, options } = database;
    const xops = (selector: string) => ({ metricSource: { type: 'xops', spec: { selector } } });
    await applyDocuments(store,
      { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'jobs' }, spec: { type: 'prometheus-scrape', connectionDetails: { targets: [url], interval: '1s', timeout: '500ms' } } },
      { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'jobs' }, spec: { ratioMetric: { counter: true, good: xops('jobs_total{code!~"5.."}'), total: xops('jobs_total') } } });
    const counted = async () => (await store.readBuckets('jobs', 0, Number.MAX_SAFE_INTEGER))
      .reduce((sum, bucket) => ({ good: sum.good + bucket.good, total: sum.total + bucket.total }), { good: 0, total: 0 });

    const databaseUrl = options.databaseUrl!;
    replicas.push(...await Promise.all([startReplica(databaseUrl), startReplica(databaseUrl)]));
    const lease = await waitFor('a replica to take the scrape lease', 15_000, () => store.getLease(SCRAPE_LEASE));
    const holder = replicas.find((replica) => replica.holder === lease.holder);
    const standby = replicas.find((replica) => replica !== holder);
    expect(holder).toBeDefined();
    // The holder's first scrape only sets baselines; a standby that scraped as well would have by now too.
    await waitFor('three scrapes', 10_000, async () => (scrapes >= 3 ? true : undefined));
    jobs.ok += 90;
    jobs.failed += 10;
    // Held 20 s after its bucket ends, then written.
    await waitFor('the first 100 jobs to be written', 45_000, async () => ((await counted()).total >= 100 ? true : undefined));
    expect(await counted()).toEqual({ good: 90, total: 100 });

    holder!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await holder!.exited;
    const scrapesAtKill = scrapes;
    await waitFor('the standby to take the scrape lease', 15_000, async () => ((await store.getLease(SCRAPE_LEASE))?.holder === standby!.holder ? true : undefined));
    process.stderr.write(`scrape failover: the standby held the scrape lease ${Date.now() - killedAt} ms after the kill\n`);
    // Its first scrape sets its own baselines: what the target counts from then on is its to count.
    await waitFor('the standby to scrape', 5_000, async () => (scrapes > scrapesAtKill ? true : undefined));
    jobs.ok += 50;
    await waitFor('the next 50 jobs to be written', 45_000, async () => ((await counted()).total >= 150 ? true : undefined));
    // One more flush turn of the standby (every 5 s): a count taken twice would show by now.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(await counted()).toEqual({ good: 140, total: 150 });
    expect(standby!.log.text).not.toMatch(/"level":50/);
  }, 150_000);
});
