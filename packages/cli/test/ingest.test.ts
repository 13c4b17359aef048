import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriesKeyForThreshold } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, runXops, type CliHarness } from './cli-harness';

/** 2025-03-01T12:00:00Z, the start of a 10-second bucket. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const DAY = 86_400_000;

const config = `apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
spec: {}
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-requests
spec:
  ratioMetric:
    good: { metricSource: { type: xops, spec: {} } }
    total: { metricSource: { type: xops, spec: {} } }
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-latency
spec:
  thresholdMetric: { metricSource: { type: xops, spec: {} } }
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  service: checkout
  indicatorRef: checkout-latency
  budgetingMethod: Occurrences
  objectives:
    - displayName: Fast
      op: lte
      value: 3
      target: 0.9
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: prometheus-requests
spec:
  ratioMetric:
    good: { metricSource: { type: Prometheus, spec: { query: up } } }
    total: { metricSource: { type: Prometheus, spec: { query: up } } }
`;

describe.each(testDatabaseEngines())('xops ingest on %s', (engine) => {
  let harness: CliHarness;
  let workDir: string;
  beforeAll(async () => {
    harness = await openCliHarness(engine);
    workDir = await mkdtemp(join(tmpdir(), 'xops-ingest-'));
    await writeFile(join(workDir, 'config.yaml'), config);
    const applied = await harness.xops(['apply', '-f', 'config.yaml'], { cwd: workDir });
    expect(applied.code, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await harness.close();
    await rm(workDir, { recursive: true, force: true });
  });

  const file = async (name: string, lines: readonly string[]) => {
    await writeFile(join(workDir, name), `${lines.join('\n')}\n`);
    return name;
  };
  const ingest = (args: readonly string[]) => harness.xops(['ingest', ...args], { cwd: workDir });

  it('sends a file in requests, sums events into buckets, and is idempotent unless --mode add', async () => {
    // 12,000 events 5 s apart, alternately bad and good: two per bucket, so 6,000 buckets of
    // 1 good in 2, sent as 5,000 + 1,000 lines.
    const lines = Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ ts: T + i * 5_000, good: i % 2, total: 1 }));
    const name = await file('requests.ndjson', lines);

    const first = await ingest(['-f', name, '--sli', 'checkout-requests']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('ingested 12000 events into 6000 buckets\n');
    // Not a terminal: no bar, one summary line.
    expect(first.stderr).toMatch(/^sent 6000 line\(s\) to SLI checkout-requests in 2 request\(s\), \d+\.\d s\n$/);
    const stored = await harness.store.readBuckets('checkout-requests', T, T + DAY);
    expect(stored).toHaveLength(6_000);
    expect(stored.every((bucket) => bucket.good === 1 && bucket.total === 2)).toBe(true);

    expect((await ingest(['-f', name, '--sli', 'checkout-requests'])).code).toBe(0);
    expect(await harness.store.readBuckets('checkout-requests', T, T + DAY)).toEqual(stored);

    expect((await ingest(['-f', name, '--sli', 'checkout-requests', '--mode', 'add'])).code).toBe(0);
    const doubled = await harness.store.readBuckets('checkout-requests', T, T + DAY);
    expect(doubled.every((bucket) => bucket.good === 2 && bucket.total === 4)).toBe(true);
  });

  it('sends threshold values in time order without splitting a bucket between requests', async () => {
    // 6,005 values one second apart from T + 5 s, value = the second within its bucket. The
    // 5,000th line falls inside the bucket of T + 5,000 s; were it cut there, replace would keep
    // only part of that bucket. Given out of order, to show they are sorted.
    const lines = Array.from({ length: 6_005 }, (_, i) => {
      const ts = T + 5_000 + i * 1_000;
      return JSON.stringify({ ts: new Date(ts).toISOString(), value: (ts / 1_000) % 10 });
    }).reverse();
    const result = await ingest(['-f', await file('latency.ndjson', lines), '--sli', 'checkout-latency']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('ingested 6005 events into 601 buckets\n');

    // Bucket T holds seconds 5…9 (none ≤ 3); every later bucket seconds 0…9, of which 0…3 are ≤ 3.
    const stored = await harness.store.readBuckets(seriesKeyForThreshold('checkout-latency', 'Fast'), T, T + DAY);
    expect(stored[0]).toEqual({ start: T, resolutionMs: 10_000, good: 0, total: 5 });
    expect(stored.slice(1)).toHaveLength(600);
    expect(stored.slice(1).every((bucket) => bucket.good === 4 && bucket.total === 10)).toBe(true);
  });

  it('exits 2 on a malformed file, naming each bad line, and sends nothing', async () => {
    const name = await file('bad.ndjson', [
      JSON.stringify({ ts: T + 2 * DAY, good: 1, total: 1 }),
      '{"ts": "yesterday", "good": 1, "total": 1}',
      '',
      '{"ts": 1740830400000, "good": 1',
      JSON.stringify({ ts: T + 2 * DAY, value: 3 }),
    ]);
    const result = await ingest(['-f', name, '--sli', 'checkout-requests']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^bad\.ndjson:2 {2}ts {2}`ts` "yesterday" is not an RFC 3339 time/);
    expect(lines[1]).toMatch(/^bad\.ndjson:4 {2}\(event\) {2}not valid JSON/);
    expect(lines[2]).toBe('bad.ndjson:5  (event)  a `value` event, but line 1 holds a good/total event: a file feeds one SLI, so all its events are of one kind');
    expect(lines[3]).toBe('error: 3 problem(s) in bad.ndjson; nothing was sent');
    expect(await harness.store.readBuckets('checkout-requests', T + 2 * DAY, T + 3 * DAY)).toEqual([]);
  });

  it('exits 1 when the server refuses: an unknown SLI, or no server', async () => {
    const name = await file('one.ndjson', [JSON.stringify({ ts: T, good: 1, total: 1 })]);
    const unknown = await ingest(['-f', name, '--sli', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('XOPS_ERR_NOT_FOUND: SLI "nope" does not exist');
    const offline = await runXops(['ingest', '-f', name, '--sli', 'checkout-requests'], { XOPS_SERVER: 'http://127.0.0.1:1', XOPS_TOKEN: 'x' }, workDir);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('cannot reach the xops server');
  });

  it('exits 2 when the SLI is fed by another source, with the fix', async () => {
    const name = await file('one.ndjson', [JSON.stringify({ ts: T, good: 1, total: 1 })]);
    const result = await ingest(['-f', name, '--sli', 'prometheus-requests']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('XOPS_ERR_NOT_INGESTIBLE');
    expect(result.stderr).toContain('set `metricSource.type: xops`');
  });

  it('exits 2 on a missing file or an unknown mode', async () => {
    const missing = await ingest(['-f', 'missing.ndjson', '--sli', 'checkout-requests']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read missing\.ndjson: ENOENT/);
    const mode = await ingest(['-f', 'missing.ndjson', '--sli', 'checkout-requests', '--mode', 'sum']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toBe('error: unknown mode "sum": use replace or add\n');
  });
});
