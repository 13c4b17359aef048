import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

const example = resolve(import.meta.dirname, '../../../examples/telemetry/scrape-storefront.yaml');

describe.each(testDatabaseEngines())('xops with telemetry selectors and scrape targets on %s', (engine) => {
  let harness: CliHarness;
  let dir: string;
  beforeAll(async () => {
    harness = await openCliHarness(engine);
    dir = await mkdtemp(join(tmpdir(), 'xops-telemetry-'));
  });
  afterAll(async () => {
    await harness.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the scrape example, and `get targets` answers (no scrape loop in this server)', async () => {
    const applied = await harness.xops(['apply', '-f', example]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const targets = await harness.xops(['get', 'targets']);
    expect(targets.code).toBe(0);
    expect(targets.stderr).toBe('No scrape targets: apply a DataSource with `type: prometheus-scrape` (see examples/telemetry/).\n');
    const json = await harness.xops(['get', 'targets', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual({ scraping: false, targets: [], problems: [] });
  });

  it('reports a bad selector with file, line and column', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, [
      'apiVersion: openslo/v1',
      'kind: SLI',
      'metadata:',
      '  name: bad-selector',
      'spec:',
      '  ratioMetric:',
      '    good:',
      '      metricSource:',
      '        type: xops',
      '        spec:',
      '          selector: \'http_requests_total{code=~"5.."\'',
      '    total:',
      '      metricSource: { type: xops, spec: { selector: http_requests_total } }',
      '',
    ].join('\n'));
    const run = await harness.xops(['apply', '--dry-run', '-f', file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${file}:11:21`);
    expect(run.stderr).toContain('not a valid selector at character 32');
  });
});
