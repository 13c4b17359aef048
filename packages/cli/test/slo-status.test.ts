import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeClock } from '@xops/server';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

const examplesDir = resolve(import.meta.dirname, '../../../examples');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Two hours of checkout traffic before T0, 1,000 requests per 10 s bucket, with a full outage over
 * [T0 − 15 min, T0 − 10 min): 720 buckets, 720,000 requests, 30 buckets × 1,000 = 30,000 failed.
 */
function events(): string {
  const lines: string[] = [];
  for (let ts = T0 - 2 * HOUR; ts < T0; ts += 10 * SECOND) {
    const down = ts >= T0 - 15 * MINUTE && ts < T0 - 10 * MINUTE;
    lines.push(JSON.stringify({ ts: iso(ts), good: down ? 0 : 1000, total: 1000 }));
  }
  return `${lines.join('\n')}\n`;
}

describe.each(testDatabaseEngines())('xops get/describe/replay of SLOs on %s', (engine) => {
  let harness: CliHarness;
  let dir: string;
  beforeEach(async () => {
    harness = await openCliHarness(engine, { clock: new FakeClock(T0) });
    dir = await mkdtemp(join(tmpdir(), 'xops-slo-'));
    expect((await harness.xops(['apply', '-f', join(examplesDir, 'openslo')])).code).toBe(0);
    await writeFile(join(dir, 'checkout.ndjson'), events());
    const ingested = await harness.xops(['ingest', '-f', join(dir, 'checkout.ndjson'), '--sli', 'checkout-requests']);
    expect(ingested.stderr).not.toContain('error');
    expect(ingested.stdout).toBe('ingested 720 events into 720 buckets\n');
  });
  afterEach(async () => {
    await harness.close();
    await rm(dir, { recursive: true, force: true });
  });

  // checkout-availability pages through examples/openslo/alerting.yaml: burn rate over 1 h ≥ 14.4
  // for 2 min (AlertCondition fast-burn in AlertPolicy page-on-fast-burn, which names the rule),
  // instead of the default tiers.
  it('shows SLI, budget left, the fastest burn and firing alerts per objective', async () => {
    await harness.evaluator!.evaluateOnce(T0);
    const got = await harness.xops(['get', 'slo']);
    expect(got.code).toBe(0);
    const cells = () => got.stdout.split('\n').find((line) => line.startsWith('checkout-availability'))!.split(/ {3,}/);
    // SLI = 690,000 / 720,000 = 95.8333 %. Budget = 0.1 % × 720,000 = 720 events; 30,000 spent →
    // 1 − 30,000/720 = −4,066.7 %. The one alert window, 1 h = 360 buckets, holds all 30 bad ones:
    // 30/360 = 8.333 % errors = 83.3× the 0.1 % budget rate. The condition holds, but for less
    // than its 2 min: pending, not firing.
    expect(cells()).toEqual([
      'checkout-availability', '99.9 % of requests succeed', '99.9%', '95.833%', '-4066.7%', '83.3x (1h)', '-', '1',
    ]);
    const pending = await harness.xops(['get', 'alerts']);
    expect(pending.stdout).toMatch(/^checkout-availability +99\.9 % of requests succeed +page-on-fast-burn +pending +page /m);

    // Two minutes on, no new data: [T0 − 58 min, T0 + 2 min) holds 348,000 events, 30,000 bad,
    // 8.62 % = 86.2×: still breaching, now for 2 min → firing.
    await harness.evaluator!.evaluateOnce(T0 + 2 * MINUTE);
    const firing = await harness.xops(['get', 'alerts']);
    expect(firing.stdout).toMatch(new RegExp(`^checkout-availability +99\\.9 % of requests succeed +page-on-fast-burn +firing +page +${iso(T0 + 2 * MINUTE).replaceAll('.', '\\.')} +86\\.2x$`, 'm'));

    const described = await harness.xops(['describe', 'slo', 'checkout-availability']);
    expect(described.stdout).toContain('Window:      28d rolling, budgeting method Occurrences');
    expect(described.stdout).toMatch(/Error budget: -4066\.7% left \(30000 of 720 events spent/);
  });

  it('replays history and prints when the page would have fired', async () => {
    const replayed = await harness.xops(['replay', '--slo', 'checkout-availability', '--from', iso(T0 - HOUR), '--to', iso(T0), '--step', '30m', '-o', 'json']);
    expect(replayed.code).toBe(0);
    const result: { transitions: { rule: string; at: string; to: string }[] } = JSON.parse(replayed.stdout);
    // The 1 h window (360 buckets, all with data) breaches at n/360 ≥ 1.44 % → n ≥ 5.18: the 6th bad
    // bucket, fed at T0 − 15 min + 60 s, starts the 2 min wait; it fires at T0 − 12 min. It would
    // resolve only once 25 bad buckets have left the window (T0 + 49 min), after the replay ends.
    expect(result.transitions.map((t) => [t.rule, t.to, t.at])).toEqual([
      ['page-on-fast-burn', 'pending', iso(T0 - 14 * MINUTE)],
      ['page-on-fast-burn', 'firing', iso(T0 - 12 * MINUTE)],
    ]);

    const table = await harness.xops(['replay', '--slo', 'checkout-availability', '--from', iso(T0 - HOUR), '--to', iso(T0), '--step', '30m']);
    expect(table.stdout).toMatch(new RegExp(`^${iso(T0 - 12 * MINUTE).replaceAll('.', '\\.')} +99\\.9 % of requests succeed +page-on-fast-burn +page +pending -> firing`, 'm'));
  });
});
