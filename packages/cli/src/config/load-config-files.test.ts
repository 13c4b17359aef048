import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFiles } from './load-config-files';

let root: string;

/** Writes `files` (relative path → text) under a fresh directory and returns its path. */
async function tree(name: string, files: Record<string, string>): Promise<string> {
  const directory = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(directory, file)), { recursive: true });
    await writeFile(path.join(directory, file), text);
  }
  return directory;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'xops-config-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SERVICE = `apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
spec:
  description: Takes orders
`;

const SLI = `# How checkout requests are counted.
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-requests
spec:
  ratioMetric:
    counter: true
    good: {metricSource: {type: xops, spec: {}}}
    total: {metricSource: {type: xops, spec: {}}}
`;

// Line numbers are on the right; the problems below point at them.
const BROKEN = [
  'apiVersion: openslo/v1', //          1
  'kind: SLO', //                       2
  'metadata:', //                       3
  '  name: checkout-latency', //        4
  '  owner: sre', //                    5: unknown field, key at column 3
  'spec:', //                           6
  '  service: checkout', //             7
  '  indicatorRef: checkout-requests', // 8
  '  budgetingMethod: Timeslices', //   9
  '  timeWindow:', //                   10
  '    - duration: 5x', //              11: value at column 17
  '      isRolling: true', //           12
  '  objectives:', //                   13
  '    - displayName: fast', //         14: the item starts at column 7; its missing fields point there
  '      target: 1.5', //               15: value at column 15
  '',
].join('\n');

const DUPLICATE_KEY = 'apiVersion: openslo/v1\nkind: Service\nkind: SLO\n';

describe('loadConfigFiles', () => {
  it('returns every problem of the broken files of a directory, with lines and columns, and no documents', async () => {
    const directory = await tree('broken', {
      'checkout/service.yaml': SERVICE,
      'checkout/sli.yml': SLI,
      'checkout/latency.yaml': BROKEN,
      'duplicate.json': DUPLICATE_KEY,
      'notes.txt': 'not: [config',
      '.github/workflow.yaml': 'on: [push',
    });
    const result = await loadConfigFiles([directory]);
    const file = (name: string): string => path.join(directory, name);
    expect(result).toEqual({
      ok: false,
      problems: [
        { file: file('checkout/latency.yaml'), line: 5, column: 3, path: ['metadata', 'owner'], message: 'unknown field `owner`; allowed here: name, displayName, labels, annotations' },
        { file: file('checkout/latency.yaml'), line: 11, column: 17, path: ['spec', 'timeWindow', 0, 'duration'], message: 'window `5x` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d' },
        { file: file('checkout/latency.yaml'), line: 14, column: 7, path: ['spec', 'objectives', 0, 'timeSliceTarget'], message: '`timeSliceTarget` is required with budgetingMethod Timeslices: the share of good values that makes a slice good, e.g. 0.95' },
        { file: file('checkout/latency.yaml'), line: 14, column: 7, path: ['spec', 'objectives', 0, 'timeSliceWindow'], message: '`timeSliceWindow` is required with budgetingMethod Timeslices: the length of one time slice, e.g. 1m, or 5 for five minutes' },
        { file: file('checkout/latency.yaml'), line: 15, column: 15, path: ['spec', 'objectives', 0, 'target'], message: '`target` must be less than 1, not `1.5`: a fraction between 0 and 1, e.g. 0.999 (or write targetPercent: 99.9)' },
        { file: file('duplicate.json'), line: 3, column: 1, path: [], message: 'invalid YAML: Map keys must be unique' },
      ],
    });
  });

  it('reads multi-document files: each document with its own first line and text, comments included', async () => {
    const text = `# Checkout, as code.
${SERVICE}---

