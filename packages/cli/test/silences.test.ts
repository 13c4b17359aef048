import type { IncomingAlertBody, SilenceBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

describe.each(testDatabaseEngines())('xops silence and xops get alerts --incoming on %s', (engine) => {
  let harness: CliHarness;
  beforeAll(async () => { harness = await openCliHarness(engine); });
  afterAll(() => harness.close());

  it('creates a silence, lists it, and expires it', async () => {
    const created = await harness.xops(['silence', 'create', '--matcher', 'service="cart"', '--matcher', 'severity=~"page|critical"', '--for', '2h', '--comment', 'deploying cart v42']);
    expect(created.code, created.stderr).toBe(0);
    const id = /^Silence (\S+) created: service="cart", severity=~"page\|critical" until \S+Z\.\n$/.exec(created.stdout)?.[1];
    expect(id, created.stdout).toBeDefined();

    const listed = await harness.xops(['get', 'silences']);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, row] = listed.stdout.trimEnd().split('\n').map((line) => line.split(/ {3,}/));
    expect(header).toEqual(['ID', 'STATE', 'MATCHERS', 'ENDS', 'BY', 'COMMENT']);
    expect(row).toEqual([id, 'active', 'service="cart", severity=~"page|critical"', expect.stringMatching(/Z$/), 'admin', 'deploying cart v42']);

    const expired = await harness.xops(['silence', 'expire', id ?? '']);
    expect([expired.code, expired.stdout]).toEqual([0, `Silence ${id} expired.\n`]);
    const json: SilenceBody[] = JSON.parse((await harness.xops(['get', 'silences', '--state', 'expired', '-o', 'json'])).stdout);
    expect(json.map((silence) => [silence.id, silence.state])).toEqual([[id, 'expired']]);
    expect((await harness.xops(['get', 'silences', '--state', 'active'])).stderr).toContain('No silences.');
  });

  it('refuses a silence without an end, or with a bad matcher, as bad usage', async () => {
    const endless = await harness.xops(['silence', 'create', '--matcher', 'service="cart"', '--comment', 'x']);
    expect([endless.code, endless.stderr]).toEqual([2, 'error: a silence needs an end: --for 2h, --until 2026-03-04T18:00:00Z, or --until-resolved FINGERPRINT\n']);
    const bad = await harness.xops(['silence', 'create', '--matcher', 'service=="cart"', '--for', '1h', '--comment', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('matchers.0: matcher `service=="cart"`: `==` is not an operator: use = for equality, =~ for a regex');
    expect((await harness.xops(['silence', 'expire', 'no-such-silence'])).code).toBe(1);
  });

  it('lists the alerts received, with their routing outcome', async () => {
    const sent = await fetch(`${harness.url}/api/v1/alerts/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ labels: { alertname: 'DiskFull', service: 'cart' }, annotations: { summary: 'disk-a is 95% full' }, status: 'firing' }),
    });
    expect(sent.status).toBe(200);
    const listed = await harness.xops(['get', 'alerts', '--incoming']);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, row] = listed.stdout.trimEnd().split('\n').map((line) => line.split(/ {3,}/));
    expect(header).toEqual(['RECEIVED', 'SOURCE', 'FINGERPRINT', 'STATUS', 'ALERT', 'OUTCOME', 'INCIDENT']);
    expect(row).toEqual([expect.stringMatching(/Z$/), 'alerts', expect.stringMatching(/^[0-9a-f]{16}$/), 'firing', 'disk-a is 95% full', 'unrouted', '-']);
    const json: IncomingAlertBody[] = JSON.parse((await harness.xops(['get', 'alerts', '--incoming', '-o', 'json'])).stdout);
    expect(json[0]).toMatchObject({ source: 'alerts', labels: { alertname: 'DiskFull', service: 'cart' }, outcome: 'unrouted', route: null });
  });
});
