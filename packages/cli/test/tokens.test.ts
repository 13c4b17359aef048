import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const config = `apiVersion: openslo/v1
kind: Service
metadata: { name: checkout }
spec: {}
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-requests }
spec:
  ratioMetric:
    good: { metricSource: { type: xops, spec: {} } }
    total: { metricSource: { type: xops, spec: {} } }
`;

describe.each(testDatabaseEngines())('xops token on %s', (engine) => {
  let harness: CliHarness;
  let workDir: string;
  beforeAll(async () => {
    harness = await openCliHarness(engine);
    workDir = await mkdtemp(join(tmpdir(), 'xops-tokens-'));
    await writeFile(join(workDir, 'config.yaml'), config);
    await writeFile(join(workDir, 'events.ndjson'), `${JSON.stringify({ ts: T, good: 9, total: 10 })}\n`);
    const applied = await harness.xops(['apply', '-f', 'config.yaml'], { cwd: workDir });
    expect(applied.code, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await harness.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('creates an ingest token with --scope that sends events and reads nothing', async () => {
    const created = await harness.xops(['token', 'create', 'prometheus', '--scope', 'ingest:metrics']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toBe('Token "prometheus" (ingest token for ingest:metrics) created. It is shown once; store it now.\n');
    const token = created.stdout.trim();
    expect(token).toMatch(/^xops_[\w-]{43}$/);

    const sent = await harness.xops(['ingest', '-f', 'events.ndjson', '--sli', 'checkout-requests'], { token, cwd: workDir });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toBe('ingested 1 events into 1 buckets\n');

    const denied = await harness.xops(['get', 'slo'], { token });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('XOPS_ERR_FORBIDDEN: This needs the viewer role; token "prometheus" is an ingest token (ingest:metrics)');
    expect(denied.stderr).toContain('xops token create --help');
  });

  it('lists tokens with their role or scopes, with xops get tokens and xops token list', async () => {
    expect((await harness.xops(['token', 'create', '--name', 'alerts', '--scope', 'ingest:alerts', '--scope', 'ingest:alertmanager'])).code).toBe(0);
    const table = await harness.xops(['get', 'tokens']);
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.trimEnd().split('\n').map((line) => line.split(/ {3,}/).slice(0, 3));
    expect(rows[0]).toEqual(['NAME', 'ROLE', 'SCOPES']);
    expect(rows).toEqual(expect.arrayContaining([['admin', 'admin', '-'], ['alerts', '-', 'ingest:alertmanager,ingest:alerts']]));
    expect((await harness.xops(['token', 'list'])).stdout).toBe(table.stdout);

    const json = JSON.parse((await harness.xops(['token', 'list', '-o', 'json'])).stdout);
    expect(json.find((token: { name: string }) => token.name === 'alerts')).toEqual({
      id: expect.any(String), name: 'alerts', scopes: ['ingest:alertmanager', 'ingest:alerts'], createdAt: expect.any(String), createdBy: 'admin',
    });
  });

  it.each([
    [['x', '--scope', 'ingest:logs'], 'unknown scope "ingest:logs": use one of ingest:metrics, ingest:alertmanager, ingest:pagerduty, ingest:alerts'],
    [['x', '--role', 'viewer', '--scope', 'ingest:metrics'], 'give --role or --scope, not both: an ingest token has no role'],
    [['x'], 'give --role (viewer, responder, editor, admin) for a role token, or --scope (ingest:metrics, ingest:alertmanager, ingest:pagerduty, ingest:alerts) for an ingest token'],
    [['--scope', 'ingest:metrics'], 'give the token a name: xops token create NAME --role ROLE, or --scope SCOPE for an ingest token'],
    [['x', '--name', 'y', '--role', 'viewer'], 'two names given, "x" and --name "y": give one'],
  ])('refuses token create %j with exit 2 before calling the server', async (args, message) => {
    const before = await harness.store.countTokens();
    const result = await harness.xops(['token', 'create', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(await harness.store.countTokens()).toBe(before);
  });

  it('teaches roles, scopes and what each scope sends in --help', async () => {
    const help = await harness.xops(['token', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--scope <scope>');
    expect(help.stdout).toContain('ingest:metrics       remote write (POST /api/v1/write), OTLP (POST /v1/metrics), SLI events (POST /api/v1/slis/{name}/events)');
    expect(help.stdout).toContain('ingest:alertmanager  Alertmanager webhooks (POST /api/v1/integrations/alertmanager)');
    expect(help.stdout).not.toContain('default: []');
    expect(help.stdout).toContain('$ xops token create prometheus --scope ingest:metrics');
  });
});
