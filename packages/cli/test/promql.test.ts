import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { seriesKeyForSli, seriesKeyForThreshold } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, peersRequired, prometheusPresent, PROMTOOL, startBackfilledPrometheus, type PrometheusPeer } from '../../server/test/prometheus-peer';
import { openCliHarness, type CliHarness } from './cli-harness';

const example = resolve(import.meta.dirname, '../../../examples/telemetry/promql-billing.yaml');
const present = prometheusPresent('xops backfill and export prometheus-rules with a real Prometheus');
const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3600_000;

/** 361 samples 5 s apart: code 200 gains 3 a sample, code 500 gains 1; le 0.3 gains 3 and the count 4. */
function openMetrics(): string {
  const at = (i: number) => T0 / 1000 + 5 * i;
  const lines = ['# TYPE http_requests counter'];
  for (const [code, step] of [['200', 3], ['500', 1]] as const) {
    for (let i = 0; i <= 360; i++) lines.push(`http_requests_total{code="${code}",service="billing"} ${step * i} ${at(i)}`);
  }
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (let i = 0; i <= 360; i++) {
    lines.push(`http_request_duration_seconds_bucket{le="0.3",service="billing"} ${3 * i} ${at(i)}`, `http_request_duration_seconds_bucket{le="+Inf",service="billing"} ${4 * i} ${at(i)}`,
      `http_request_duration_seconds_count{service="billing"} ${4 * i} ${at(i)}`, `http_request_duration_seconds_sum{service="billing"} ${i} ${at(i)}`);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describe.runIf(present || peersRequired)('xops backfill and export prometheus-rules against a real Prometheus', () => {
  let prometheus: PrometheusPeer | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xops-promql-cli-'));
    if (present) prometheus = await startBackfilledPrometheus(openMetrics());
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 30_000);

  describe.each(testDatabaseEngines())('on %s', (engine) => {
    let harness: CliHarness;
    beforeAll(async () => {
      expect(present, 'prometheus and promtool are missing and XOPS_REQUIRE_PEERS=1').toBe(true);
      harness = await openCliHarness(engine);
      const file = join(dir, `billing-${engine}.yaml`);
      await writeFile(file, (await readFile(example, 'utf8')).replace('http://127.0.0.1:9090', prometheus?.url ?? ''));
      const applied = await harness.xops(['apply', '-f', file]);
      expect(applied.stderr).toBe('');
    });
    afterAll(async () => { await harness?.close(); });

    it('backfills both SLOs of the example with the counts worked out by hand', async () => {
      const from = new Date(T0).toISOString();
      const to = new Date(T0 + 1800_000).toISOString();
      const availability = await harness.xops(['backfill', '--slo', 'billing-availability', '--from', from, '--to', to]);
      expect(availability).toEqual({ code: 0, stdout: `filled 179 bucket(s) of ${seriesKeyForSli('billing-requests')} from ${from} to ${to}\n`, stderr: 'filled 1 day(s)\n' });
      const requests = await harness.store.readBuckets(seriesKeyForSli('billing-requests'), T0, T0 + 1800_000);
      expect([requests.reduce((sum, b) => sum + b.good, 0), requests.reduce((sum, b) => sum + b.total, 0)]).toEqual([179 * 6, 179 * 8]);
      const latency = await harness.xops(['backfill', '--slo', 'billing-latency', '--from', from, '--to', to]);
      expect(latency.code).toBe(0);
      const fast = await harness.store.readBuckets(seriesKeyForThreshold('billing-latency', 'Under 300 ms'), T0, T0 + 1800_000);
      expect(fast.every((b) => b.good === 6 && b.total === 8)).toBe(true);
      expect(fast).toHaveLength(179);
    });

    it('exports rules that promtool accepts, with the engine\'s tiers scaled to 28 days', async () => {
      const exported = await harness.xops(['export', 'prometheus-rules']);
      if (process.env.XOPS_PEEK) console.log(exported.stdout);
      expect(exported.code).toBe(0);
      // 28 d / 30 d of the Workbook's 1 h & 5 m: 56 m and 4 m 40 s.
      expect(exported.stdout).toContain('record: slo:sli_error:ratio_rate4m40s');
      expect(exported.stdout).toContain('(max(slo:sli_error:ratio_rate56m{xops_slo="billing-availability",xops_objective="Available"}) > (14.4 * 0.001))');
      expect(exported.stdout).toContain('http_request_duration_seconds_bucket{service="billing",le=~"0\\\\.30*"}');
      const file = join(dir, `rules-${engine}.yaml`);
      await writeFile(file, exported.stdout);
      const checked = await promisify(execFile)(PROMTOOL, ['check', 'rules', file]);
      expect(checked.stdout).toMatch(/SUCCESS: \d+ rules found/);
      const one = await harness.xops(['export', 'prometheus-rules', '--slo', 'billing-latency']);
      expect(one.stdout).toContain('name: xops-slo-billing-latency');
      expect(one.stdout).not.toContain('billing-availability');
    });

    it('says why when the Prometheus is down, and exits non-zero', async () => {
      const port = await freePort();
      const file = join(dir, `down-${engine}.yaml`);
      await writeFile(file, (await readFile(example, 'utf8')).replace('http://127.0.0.1:9090', `http://127.0.0.1:${port}`));
      expect((await harness.xops(['apply', '-f', file])).code).toBe(0);
      const failed = await harness.xops(['backfill', '--slo', 'billing-availability', '--from', 'now-1h']);
      expect(failed.code).not.toBe(0);
      expect(failed.stderr).toContain(`cannot query http://127.0.0.1:${port}/api/v1/query_range`);
    });
  });
});
