import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

/** 2025-03-01T12:00:00Z. */
const T = Date.UTC(2025, 2, 1, 12, 0, 0);

describe.each(testDatabaseEngines())('xops get signals on %s', (engine) => {
  let harness: CliHarness;
  let dir: string;
  beforeAll(async () => {
    harness = await openCliHarness(engine);
    dir = await mkdtemp(join(tmpdir(), 'xops-signals-'));
    const file = join(dir, 'checkout.yaml');
    await writeFile(file, [
      'apiVersion: openslo/v1',
      'kind: Service',
      'metadata:',
      '  name: checkout',
      '  annotations:',
      '    xops.dev/requests: http_requests_total{service="checkout"}',
      '    xops.dev/errors: http_requests_total{service="checkout",code=~"5.."}',
      '    xops.dev/latency: http_request_duration_seconds{service="checkout"}',
      'spec: {}',
      '',
    ].join('\n'));
    expect((await harness.xops(['apply', '-f', file])).code).toBe(0);
    // Bucket 12:00:00: 120 requests, 3 errors; 60 took ≤ 0.1 s, 120 ≤ 0.5 s.
    await harness.store.writeSignalBuckets([
      { service: 'checkout', signal: 'requests', le: '', start: T, value: 120, samples: 1 },
      { service: 'checkout', signal: 'errors', le: '', start: T, value: 3, samples: 1 },
      { service: 'checkout', signal: 'latency', le: '0.1', start: T, value: 60, samples: 1 },
      { service: 'checkout', signal: 'latency', le: '0.5', start: T, value: 120, samples: 1 },
      { service: 'checkout', signal: 'latency', le: '+Inf', start: T, value: 120, samples: 1 },
    ]);
  });
  afterAll(async () => {
    await harness.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one row per step: 120 requests in 10 s, 2.5 % errors, p50 at the 0.1 s bound, p90 0.1 + 0.4 × 48/60', async () => {
    const run = await harness.xops(['get', 'signals', 'checkout', '--from', String(T + 10_000), '--to', String(T + 20_000), '--step', '10s']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual(['AT', 'REQ/S', 'ERRORS', 'P50', 'P90', 'P99', 'SATURATION']);
    // p99: rank 118.8 of 120, 58.8 of the 60 in (0.1, 0.5] → 0.1 + 0.4 × 0.98 = 0.492 s.
    expect(lines[1]?.split(/\s+/)).toEqual(['2025-03-01T12:00:10.000Z', '12.00', '2.5%', '100.0ms', '420.0ms', '492.0ms', '-']);
    expect(lines[2]?.split(/\s+/)).toEqual(['2025-03-01T12:00:20.000Z', '-', '-', '-', '-', '-', '-']);
  });

  it('prints JSON with -o json, and says what is wrong without a service name', async () => {
    const run = await harness.xops(['get', 'signals', 'checkout', '--from', String(T + 10_000), '--to', String(T + 20_000), '--step', '10s', '-o', 'json']);
    const body = JSON.parse(run.stdout);
    expect(body.declared).toEqual(['requests', 'errors', 'latency']);
    expect(body.points[0]).toMatchObject({ requestsPerSecond: 12, errorRatio: 0.025, latencyP50: 0.1, saturation: null });
    const bare = await harness.xops(['get', 'signals']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('xops get signals SERVICE');
  });
});