${SLI}---
# nothing but a comment here
---
`;
    const directory = await tree('multi', { 'checkout.yaml': text });
    const result = await loadConfigFiles(['checkout.yaml'], { cwd: directory });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.documents.map(({ object, source }) => ({ kind: object.kind, name: object.metadata.name, source }))).toEqual([
      { kind: 'Service', name: 'checkout', source: { file: 'checkout.yaml', line: 1, text: `# Checkout, as code.\n${SERVICE}` } },
      { kind: 'SLI', name: 'checkout-requests', source: { file: 'checkout.yaml', line: 10, text: SLI } },
    ]);
    expect(result.documents[1]?.object.spec).toEqual({
      ratioMetric: { counter: true, good: { metricSource: { type: 'xops', spec: {} } }, total: { metricSource: { type: 'xops', spec: {} } } },
    });
  });

  it('checks the bundle: references and duplicates are located in their files', async () => {
    const slo = [
      'apiVersion: openslo/v1', //             1
      'kind: SLO', //                          2
      'metadata: {name: checkout-availability}', // 3
      'spec:', //                              4
      '  service: checkot', //                 5: value at column 12
      '  indicatorRef: checkout-requests', //  6
      '  objectives: [{target: 0.999}]', //    7
      '---', //                                8
      'apiVersion: openslo/v1', //             9
      'kind: Service', //                      10
      'metadata:', //                          11
      '  name: checkout', //                   12: value at column 9
      'spec: {}', //                           13
      '',
    ].join('\n');
    const directory = await tree('bundle', { 'a-service.yaml': SERVICE, 'b-slo.yaml': slo, 'c-sli.yml': SLI });
    expect(await loadConfigFiles([directory])).toEqual({
      ok: false,
      problems: [
        { file: path.join(directory, 'b-slo.yaml'), line: 5, column: 12, path: ['spec', 'service'], message: 'no Service named `checkot` exists in this bundle or on the server: did you mean `checkout`? Otherwise define it or fix the name' },
        { file: path.join(directory, 'b-slo.yaml'), line: 12, column: 9, path: ['metadata', 'name'], message: 'Service `checkout` is already defined by an earlier document of this bundle: names are unique per kind' },
      ],
    });
  });

  it('also reports the broken references of an invalid document, once per field', async () => {
    const slo = [
      'apiVersion: openslo/v1', //         1
      'kind: SLO', //                      2
      'metadata: {name: broken}', //       3
      'spec:', //                          4
      '  service: no-such-service', //     5: unresolved, value at column 12
      '  indicatorRef: Bad Name', //       6: not a name (and so unresolved too, reported once), column 17
      '  objectives: [{target: 1.5}]', //  7: out of range, value at column 25
      '',
    ].join('\n');
    const directory = await tree('invalid-references', { 'slo.yaml': slo });
    expect(await loadConfigFiles(['slo.yaml'], { cwd: directory })).toEqual({
      ok: false,
      problems: [
        { file: 'slo.yaml', line: 5, column: 12, path: ['spec', 'service'], message: 'no Service named `no-such-service` exists in this bundle or on the server: define it or fix the name' },
        { file: 'slo.yaml', line: 6, column: 17, path: ['spec', 'indicatorRef'], message: '`Bad Name` is not a valid name: use letters, digits and \'-\', starting and ending with a letter or digit, e.g. checkout-availability' },
        { file: 'slo.yaml', line: 7, column: 25, path: ['spec', 'objectives', 0, 'target'], message: '`target` must be less than 1, not `1.5`: a fraction between 0 and 1, e.g. 0.999 (or write targetPercent: 99.9)' },
      ],
    });
  });

  it('resolves references through `known`, and reads JSON', async () => {
    const slo = JSON.stringify({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'a' }, spec: { service: 'checkout', indicatorRef: 'checkout-requests', objectives: [{ target: 0.99 }] } });
    const directory = await tree('known', { 'slo.json': slo });
    expect((await loadConfigFiles([directory])).ok).toBe(false);
    const result = await loadConfigFiles(['slo.json'], { cwd: directory, known: (kind, name) => `${kind}/${name}` === 'Service/checkout' || `${kind}/${name}` === 'SLI/checkout-requests' });
    expect(result).toEqual({ ok: true, documents: [{ object: JSON.parse(slo), source: { file: 'slo.json', line: 1, text: slo } }] });
  });

  it('reports paths that cannot be read first, and reads a file named twice once', async () => {
    const directory = await tree('paths', { 'service.yaml': SERVICE });
    const result = await loadConfigFiles(['service.yaml', 'missing.yaml', '.', './service.yaml'], { cwd: directory });
    expect(result).toEqual({ ok: false, problems: [{ file: 'missing.yaml', line: 1, column: 1, path: [], message: 'cannot read this path: no such file or directory' }] });
    const clean = await loadConfigFiles(['service.yaml', '.', './service.yaml'], { cwd: directory });
    expect(clean.ok && clean.documents.map((document) => document.source.file)).toEqual(['service.yaml']);
  });

  it('points at the key of an unknown field and at the field of a missing one', async () => {
    const text = [
      'apiVersion: openslo/v1', //   1
      'kind: AlertCondition', //     2
      'metadata:', //                3
      '  name: fast-burn', //        4
      'spec:', //                    5: severity is missing, so its problem points at `spec`
      '  condition:', //             6
      '    op: gte', //              7
      '    threshold: 14.4', //      8
      '    lookbackWindow: 1h', //   9
      '    extra:', //               10: unknown field whose value is a mapping: the key, column 5
      '      nested: true', //       11
      '',
    ].join('\n');
    const directory = await tree('positions', { 'condition.yaml': text });
    expect(await loadConfigFiles(['condition.yaml'], { cwd: directory })).toEqual({
      ok: false,
      problems: [
        { file: 'condition.yaml', line: 5, column: 1, path: ['spec', 'severity'], message: '`severity` is required: how urgent the alert is, e.g. page or ticket' },
        { file: 'condition.yaml', line: 10, column: 5, path: ['spec', 'condition', 'extra'], message: 'unknown field `extra`; allowed here: kind, op, threshold, lookbackWindow, alertAfter' },
      ],
    });
  });

  it('turns YAML that cannot become a value into problems: unresolved and self-referring aliases', async () => {
    const directory = await tree('aliases', {
      'unresolved.yaml': 'apiVersion: openslo/v1\nkind: Service\nmetadata: *meta\nspec: {}\n',
      'circular.yaml': 'apiVersion: xops.dev/v1\nkind: Team\nmetadata: {name: sre}\nspec: &spec {self: *spec}\n',
    });
    expect(await loadConfigFiles(['unresolved.yaml', 'circular.yaml'], { cwd: directory })).toEqual({
      ok: false,
      problems: [
        { file: 'unresolved.yaml', line: 1, column: 1, path: [], message: 'invalid YAML: Unresolved alias (the anchor must be set before the alias): meta' },
        { file: 'circular.yaml', line: 1, column: 1, path: [], message: 'invalid YAML: an alias refers to the node that contains it, so the document would be infinitely deep' },
      ],
    });
  });

  it('returns no documents and no problems for an empty directory', async () => {
    const directory = await tree('empty', { 'README.md': '# nothing to apply' });
    expect(await loadConfigFiles([directory])).toEqual({ ok: true, documents: [] });
  });
});

