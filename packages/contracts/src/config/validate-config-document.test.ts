import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from './config-object';
import { validateConfigDocument } from './validate-config-document';

const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};

const VALID_KINDS = 'Service, SLI, SLO, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget (apiVersion openslo/v1) and '
  + 'Team, Schedule, EscalationPolicy, Route, MaintenanceWindow, ErrorBudgetPolicy, CanaryConfig, ChaosExperiment, Runbook (apiVersion xops.dev/v1)';

describe('validateConfigDocument: the envelope', () => {
  it('accepts a Service and returns it typed', () => {
    const service = { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout', displayName: 'Checkout' }, spec: { description: 'Takes orders' } };
    expect(validateConfigDocument(service)).toEqual({ ok: true, value: service });
  });

  it('refuses what is not a mapping', () => {
    expect(problemsOf([1, 2])).toEqual([{ path: [], message: 'a config document must be a mapping with apiVersion, kind, metadata and spec, not a list' }]);
    expect(problemsOf('kind: SLO')).toEqual([{ path: [], message: 'a config document must be a mapping with apiVersion, kind, metadata and spec, not the text "kind: SLO"' }]);
    expect(problemsOf(null)).toEqual([{ path: [], message: 'a config document must be a mapping with apiVersion, kind, metadata and spec, not empty' }]);
  });

  it('reports every missing part of an empty mapping at once', () => {
    expect(problemsOf({})).toEqual([
      { path: ['kind'], message: `\`kind\` is required: valid kinds are ${VALID_KINDS}` },
      { path: ['apiVersion'], message: '`apiVersion` is required: `openslo/v1` or `xops.dev/v1`' },
      { path: ['metadata'], message: '`metadata` is required' },
      { path: ['spec'], message: '`spec` is required' },
    ]);
  });

  it('names the valid kinds for an unknown kind, with a guess when one is close', () => {
    expect(problemsOf({ apiVersion: 'openslo/v1', kind: 'slo', metadata: { name: 'a' }, spec: {} })).toEqual([
      { path: ['kind'], message: `unknown kind \`slo\`: did you mean \`SLO\`? Valid kinds are ${VALID_KINDS}` },
    ]);
    expect(problemsOf({ apiVersion: 'openslo/v1', kind: 'BudgetAdjustment', metadata: { name: 'a' }, spec: {} })).toEqual([
      { path: ['kind'], message: `unknown kind \`BudgetAdjustment\`; valid kinds are ${VALID_KINDS}` },
    ]);
  });

  it('names the apiVersion a known kind belongs to', () => {
    expect(problemsOf({ apiVersion: 'openslo/v1alpha', kind: 'SLO', metadata: { name: 'a' }, spec: { service: 's', indicatorRef: 'i', objectives: [{ target: 0.9 }] } })).toEqual([
      { path: ['apiVersion'], message: 'SLO belongs to apiVersion `openslo/v1`, not `openslo/v1alpha`' },
    ]);
    expect(problemsOf({ apiVersion: 'openslo/v1', kind: 'Team', metadata: { name: 'sre' }, spec: { members: [{ name: 'ana', email: 'ana@example.com' }] } })).toEqual([
      { path: ['apiVersion'], message: 'Team belongs to apiVersion `xops.dev/v1`, not `openslo/v1` (`openslo/v1` holds Service, SLI, SLO, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget)' },
    ]);
    expect(problemsOf({ apiVersion: 2, kind: 'Service', metadata: { name: 'a' }, spec: {} })).toEqual([
      { path: ['apiVersion'], message: '`apiVersion` must be text, not the number 2: `openslo/v1` for Service' },
    ]);
  });

  it('still checks the rest of a document whose kind or apiVersion is wrong', () => {
    expect(problemsOf({ apiVersion: 'v1', kind: 'Slo', metadata: { name: 'Bad_Name' }, spec: [], extra: true })).toEqual([
      { path: ['kind'], message: `unknown kind \`Slo\`: did you mean \`SLO\`? Valid kinds are ${VALID_KINDS}` },
      { path: ['apiVersion'], message: 'unsupported apiVersion `v1`: use `openslo/v1` or `xops.dev/v1`' },
      { path: ['metadata', 'name'], message: '`Bad_Name` is not a valid name: use letters, digits and \'-\', starting and ending with a letter or digit, e.g. checkout-availability' },
      { path: ['spec'], message: '`spec` must be a mapping, not a list' },
      { path: ['extra'], message: 'unknown field `extra`; allowed here: apiVersion, kind, metadata, spec' },
    ]);
  });
});

describe('validateConfigDocument: metadata', () => {
  const service = (metadata: unknown): unknown => ({ apiVersion: 'openslo/v1', kind: 'Service', metadata, spec: {} });

  it('accepts labels with string and list values, and prefixed annotations', () => {
    const metadata = {
      name: 'web-shop',
      labels: { userImpacting: 'true', team: 'identity', tags: ['auth', 'login'], 'app.kubernetes.io_name': 'shop' },
      annotations: { 'openslo.com/key1': 'value1', 'fooimplementation.com/key2': 'value2', plain: 'x' },
    };
    expect(problemsOf(service(metadata))).toEqual([]);
  });

  it('checks names: at most 63 characters, letters, digits and inner dashes', () => {
    expect(problemsOf(service({ name: 'a'.repeat(63) }))).toEqual([]);
    expect(problemsOf(service({ name: 'a'.repeat(64) }))).toEqual([{ path: ['metadata', 'name'], message: `name \`${'a'.repeat(20)}…\` is 64 characters long: names have at most 63` }]);
    expect(problemsOf(service({ name: '-checkout' }))).toEqual([{ path: ['metadata', 'name'], message: '`-checkout` is not a valid name: use letters, digits and \'-\', starting and ending with a letter or digit, e.g. checkout-availability' }]);
    expect(problemsOf(service({}))).toEqual([{ path: ['metadata', 'name'], message: '`name` is required: a name for this object, unique per kind, e.g. checkout-availability' }]);
    expect(problemsOf(service({ name: 7 }))).toEqual([{ path: ['metadata', 'name'], message: '`name` must be text, not the number 7: a name for this object, unique per kind, e.g. checkout-availability' }]);
  });

  it('reports bad label and annotation keys and values, and unknown metadata fields, by name', () => {
    expect(problemsOf(service({
      name: 'a',
      namespace: 'prod',
      labels: { 'bad key': 'x', tier: 1, tags: ['a', 2] },
      annotations: { 'Bad.Prefix/name': 'x', 'example.com/ok': true },
    }))).toEqual([
      { path: ['metadata', 'labels', 'bad key'], message: 'invalid key `bad key`: a label key has at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit' },
      { path: ['metadata', 'labels', 'tier'], message: 'a label value is text or a list of texts; quote numbers and booleans, e.g. "true"' },
      { path: ['metadata', 'labels', 'tags'], message: 'a label value is text or a list of texts; quote numbers and booleans, e.g. "true"' },
      { path: ['metadata', 'annotations', 'Bad.Prefix/name'], message: 'invalid key `Bad.Prefix/name`: an annotation key is an optional DNS prefix and a name of at most 63 letters, digits, \'-\', \'_\' or \'.\', e.g. example.com/dashboard' },
      { path: ['metadata', 'annotations', 'example.com/ok'], message: 'an annotation value is text; quote numbers and booleans, e.g. "true"' },
      { path: ['metadata', 'namespace'], message: 'unknown field `namespace`; allowed here: name, displayName, labels, annotations' },
    ]);
  });
});

describe('validateConfigDocument: xops.dev/v1 kinds', () => {
  it('accepts any mapping as spec for kinds without a spec schema yet', () => {
    const runbook = { apiVersion: 'xops.dev/v1', kind: 'Runbook', metadata: { name: 'sre', labels: { area: 'platform' } }, spec: { steps: ['restart'], anything: { nested: 1 } } };
    expect(validateConfigDocument(runbook)).toEqual({ ok: true, value: runbook });
  });

  it('checks the envelope: metadata like OpenSLO, spec a mapping', () => {
    expect(problemsOf({ apiVersion: 'xops.dev/v1', kind: 'Runbook', metadata: { name: 'db failover' }, spec: 'see wiki' })).toEqual([
      { path: ['metadata', 'name'], message: '`db failover` is not a valid name: use letters, digits and \'-\', starting and ending with a letter or digit, e.g. checkout-availability' },
      { path: ['spec'], message: '`spec` must be a mapping, not the text "see wiki"' },
    ]);
  });
});

describe('validateConfigDocument: properties', () => {
  it('never throws on any value, and answers ok or with at least one problem', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
      const result = validateConfigDocument(value);
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }), { numRuns: 2000 });
  });

  it('always has a problem at the document itself for anything that is not a mapping', () => {
    const notMapping = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.anything()));
    fc.assert(fc.property(notMapping, (value) => {
      const result = validateConfigDocument(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems).toEqual([{ path: [], message: expect.stringMatching(/^a config document must be a mapping/) }]);
    }));
  });

  it('never throws on document-shaped JSON with random fields, and every problem has a path and a message', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const field = fc.constantFrom('service', 'indicator', 'indicatorRef', 'timeWindow', 'budgetingMethod', 'objectives', 'alertPolicies',
      'thresholdMetric', 'ratioMetric', 'conditions', 'notificationTargets', 'severity', 'condition', 'target', 'type', 'description');
    const documentLike = fc.record({
      apiVersion: fc.constantFrom('openslo/v1', 'xops.dev/v1', 'v2'),
      kind: fc.constantFrom('Service', 'SLI', 'SLO', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget', 'Team', 'Nope'),
      metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constant('ok-name'), fc.string()) }), json),
      spec: fc.oneof(fc.dictionary(field, json), json),
    });
    fc.assert(fc.property(documentLike, (value) => {
      const result = validateConfigDocument(value);
      if (!result.ok) {
        for (const problem of result.problems) {
          expect(Array.isArray(problem.path)).toBe(true);
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 2000 });
  });
});
