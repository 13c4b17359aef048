import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFiles } from './load-config-files';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/openslo/', import.meta.url));

describe('OpenSLO fixtures', () => {
  it('load without a single problem', async () => {
    const result = await loadConfigFiles([FIXTURES]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('cover every kind, budgeting method and window type', async () => {
    const result = await loadConfigFiles([FIXTURES]);
    if (!result.ok) throw new Error('fixtures do not load');
    const objects = result.documents.map((document) => document.object);
    expect(new Set(objects.map((object) => object.kind))).toEqual(new Set(['Service', 'SLI', 'SLO', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget']));
    const slos = objects.filter((object) => object.kind === 'SLO').map((object) => JSON.stringify(object.spec));
    for (const needle of ['"budgetingMethod":"Occurrences"', '"budgetingMethod":"Timeslices"', '"budgetingMethod":"RatioTimeslices"',
      '"isRolling":true', '"timeZone":"Europe/Berlin"', '"compositeWeight"', '"alertPolicyRef"', '"kind":"AlertPolicy"']) {
      expect(slos.some((spec) => spec.includes(needle)), needle).toBe(true);
    }
  });

  // The two examples of the OpenSLO v1 README (§ Notes (SLI) and § AlertPolicy), which must load as
  // published; compared with the README text so that nobody "fixes" the fixture to make it pass.
  it('include the README examples unchanged', async () => {
    const fooSlo = await readFile(path.join(FIXTURES, 'readme-foo-slo.yaml'), 'utf8');
    expect(fooSlo).toContain('  service: foo\n  indicator:\n    metadata:\n      name: foo-error\n      displayName: Foo Error\n');
    expect(fooSlo).toContain('  objectives:\n    - displayName: Foo Total Errors\n      target: 0.98\n');
    const policy = await readFile(path.join(FIXTURES, 'readme-alert-policy.yaml'), 'utf8');
    expect(policy).toContain('metadata:\n  name: AlertPolicy\n  displayName: Alert Policy\n');
    expect(policy).toContain('        condition:\n          kind: burnrate\n          op: lte\n          threshold: 2\n          lookbackWindow: 1h\n          alertAfter: 5m\n');
  });
});
