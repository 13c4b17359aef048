import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';

const doc = (kind: string, spec: unknown, name = 'x'): unknown => ({ apiVersion: 'openslo/v1', kind, metadata: { name }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const burnRate = { kind: 'burnrate', op: 'gte', threshold: 14.4, lookbackWindow: '1h', alertAfter: '5m' };

describe('AlertPolicy', () => {
  it('accepts the OpenSLO README example with an inline condition unchanged', () => {
    const example = {
      apiVersion: 'openslo/v1',
      kind: 'AlertPolicy',
      metadata: { name: 'AlertPolicy', displayName: 'Alert Policy' },
      spec: {
        description: 'Alert policy for cpu usage breaches, notifies on-call devops via email',
        alertWhenBreaching: true,
        alertWhenResolved: false,
        conditions: [{
          kind: 'AlertCondition',
          metadata: { name: 'cpu-usage-breach', displayName: 'CPU Usage breaching' },
          spec: {
            description: 'SLO burn rate for cpu-usage-breach exceeds 2',
            severity: 'page',
            condition: { kind: 'burnrate', op: 'lte', threshold: 2, lookbackWindow: '1h', alertAfter: '5m' },
          },
        }],
        notificationTargets: [{ targetRef: 'on-call-devops-mail-notification' }],
      },
    };
    expect(validateConfigDocument(example)).toEqual({ ok: true, value: example });
  });

  it('accepts a referenced condition and inline targets', () => {
    expect(problemsOf(doc('AlertPolicy', {
      alertWhenNoData: true,
      conditions: [{ conditionRef: 'fast-burn' }],
      notificationTargets: [{ targetRef: 'mail' }, { kind: 'AlertNotificationTarget', metadata: { name: 'hook' }, spec: { target: 'webhook' } }],
    }))).toEqual([]);
  });

  it('takes exactly one condition and at least one target, and checks them all', () => {
    expect(problemsOf(doc('AlertPolicy', {
      alertWhenBreaching: 'yes',
      conditions: [{ conditionRef: 'a' }, { metadata: { name: 'b' }, spec: { severity: 'page', condition: { ...burnRate, lookbackWindow: '1 hour' } } }],
      notificationTargets: [],
    }))).toEqual([
      { path: ['spec', 'alertWhenBreaching'], message: '`alertWhenBreaching` must be `true` or `false`, not the text "yes"' },
      { path: ['spec', 'conditions', 1, 'spec', 'condition', 'lookbackWindow'], message: 'window `1 hour` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d' },
      { path: ['spec', 'conditions'], message: '`conditions` takes exactly one condition in OpenSLO v1, not 2: give each further condition an AlertPolicy of its own' },
      { path: ['spec', 'notificationTargets'], message: '`notificationTargets` needs at least one item' },
    ]);
    expect(problemsOf(doc('AlertPolicy', {}))).toEqual([
      { path: ['spec', 'conditions'], message: '`conditions` is required' },
      { path: ['spec', 'notificationTargets'], message: '`notificationTargets` is required' },
    ]);
  });

  it('says which form of a condition or target is incomplete', () => {
    expect(problemsOf(doc('AlertPolicy', {
      conditions: [{ conditionRef: 'a', kind: 'AlertCondition', metadata: { name: 'a' } }],
      notificationTargets: [{ metadata: { name: 'mail' } }, { target: 'email' }],
    }))).toEqual([
      { path: ['spec', 'conditions', 0, 'conditionRef'], message: '`conditionRef` names an existing AlertCondition, so remove the inline `kind`, `metadata` (or drop `conditionRef` and keep the inline AlertCondition)' },
      { path: ['spec', 'notificationTargets', 0, 'spec'], message: '`spec` is required for an inline AlertNotificationTarget; or name an existing one with `targetRef`' },
      { path: ['spec', 'notificationTargets', 1, 'target'], message: 'unknown field `target`; allowed here: targetRef, kind, metadata, spec' },
      { path: ['spec', 'notificationTargets', 1], message: 'needs `targetRef` (the name of an existing AlertNotificationTarget) or an inline AlertNotificationTarget with metadata and spec' },
    ]);
  });
});

describe('AlertCondition', () => {
  it('accepts a burn-rate condition, alertAfter and kind being optional', () => {
    expect(problemsOf(doc('AlertCondition', { description: 'fast', severity: 'page', condition: burnRate }))).toEqual([]);
    expect(problemsOf(doc('AlertCondition', { severity: 'ticket', condition: { op: 'gt', threshold: 1, lookbackWindow: '3d', alertAfter: '0m' } }))).toEqual([]);
  });

  it('needs severity and a complete burnrate condition', () => {
    expect(problemsOf(doc('AlertCondition', { severity: '', condition: { kind: 'sli', threshold: '2', lookbackWindow: '0h', alertAfter: '-5m' } }))).toEqual([
      { path: ['spec', 'severity'], message: '`severity` must not be empty: how urgent the alert is, e.g. page or ticket' },
      { path: ['spec', 'condition', 'kind'], message: '`kind` must be `burnrate`, not `sli`' },
      { path: ['spec', 'condition', 'op'], message: '`op` is required: how the burn rate is compared with threshold: lte, gte, lt or gt' },
      { path: ['spec', 'condition', 'threshold'], message: '`threshold` must be a number, not the text "2": the burn rate to compare with, e.g. 14.4' },
      { path: ['spec', 'condition', 'lookbackWindow'], message: 'window `0h` has no length: use a number above zero, e.g. 30d' },
      { path: ['spec', 'condition', 'alertAfter'], message: 'delay `-5m` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d' },
    ]);
    expect(problemsOf(doc('AlertCondition', { condition: { ...burnRate, op: 'ge' } }))).toEqual([
      { path: ['spec', 'severity'], message: '`severity` is required: how urgent the alert is, e.g. page or ticket' },
      { path: ['spec', 'condition', 'op'], message: '`op` must be one of `lte`, `gte`, `lt`, `gt`, not `ge`' },
    ]);
  });
});

describe('AlertNotificationTarget, Service, DataSource', () => {
  it('accept the fields of the spec', () => {
    expect(problemsOf(doc('AlertNotificationTarget', { target: 'slack', description: 'Sends P1 alerts to the channel' }))).toEqual([]);
    expect(problemsOf(doc('Service', { description: 'x'.repeat(1050) }))).toEqual([]);
    expect(problemsOf(doc('DataSource', { type: 'CloudWatch', connectionDetails: { accessKeyID: 'accessKey', secretAccessKey: 'secretAccessKey', nested: { any: [1, 'yaml'] } } }))).toEqual([]);
  });

  it('report what is missing or unknown', () => {
    expect(problemsOf(doc('AlertNotificationTarget', { description: 3 }))).toEqual([
      { path: ['spec', 'target'], message: '`target` is required: where alerts are delivered, e.g. email, slack or webhook' },
      { path: ['spec', 'description'], message: '`description` must be text, not the number 3' },
    ]);
    expect(problemsOf(doc('Service', { description: 'x'.repeat(1051), owner: 'sre' }))).toEqual([
      { path: ['spec', 'description'], message: '`description` is 1051 characters long; at most 1050 are allowed' },
      { path: ['spec', 'owner'], message: 'unknown field `owner`; allowed here: description' },
    ]);
    expect(problemsOf(doc('DataSource', { connectionDetails: 'http://prometheus:9090' }))).toEqual([
      { path: ['spec', 'type'], message: '`type` is required: the kind of source, e.g. Prometheus or Datadog' },
      { path: ['spec', 'connectionDetails'], message: '`connectionDetails` must be a mapping, not the text "http://prometheus:9090"' },
    ]);
  });
});
