import { describe, expect, it } from 'vitest';
import type { ConfigObject } from './config-object';
import { validateBundle } from './validate-bundle';

const object = (kind: string, name: string, spec: Record<string, unknown> = {}): ConfigObject =>
  ({ apiVersion: kind === 'Team' ? 'xops.dev/v1' : 'openslo/v1', kind, metadata: { name }, spec });
const nothingKnown = (): boolean => false;
const source = (ref: string): unknown => ({ metricSource: { metricSourceRef: ref, spec: {} } });

const service = object('Service', 'checkout');
const prometheus = object('DataSource', 'prometheus', { type: 'Prometheus' });
const requests = object('SLI', 'requests', { ratioMetric: { good: source('prometheus'), total: source('prometheus') } });
const latency = object('SLI', 'latency', { thresholdMetric: source('prometheus') });
const condition = object('AlertCondition', 'fast-burn', { severity: 'page', condition: { op: 'gte', threshold: 14.4, lookbackWindow: '1h' } });
const mail = object('AlertNotificationTarget', 'mail', { target: 'email' });
const policy = object('AlertPolicy', 'page', { conditions: [{ conditionRef: 'fast-burn' }], notificationTargets: [{ targetRef: 'mail' }] });
const slo = object('SLO', 'availability', {
  service: 'checkout', indicatorRef: 'requests', objectives: [{ target: 0.999 }], alertPolicies: [{ alertPolicyRef: 'page' }],
});

describe('validateBundle', () => {
  it('accepts a bundle whose references all resolve inside it', () => {
    expect(validateBundle([slo, policy, mail, condition, latency, requests, prometheus, service], nothingKnown)).toEqual([]);
  });

  it('reports a kind and name defined twice at the later document', () => {
    expect(validateBundle([service, object('Team', 'checkout'), object('Service', 'checkout', { description: 'again' })], nothingKnown)).toEqual([
      { index: 2, problem: { path: ['metadata', 'name'], message: 'Service `checkout` is already defined by an earlier document of this bundle: names are unique per kind' } },
    ]);
  });

  it('reports every reference that resolves neither in the bundle nor through `known`, with a guess', () => {
    const composite = object('SLO', 'journey', {
      service: 'checkot',
      objectives: [
        { target: 0.99, indicatorRef: 'request' },
        { target: 0.99, indicator: { metadata: { name: 'inline' }, spec: { thresholdMetric: source('datadog') } }, op: 'lte', value: 1 },
      ],
      alertPolicies: [{ kind: 'AlertPolicy', metadata: { name: 'inline-policy' }, spec: { conditions: [{ conditionRef: 'slow-burn' }], notificationTargets: [{ targetRef: 'pager' }] } }],
    });
    const known = (kind: string, name: string): boolean => kind === 'AlertNotificationTarget' && name === 'pager';
    expect(validateBundle([service, requests, prometheus, composite], known)).toEqual([
      { index: 3, problem: { path: ['spec', 'service'], message: 'no Service named `checkot` exists in this bundle or on the server: did you mean `checkout`? Otherwise define it or fix the name' } },
      { index: 3, problem: { path: ['spec', 'objectives', 0, 'indicatorRef'], message: 'no SLI named `request` exists in this bundle or on the server: did you mean `requests`? Otherwise define it or fix the name' } },
      { index: 3, problem: { path: ['spec', 'objectives', 1, 'indicator', 'spec', 'thresholdMetric', 'metricSource', 'metricSourceRef'], message: 'no DataSource named `datadog` exists in this bundle or on the server: define it or fix the name' } },
      { index: 3, problem: { path: ['spec', 'alertPolicies', 0, 'spec', 'conditions', 0, 'conditionRef'], message: 'no AlertCondition named `slow-burn` exists in this bundle or on the server: define it or fix the name' } },
    ]);
  });

  it('resolves references to objects that `known` says exist already', () => {
    const known = (kind: string, name: string): boolean => ['Service/checkout', 'SLI/requests', 'AlertPolicy/page'].includes(`${kind}/${name}`);
    expect(validateBundle([slo], known)).toEqual([]);
  });

  it('follows references from SLIs to DataSources and from AlertPolicies to conditions and targets', () => {
    expect(validateBundle([requests, policy], nothingKnown)).toEqual([
      { index: 0, problem: { path: ['spec', 'ratioMetric', 'good', 'metricSource', 'metricSourceRef'], message: 'no DataSource named `prometheus` exists in this bundle or on the server: define it or fix the name' } },
      { index: 0, problem: { path: ['spec', 'ratioMetric', 'total', 'metricSource', 'metricSourceRef'], message: 'no DataSource named `prometheus` exists in this bundle or on the server: define it or fix the name' } },
      { index: 1, problem: { path: ['spec', 'conditions', 0, 'conditionRef'], message: 'no AlertCondition named `fast-burn` exists in this bundle or on the server: define it or fix the name' } },
      { index: 1, problem: { path: ['spec', 'notificationTargets', 0, 'targetRef'], message: 'no AlertNotificationTarget named `mail` exists in this bundle or on the server: define it or fix the name' } },
    ]);
  });

  it('applies the threshold rules to an SLO that refers to a threshold SLI of the bundle', () => {
    const latencySlo = object('SLO', 'fast', { service: 'checkout', indicatorRef: 'latency', objectives: [{ target: 0.9 }, { target: 0.99, op: 'lte', value: 300 }] });
    expect(validateBundle([service, prometheus, latency, latencySlo], nothingKnown)).toEqual([
      { index: 3, problem: { path: ['spec', 'objectives'], message: 'has 2 objectives, but an SLO whose SLI is a thresholdMetric takes exactly one (OpenSLO v1): move the others to SLOs of their own' } },
      { index: 3, problem: { path: ['spec', 'objectives', 0, 'op'], message: '`op` is required because SLI `latency` is a thresholdMetric: one of lte, gte, lt, gt, to compare each value with `value`' } },
      { index: 3, problem: { path: ['spec', 'objectives', 0, 'value'], message: '`value` is required because SLI `latency` is a thresholdMetric: the threshold each value is compared with' } },
    ]);
  });
});