describe('loadConfigFiles: fuzzing', () => {
  const check = async (text: string): Promise<void> => {
    const directory = await tree('fuzz', { 'fuzz.yaml': text });
    const result = await loadConfigFiles(['fuzz.yaml'], { cwd: directory });
    if (result.ok) {
      for (const document of result.documents) expect(document.source.line).toBeGreaterThanOrEqual(1);
    } else {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.column).toBeGreaterThanOrEqual(1);
      }
    }
  };

  it('never throws on random text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 150 });
  });

  it('never throws on random YAML values and documents', async () => {
    const documents = fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 3 });
    await fc.assert(fc.asyncProperty(documents, async (values) => check(values.map((value) => stringify(value)).join('---\n'))), { numRuns: 150 });
  });

  it('never throws on damaged copies of a valid file', async () => {
    const valid = `${SERVICE}---\n${SLI}---\n${BROKEN}`;
    const damage = fc.record({ at: fc.nat(valid.length), cut: fc.nat(12), insert: fc.constantFrom('', ':', '- ', '[', '{', '"', '\t', '&a ', '*a', '\n  ', '---\n', '#') });
    await fc.assert(fc.asyncProperty(damage, async ({ at, cut, insert }) => check(valid.slice(0, at) + insert + valid.slice(at + cut))), { numRuns: 200 });
  });
});
