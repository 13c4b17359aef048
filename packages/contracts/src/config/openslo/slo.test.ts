import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';

const slo = (spec: Record<string, unknown>): unknown => ({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'checkout-availability' }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const metric = { metricSource: { type: 'Prometheus', spec: { query: 'q' } } };
const ratioSli = { metadata: { name: 'requests' }, spec: { ratioMetric: { counter: true, good: metric, total: metric } } };
const thresholdSli = { metadata: { name: 'latency' }, spec: { thresholdMetric: metric } };
const rolling = [{ duration: '28d', isRolling: true }];
const base = { service: 'checkout', indicatorRef: 'requests', timeWindow: rolling, budgetingMethod: 'Occurrences', objectives: [{ target: 0.999 }] };

describe('SLO', () => {
  it('accepts the OpenSLO README example with an inline SLI unchanged (no timeWindow, no budgetingMethod)', () => {
    const fooSlo = {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'foo-slo', displayName: 'Foo SLO' },
      spec: {
        service: 'foo',
        indicator: {
          metadata: { name: 'foo-error', displayName: 'Foo Error' },
          spec: {
            ratioMetric: {
              counter: true,
              good: { metricSource: { metricSourceRef: 'datadog-datasource', type: 'Datadog', spec: { query: 'sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count()' } } },
              total: { metricSource: { metricSourceRef: 'datadog-datasource', type: 'Datadog', spec: { query: 'sum:trace.http.request.hits.by_http_status{*}.as_count()' } } },
            },
          },
        },
        objectives: [{ displayName: 'Foo Total Errors', target: 0.98 }],
      },
    };
    expect(validateConfigDocument(fooSlo)).toEqual({ ok: true, value: fooSlo });
  });

  it('accepts every budgeting method with the objective fields it needs', () => {
    expect(problemsOf(slo(base))).toEqual([]);
    expect(problemsOf(slo({ ...base, budgetingMethod: 'Timeslices', objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: '1m' }] }))).toEqual([]);
    expect(problemsOf(slo({ ...base, budgetingMethod: 'RatioTimeslices', objectives: [{ targetPercent: 99, timeSliceWindow: 5 }] }))).toEqual([]);
  });

  it('requires the Timeslices fields per objective', () => {
    expect(problemsOf(slo({ ...base, budgetingMethod: 'Timeslices', objectives: [{ target: 0.99 }, { target: 0.9, timeSliceTarget: 0.9, timeSliceWindow: '5m' }] }))).toEqual([
      { path: ['spec', 'objectives', 0, 'timeSliceTarget'], message: '`timeSliceTarget` is required with budgetingMethod Timeslices: the share of good values that makes a slice good, e.g. 0.95' },
      { path: ['spec', 'objectives', 0, 'timeSliceWindow'], message: '`timeSliceWindow` is required with budgetingMethod Timeslices: the length of one time slice, e.g. 1m, or 5 for five minutes' },
    ]);
    expect(problemsOf(slo({ ...base, budgetingMethod: 'RatioTimeslices', objectives: [{ target: 0.99, timeSliceTarget: 0.9 }] }))).toEqual([
      { path: ['spec', 'objectives', 0, 'timeSliceWindow'], message: '`timeSliceWindow` is required with budgetingMethod RatioTimeslices: the length of one time slice, e.g. 1m, or 5 for five minutes' },
    ]);
  });

  it('checks the ranges of targets and slices', () => {
    expect(problemsOf(slo({ ...base, budgetingMethod: 'Timeslices', objectives: [
      { target: 1, timeSliceTarget: 0, timeSliceWindow: 0 },
      { targetPercent: 100, timeSliceTarget: 1.5, timeSliceWindow: '0m' },
      { target: 0, timeSliceTarget: 1, timeSliceWindow: true },
    ] }))).toEqual([
      { path: ['spec', 'objectives', 0, 'target'], message: '`target` must be less than 1, not `1`: a fraction between 0 and 1, e.g. 0.999 (or write targetPercent: 99.9)' },
      { path: ['spec', 'objectives', 0, 'timeSliceTarget'], message: '`timeSliceTarget` must be greater than 0, not `0`: the share of good values that makes a time slice good, e.g. 0.95' },
      { path: ['spec', 'objectives', 0, 'timeSliceWindow'], message: '`timeSliceWindow` must be greater than 0, not `0`' },
      { path: ['spec', 'objectives', 1, 'targetPercent'], message: '`targetPercent` must be less than 100, not `100`: a percentage between 0 and 100, e.g. 99.9' },
      { path: ['spec', 'objectives', 1, 'timeSliceTarget'], message: '`timeSliceTarget` must be at most 1, not `1.5`: the share of good values that makes a time slice good, e.g. 0.95' },
      { path: ['spec', 'objectives', 1, 'timeSliceWindow'], message: 'time slice `0m` has no length: use a number above zero, e.g. 30d' },
      { path: ['spec', 'objectives', 2, 'target'], message: '`target` must be greater than 0, not `0`: a fraction between 0 and 1, e.g. 0.999 (or write targetPercent: 99.9)' },
      { path: ['spec', 'objectives', 2, 'timeSliceWindow'], message: 'a time slice is a duration such as 1m or 5m, or a number of minutes such as 5' },
    ]);
  });

  it('needs exactly one of target and targetPercent', () => {
    expect(problemsOf(slo({ ...base, objectives: [{ displayName: 'none' }, { target: 0.99, targetPercent: 99 }] }))).toEqual([
      { path: ['spec', 'objectives', 0], message: 'an objective needs `target` (a fraction, e.g. 0.999) or `targetPercent` (a percentage, e.g. 99.9)' },
      { path: ['spec', 'objectives', 1, 'targetPercent'], message: 'use either `target` or `targetPercent`, not both: `target: 0.999` is `targetPercent: 99.9`' },
    ]);
  });

  it('needs service, an SLI and objectives', () => {
    expect(problemsOf(slo({}))).toEqual([
      { path: ['spec', 'service'], message: '`service` is required: the name of the Service this SLO belongs to, e.g. checkout' },
      { path: ['spec', 'objectives'], message: '`objectives` is required' },
      { path: ['spec'], message: 'an SLO needs `indicator` (an inline SLI) or `indicatorRef` (the name of an SLI)' },
    ]);
    expect(problemsOf(slo({ ...base, indicator: ratioSli, objectives: [] }))).toEqual([
      { path: ['spec', 'objectives'], message: '`objectives` needs at least one item' },
      { path: ['spec', 'indicatorRef'], message: 'use either `indicator` (an inline SLI) or `indicatorRef` (the name of an SLI), not both' },
    ]);
  });

  it('refuses unknown budgeting methods and fields by name', () => {
    expect(problemsOf(slo({ ...base, budgetingMethod: 'Occurences', sli: ratioSli, timeWindows: rolling }))).toEqual([
      { path: ['spec', 'budgetingMethod'], message: '`budgetingMethod` must be one of `Occurrences`, `Timeslices`, `RatioTimeslices`, not `Occurences`' },
      { path: ['spec', 'sli'], message: 'unknown field `sli`: that is OpenSLO v2alpha; openslo/v1 calls it `indicator`. Allowed here: description, service, indicator, indicatorRef, timeWindow, budgetingMethod, objectives, alertPolicies' },
      { path: ['spec', 'timeWindows'], message: 'unknown field `timeWindows`: did you mean `timeWindow`? Allowed here: description, service, indicator, indicatorRef, timeWindow, budgetingMethod, objectives, alertPolicies' },
    ]);
  });

  describe('timeWindow', () => {
    const withWindow = (timeWindow: unknown): ConfigProblem[] => problemsOf(slo({ ...base, timeWindow }));

    it('accepts a rolling window and a calendar window with or without isRolling: false', () => {
      expect(withWindow([{ duration: '4w', isRolling: true }])).toEqual([]);
      expect(withWindow([{ duration: '1M', isRolling: false, calendar: { startTime: '2020-01-21 12:30:00', timeZone: 'America/New_York' } }])).toEqual([]);
      expect(withWindow([{ duration: '1Q', calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'Europe/Berlin' } }])).toEqual([]);
    });

    it('takes exactly one window, and still checks the windows given', () => {
      expect(withWindow([{ duration: '5x', isRolling: true }, { duration: '1d' }])).toEqual([
        { path: ['spec', 'timeWindow', 0, 'duration'], message: 'window `5x` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d' },
        { path: ['spec', 'timeWindow', 1, 'isRolling'], message: '`isRolling` is required: `isRolling: true` for a rolling window, or add `calendar` (startTime, timeZone) for a calendar-aligned one' },
        { path: ['spec', 'timeWindow'], message: '`timeWindow` takes exactly one window in OpenSLO v1, not 2: one rolling or calendar-aligned window per SLO' },
      ]);
      expect(withWindow([])).toEqual([
        { path: ['spec', 'timeWindow'], message: '`timeWindow` takes exactly one window in OpenSLO v1, not 0: one rolling or calendar-aligned window per SLO' },
      ]);
    });

    it('checks the calendar: start time, time zone, and that it is not rolling', () => {
      expect(withWindow([{ duration: '1M', isRolling: true, calendar: { startTime: '2020-02-30 00:00:00', timeZone: 'Mars/Olympus' } }])).toEqual([
        { path: ['spec', 'timeWindow', 0, 'calendar', 'startTime'], message: 'startTime `2020-02-30 00:00:00` is not a date and time: write "YYYY-MM-DD HH:MM:SS" in 24-hour time without a zone, e.g. "2024-01-01 00:00:00"' },
        { path: ['spec', 'timeWindow', 0, 'calendar', 'timeZone'], message: 'timeZone `Mars/Olympus` is not a time zone of the IANA database: use a name such as Europe/Berlin, America/New_York or UTC' },
        { path: ['spec', 'timeWindow', 0, 'isRolling'], message: 'a calendar-aligned window cannot be rolling: set `isRolling: false`, or remove `calendar` for a rolling window' },
      ]);
      expect(withWindow([{ duration: '1M', isRolling: false, calendar: { startTime: '2020-01-01 00:00:00' } }])).toEqual([
        { path: ['spec', 'timeWindow', 0, 'calendar', 'timeZone'], message: '`timeZone` is required: an IANA time zone name, e.g. Europe/Berlin or UTC' },
      ]);
      expect(withWindow([{ duration: '1M', isRolling: false }])).toEqual([
        { path: ['spec', 'timeWindow', 0, 'calendar'], message: '`calendar` is required when `isRolling` is false: give its startTime and timeZone, or set `isRolling: true` for a rolling window' },
      ]);
    });
  });

  describe('threshold SLIs', () => {
    it('need op and value on their one objective', () => {
      expect(problemsOf(slo({ ...base, indicatorRef: undefined, indicator: thresholdSli, objectives: [{ op: 'lte', value: 300, target: 0.95 }] }))).toEqual([]);
      expect(problemsOf(slo({ ...base, indicatorRef: undefined, indicator: thresholdSli, objectives: [{ target: 0.95 }, { op: 'gte', value: 1, target: 0.9 }] }))).toEqual([
        { path: ['spec', 'objectives'], message: 'has 2 objectives, but an SLO whose SLI is a thresholdMetric takes exactly one (OpenSLO v1): move the others to SLOs of their own' },
        { path: ['spec', 'objectives', 0, 'op'], message: '`op` is required because its SLI is a thresholdMetric: one of lte, gte, lt, gt, to compare each value with `value`' },
        { path: ['spec', 'objectives', 0, 'value'], message: '`value` is required because its SLI is a thresholdMetric: the threshold each value is compared with' },
      ]);
    });

    it('do not limit ratio SLIs, which may have many objectives and (as in OpenSLO examples) an op', () => {
      expect(problemsOf(slo({ ...base, indicatorRef: undefined, indicator: ratioSli, objectives: [{ target: 0.99 }, { op: 'gt', targetPercent: 95 }] }))).toEqual([]);
    });
  });

  describe('composite SLOs', () => {
    const composite = (objectives: unknown[], extra: Record<string, unknown> = {}): unknown =>
      slo({ service: 'checkout', timeWindow: rolling, budgetingMethod: 'Occurrences', objectives, ...extra });

    it('accept objectives with their own inline or referenced SLI and weights', () => {
      expect(problemsOf(composite([
        { target: 0.999, compositeWeight: 2, indicator: ratioSli },
        { target: 0.99, compositeWeight: 0.5, indicatorRef: 'search-requests' },
        { target: 0.95, op: 'lte', value: 300, indicator: thresholdSli },
      ]))).toEqual([]);
    });

    it('need an SLI on every objective and none on the SLO, and positive weights', () => {
      expect(problemsOf(composite([
        { target: 0.999, compositeWeight: 0, indicator: ratioSli, indicatorRef: 'requests' },
        { target: 0.99 },
        { target: 0.95, indicator: thresholdSli },
      ], { indicatorRef: 'requests' }))).toEqual([
        { path: ['spec', 'objectives', 0, 'compositeWeight'], message: '`compositeWeight` must be greater than 0, not `0`: how much this objective counts in the composite, e.g. 1 or 2' },
        { path: ['spec', 'indicatorRef'], message: 'remove the SLO\'s `indicatorRef`: the objectives carry their own SLIs, which makes this a composite SLO' },
        { path: ['spec', 'objectives', 0, 'indicatorRef'], message: 'use either `indicator` (an inline SLI) or `indicatorRef` (the name of an SLI), not both' },
        { path: ['spec', 'objectives', 1], message: 'in a composite SLO every objective needs its own `indicator` or `indicatorRef`, because other objectives have one' },
        { path: ['spec', 'objectives', 2, 'op'], message: '`op` is required because its SLI is a thresholdMetric: one of lte, gte, lt, gt, to compare each value with `value`' },
        { path: ['spec', 'objectives', 2, 'value'], message: '`value` is required because its SLI is a thresholdMetric: the threshold each value is compared with' },
      ]);
    });

    it('share one budgeting method: no method per objective, and time slices of one length', () => {
      expect(problemsOf(composite([
        { target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: '1m', indicator: ratioSli },
        { target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: 1, indicatorRef: 'a' },
        { target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: '5m', indicatorRef: 'b', budgetingMethod: 'Occurrences' },
      ], { budgetingMethod: 'Timeslices' }))).toEqual([
        { path: ['spec', 'objectives', 2, 'budgetingMethod'], message: 'unknown field `budgetingMethod`; allowed here: displayName, op, value, target, targetPercent, timeSliceTarget, timeSliceWindow, indicator, indicatorRef, compositeWeight' },
        { path: ['spec', 'objectives', 2, 'timeSliceWindow'], message: 'every objective of a composite SLO must use the same timeSliceWindow as the first (`1m`): they share one budgeting method' },
      ]);
    });
  });

  describe('alertPolicies', () => {
    const policySpec = { conditions: [{ conditionRef: 'fast-burn' }], notificationTargets: [{ targetRef: 'on-call' }] };

    it('accept references, inline policies, and an empty `alertPolicies:`', () => {
      expect(problemsOf(slo({ ...base, alertPolicies: [{ alertPolicyRef: 'page' }, { kind: 'AlertPolicy', metadata: { name: 'ticket' }, spec: policySpec }] }))).toEqual([]);
      expect(problemsOf(slo({ ...base, alertPolicies: null }))).toEqual([]);
    });

    it('are either a reference or a complete inline policy', () => {
      expect(problemsOf(slo({ ...base, alertPolicies: [
        { alertPolicyRef: 'page', spec: policySpec },
        { kind: 'AlertPolicy', metadata: { name: 'x' } },
        {},
        { kind: 'AlertCondition', metadata: { name: 'y' }, spec: { ...policySpec, conditions: [] } },
      ] }))).toEqual([
        { path: ['spec', 'alertPolicies', 0, 'alertPolicyRef'], message: '`alertPolicyRef` names an existing AlertPolicy, so remove the inline `spec` (or drop `alertPolicyRef` and keep the inline AlertPolicy)' },
        { path: ['spec', 'alertPolicies', 1, 'spec'], message: '`spec` is required for an inline AlertPolicy; or name an existing one with `alertPolicyRef`' },
        { path: ['spec', 'alertPolicies', 2], message: 'needs `alertPolicyRef` (the name of an existing AlertPolicy) or an inline AlertPolicy with metadata and spec' },
        { path: ['spec', 'alertPolicies', 3, 'kind'], message: '`kind` must be `AlertPolicy`, not `AlertCondition`' },
        { path: ['spec', 'alertPolicies', 3, 'spec', 'conditions'], message: '`conditions` takes exactly one condition in OpenSLO v1, not 0: give each further condition an AlertPolicy of its own' },
      ]);
    });
  });
});
