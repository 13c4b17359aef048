import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { openCliHarness, type CliHarness } from './cli-harness';

const examplesDir = resolve(import.meta.dirname, '../../../examples');

/** Every document under `dir`, parsed independently of the CLI's own loader. */
async function readDocuments(dir: string): Promise<Record<string, unknown>[]> {
  const files = (await readdir(dir, { recursive: true })).filter((file) => /\.ya?ml$/.test(file)).sort();
  const documents: Record<string, unknown>[] = [];
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    for (const document of parseAllDocuments(text)) {
      const value: unknown = document.toJS();
      if (value !== null && typeof value === 'object') documents.push({ ...value });
    }
  }
  return documents;
}

const byName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(a.metadata).localeCompare(JSON.stringify(b.metadata));

describe.each(testDatabaseEngines())('xops apply / get on %s', (engine) => {
  let harness: CliHarness;
  let workDir: string;
  beforeEach(async () => {
    harness = await openCliHarness(engine);
    workDir = await mkdtemp(join(tmpdir(), 'xops-cli-'));
  });
  afterEach(async () => {
    await harness.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('round-trips every field of every example SLO through apply and get -o json', async () => {
    const expected = (await readDocuments(examplesDir)).filter((doc) => doc.kind === 'SLO').sort(byName);
    expect(expected.length).toBeGreaterThan(0);

    const applied = await harness.xops(['apply', '-f', examplesDir]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^slo\/\S+ created$/m);
    expect(applied.stdout).not.toMatch(/unchanged|configured/);

    const got = await harness.xops(['get', 'slo', '-o', 'json']);
    expect(got.code).toBe(0);
    const slos: Record<string, unknown>[] = JSON.parse(got.stdout);
    expect(slos.sort(byName)).toEqual(expected);
  });

  it('keeps revisions when the same files are applied twice, and bumps them for a changed file', async () => {
    await cp(examplesDir, workDir, { recursive: true });
    expect((await harness.xops(['apply', '-f', workDir])).code).toBe(0);
    const before = await harness.store.listObjects();
    expect(before.every((stored) => stored.revision === 1)).toBe(true);

    const again = await harness.xops(['apply', '-f', workDir]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').every((line) => line.endsWith(' unchanged'))).toBe(true);
    expect((await harness.store.listObjects()).map((s) => s.revision)).toEqual(before.map(() => 1));

    // Change one SLO's description: that object, and only it, moves to revision 2.
    const slo = before.find((stored) => stored.kind === 'SLO');
    if (!slo?.sourceFile) throw new Error('examples need an SLO applied from a file');
    const file = slo.sourceFile;
    const text = await readFile(file, 'utf8');
    const changed = text.replace(`name: ${slo.name}\n`, `name: ${slo.name}\n  displayName: Changed by the test\n`);
    expect(changed).not.toBe(text);
    await writeFile(file, changed);

    const third = await harness.xops(['apply', '-f', workDir]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain(`slo/${slo.name} configured`);
    const after = await harness.store.listObjects();
    const revisions = Object.fromEntries(after.map((s) => [`${s.kind}/${s.name}`, s.revision]));
    expect(revisions).toEqual({ ...Object.fromEntries(before.map((s) => [`${s.kind}/${s.name}`, 1])), [`SLO/${slo.name}`]: 2 });

    const described = await harness.xops(['describe', 'slo', slo.name]);
    expect(described.stdout).toMatch(/^Revision: +2$/m);
    expect(described.stdout).toContain('displayName: Changed by the test');
  });

  it('takes a schedule and a policy whose team was applied earlier, in another run', async () => {
    // A regression: the local check knew only SLO-side kinds on the server, so it refused the team.
    const oncall = join(examplesDir, 'oncall');
    expect((await harness.xops(['apply', '-f', join(oncall, 'team.yaml')])).stdout).toBe('team/payments created\n');
    const schedule = await harness.xops(['apply', '-f', join(oncall, 'schedule.yaml')]);
    expect(schedule.stderr).toBe('');
    expect(schedule.stdout).toBe('schedule/payments-primary created\n');
    expect((await harness.xops(['apply', '-f', join(oncall, 'escalation-policy.yaml')])).stdout).toBe('escalationpolicy/payments created\n');
  });

  it('writes nothing on --dry-run', async () => {
    const dry = await harness.xops(['apply', '-f', examplesDir, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^slo\/\S+ created \(dry run\)$/m);
    expect(await harness.store.listObjects()).toEqual([]);
    // Only the bootstrap of the admin token is in the audit log: the dry run left no trace.
    expect((await harness.store.listAudit()).map((entry) => entry.action)).toEqual(['token.create']);
  });

  it('applies nothing from a directory with one broken file and lists every error with its line', async () => {
    await cp(examplesDir, workDir, { recursive: true });
    const broken = join(workDir, 'zz-broken.yaml');
    await writeFile(broken, [
      'apiVersion: openslo/v1',     // line 1
      'kind: SLO',                  // line 2
      'metadata:',                  // line 3
      '  name: broken-slo',         // line 4
      'spec:',                      // line 5
      '  service: no-such-service', // line 6
      '  indicatorRef: no-such-sli',// line 7
      '  budgetingMethod: Occurrences',
      '  timeWindow:',              // line 9
      '    - duration: 28x',        // line 10
      '      isRolling: true',
      '  objectives:',              // line 12
      '    - target: 1.5',          // line 13
      '',
    ].join('\n'));
    const result = await harness.xops(['apply', '-f', workDir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    const problemLines = lines.filter((line) => line.startsWith(broken));
    // Four problems, each located on its own line of the broken file.
    expect(problemLines.map((line) => line.split('  ')[0])).toEqual([
      `${broken}:6:12`, `${broken}:7:17`, `${broken}:10:17`, `${broken}:13:15`,
    ]);
    expect(lines.at(-1)).toMatch(/4 problem\(s\) in 1 file\(s\); nothing was applied/);
    expect(await harness.store.listObjects()).toEqual([]);
  });

  it('deletes by kind and name, and by file', async () => {
    expect((await harness.xops(['apply', '-f', examplesDir])).code).toBe(0);
    const slos = await harness.store.listObjects('SLO');
    const first = slos[0]!;
    const deleted = await harness.xops(['delete', 'slo', first.name]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(`slo/${first.name} deleted\n`);
    expect((await harness.store.listObjects('SLO')).map((s) => s.name)).toEqual(slos.slice(1).map((s) => s.name));

    const all = await harness.xops(['delete', '-f', examplesDir]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`slo/${first.name} not found`);
    expect(await harness.store.listObjects()).toEqual([]);
  });
});
