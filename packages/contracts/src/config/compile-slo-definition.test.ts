import { defaultBurnRateRules } from '@xops/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesKeyForSli, seriesKeyForThreshold } from '../api/series-key';
import { compileSloDefinition, type ObjectLookup } from './compile-slo-definition';
import type { ConfigObject } from './config-object';
import { validateConfigDocument } from './validate-config-document';

const DAY = 86_400_000;
const metric = { metricSource: { type: 'xops', spec: {} } };
const ratioSpec = { ratioMetric: { counter: true, good: metric, total: metric } };
const thresholdSpec = { thresholdMetric: metric };

/** Validates a document the way `xops apply` does, so the compiler sees what the store holds. */
function valid(kind: string, name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): ConfigObject {
  const result = validateConfigDocument({ apiVersion: 'openslo/v1', kind, metadata: { name, ...metadata }, spec });
  if (!result.ok) throw new Error(`fixture ${kind} ${name} is not valid: ${JSON.stringify(result.problems)}`);
  return result.value;
}

const slo = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
  valid('SLO', 'checkout-availability', { service: 'checkout', ...spec }, metadata);

function lookupOf(...objects: ConfigObject[]): ObjectLookup {
  const byKey = new Map(objects.map((object) => [`${object.kind}/${object.metadata.name}`, object]));
  return (kind, name) => byKey.get(`${kind}/${name}`);
}

const requestsSli = valid('SLI', 'requests', ratioSpec);
const latencySli = valid('SLI', 'latency', thresholdSpec);
const noObjects = lookupOf();

function compiled(document: ConfigObject, lookup: ObjectLookup = lookupOf(requestsSli, latencySli)) {
  const result = compileSloDefinition(document, lookup);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('compileSloDefinition', () => {
  it('compiles a referenced ratio SLI over 28 days with the Workbook tiers and the defaults', () => {
    const definition = compiled(slo({
      indicatorRef: 'requests',
      timeWindow: [{ duration: '28d', isRolling: true }],
      objectives: [{ displayName: 'Available', targetPercent: 99.9 }],
    }));
    expect(definition).toEqual({
      name: 'checkout-availability',
      service: 'checkout',
      window: { kind: 'rolling', durationMs: 28 * DAY },
      method: 'Occurrences',
      objectives: [{ name: 'Available', target: 0.999, seriesKey: seriesKeyForSli('requests'), compositeWeight: 1 }],
      composite: false,
      alertRules: defaultBurnRateRules(2_419_200_000),
      minEventsForBurnRateAlerts: 100,
    });
  });

  it('feeds a ratio SLI written inline from the series of its own name, and a threshold SLI per objective', () => {
    const inline = compiled(slo({ indicator: { metadata: { name: 'checkout-requests' }, spec: ratioSpec }, objectives: [{ target: 0.99 }] }), noObjects);
    expect(inline.objectives).toEqual([{ name: 'objective-0', target: 0.99, seriesKey: seriesKeyForSli('checkout-requests'), compositeWeight: 1 }]);
    // No timeWindow (as in OpenSLO's README example): 30 days rolling, 2 592 000 000 ms.
    expect(inline.window).toEqual({ kind: 'rolling', durationMs: 2_592_000_000 });

    const threshold = compiled(slo({ indicatorRef: 'latency', objectives: [{ displayName: 'Fast', op: 'lte', value: 300, target: 0.95 }] }));
    expect(threshold.objectives).toEqual([{ name: 'Fast', target: 0.95, seriesKey: seriesKeyForThreshold('checkout-availability', 'Fast'), compositeWeight: 1 }]);
  });

  it('compiles a weighted composite whose objectives carry their own indicators', () => {
    const definition = compiled(slo({
      budgetingMethod: 'RatioTimeslices',
      timeWindow: [{ duration: '1w', isRolling: true }],
      objectives: [
        { displayName: 'Available', target: 0.999, timeSliceWindow: '1m', indicatorRef: 'requests', compositeWeight: 2 },
        { target: 0.95, timeSliceWindow: 1, op: 'lte', value: 250, indicatorRef: 'latency' },
      ],
    }));
    expect(definition.composite).toBe(true);
    expect(definition.method).toBe('RatioTimeslices');
    expect(definition.window).toEqual({ kind: 'rolling', durationMs: 604_800_000 });
    expect(definition.objectives).toEqual([
      { name: 'Available', target: 0.999, timeSliceWindowMs: 60_000, seriesKey: seriesKeyForSli('requests'), compositeWeight: 2 },
      { name: 'objective-1', target: 0.95, timeSliceWindowMs: 60_000, seriesKey: seriesKeyForThreshold('checkout-availability', 'objective-1'), compositeWeight: 1 },
    ]);
  });

  it('reads Timeslices fields: a bare timeSliceWindow is minutes', () => {
    const definition = compiled(slo({
      indicatorRef: 'requests',
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 5 }, { displayName: 'Hourly', target: 0.9, timeSliceTarget: 0.8, timeSliceWindow: '1h' }],
    }));
    expect(definition.objectives.map((objective) => [objective.timeSliceTarget, objective.timeSliceWindowMs])).toEqual([[0.95, 300_000], [0.8, 3_600_000]]);
  });

  it('keeps a calendar window on the calendar and gives M, Q, Y 30, 90 and 365 days when rolling', () => {
    const calendar = compiled(slo({
      indicatorRef: 'requests',
      timeWindow: [{ duration: '1M', isRolling: false, calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'Europe/Berlin' } }],
      objectives: [{ target: 0.999 }],
    }));
    expect(calendar.window).toEqual({ kind: 'calendar', unit: 'month', count: 1, startTime: '2024-01-01T00:00:00', timeZone: 'Europe/Berlin' });
    // Default tiers are scaled to the nominal length of the calendar period: 1 month = 30 days.
    expect(calendar.alertRules).toEqual(defaultBurnRateRules(30 * DAY));

    const rolling = (duration: string) => compiled(slo({ indicatorRef: 'requests', timeWindow: [{ duration, isRolling: true }], objectives: [{ target: 0.9 }] })).window;
    expect(rolling('1M')).toEqual({ kind: 'rolling', durationMs: 2_592_000_000 });
    expect(rolling('1Q')).toEqual({ kind: 'rolling', durationMs: 7_776_000_000 });
    expect(rolling('1Y')).toEqual({ kind: 'rolling', durationMs: 31_536_000_000 });
    expect(rolling('90m')).toEqual({ kind: 'rolling', durationMs: 5_400_000 });
    expect(rolling('2w')).toEqual({ kind: 'rolling', durationMs: 1_209_600_000 });
  });

  it('turns alert policies into rules: inline or referenced, conditions inline or referenced', () => {
    const fastBurn = valid('AlertCondition', 'fast-burn', {
      severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 14.4, lookbackWindow: '1h', alertAfter: '5m' },
    });
    const pagePolicy = valid('AlertPolicy', 'page-on-fast-burn', {
      alertWhenNoData: true, conditions: [{ conditionRef: 'fast-burn' }], notificationTargets: [{ targetRef: 'on-call' }],
    });
    const definition = compiled(slo({
      indicatorRef: 'requests',
      objectives: [{ target: 0.999 }],
      alertPolicies: [
        { alertPolicyRef: 'page-on-fast-burn' },
        {
          kind: 'AlertPolicy',
          metadata: { name: 'ticket-on-slow-burn' },
          spec: {
            conditions: [{ kind: 'AlertCondition', metadata: { name: 'slow' }, spec: { severity: 'ticket', condition: { op: 'gt', threshold: 1, lookbackWindow: '3d' } } }],
            notificationTargets: [{ targetRef: 'on-call' }],
          },
        },
        {
          kind: 'AlertPolicy',
          metadata: { name: 'silent' },
          spec: { alertWhenBreaching: false, alertWhenNoData: true, conditions: [{ conditionRef: 'fast-burn' }], notificationTargets: [{ targetRef: 'on-call' }] },
        },
      ],
    }), lookupOf(requestsSli, fastBurn, pagePolicy));
    expect(definition.alertRules).toEqual([
      { kind: 'burn-rate', name: 'page-on-fast-burn', severity: 'page', op: 'gte', threshold: 14.4, lookbackWindowMs: 3_600_000, alertAfterMs: 300_000 },
      { kind: 'no-data', name: 'page-on-fast-burn-no-data', severity: 'page', afterMs: 3_600_000 },
      { kind: 'burn-rate', name: 'ticket-on-slow-burn', severity: 'ticket', op: 'gt', threshold: 1, lookbackWindowMs: 259_200_000, alertAfterMs: 0 },
      { kind: 'no-data', name: 'silent-no-data', severity: 'page', afterMs: 3_600_000 },
    ]);
  });

  it('reads the low-traffic guard from the xops.dev/min-events annotation', () => {
    const guard = (annotations?: Record<string, string>) => compileSloDefinition(
      slo({ indicatorRef: 'requests', objectives: [{ target: 0.999 }] }, annotations ? { annotations } : {}),
      lookupOf(requestsSli),
    );
    expect(guard()).toMatchObject({ ok: true, value: { minEventsForBurnRateAlerts: 100 } });
    expect(guard({ 'xops.dev/min-events': '500' })).toMatchObject({ ok: true, value: { minEventsForBurnRateAlerts: 500 } });
    expect(guard({ 'xops.dev/min-events': '0' })).toMatchObject({ ok: true, value: { minEventsForBurnRateAlerts: 0 } });
    expect(guard({ 'xops.dev/min-events': 'lots' })).toEqual({
      ok: false,
      error: 'SLO "checkout-availability": annotation xops.dev/min-events must be a whole number of events, e.g. "100" ("0" turns the low-traffic guard off), not "lots"',
    });
  });

  it('says which reference is missing, and refuses what the engine cannot tell apart', () => {
    expect(compileSloDefinition(slo({ indicatorRef: 'requests', objectives: [{ target: 0.9 }] }), noObjects))
      .toEqual({ ok: false, error: 'SLO "checkout-availability": SLI "requests" does not exist' });
    expect(compileSloDefinition(slo({ indicatorRef: 'requests', objectives: [{ target: 0.9 }], alertPolicies: [{ alertPolicyRef: 'gone' }] }), lookupOf(requestsSli)))
      .toEqual({ ok: false, error: 'SLO "checkout-availability": AlertPolicy "gone" does not exist' });
    expect(compileSloDefinition(slo({ indicatorRef: 'requests', objectives: [{ displayName: 'A', target: 0.9 }, { displayName: 'A', target: 0.99 }] }), lookupOf(requestsSli)))
      .toEqual({ ok: false, error: 'SLO "checkout-availability": two objectives are called "A": give each a displayName of its own' });
    expect(compileSloDefinition(slo({ indicatorRef: 'requests', budgetingMethod: 'RatioTimeslices', objectives: [{ target: 0.9, timeSliceWindow: 0.25 }] }), lookupOf(requestsSli)))
      .toEqual({ ok: false, error: 'SLO "checkout-availability": timeSliceWindow 0.25 is not a whole number of 10-second buckets' });
    // The engine's own check: a slice must fit in the window.
    expect(compileSloDefinition(slo({ indicatorRef: 'requests', budgetingMethod: 'RatioTimeslices', timeWindow: [{ duration: '1h', isRolling: true }], objectives: [{ target: 0.9, timeSliceWindow: '2h' }] }), lookupOf(requestsSli)))
      .toEqual({ ok: false, error: 'SLO "checkout-availability": objective "objective-0": the time slice is longer than the window' });
    expect(compileSloDefinition(requestsSli, lookupOf(requestsSli))).toEqual({ ok: false, error: 'SLO "requests": is of kind SLI, not SLO' });
  });

  it('turns any percentage with up to three decimals into the fraction a person would write', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999 }), (thousandths) => {
      const result = compileSloDefinition(slo({ indicatorRef: 'requests', objectives: [{ targetPercent: thousandths / 1000 }] }), lookupOf(requestsSli));
      // `${n}e-5` is parsed as the decimal n × 10⁻⁵, the double nearest to the fraction itself.
      return result.ok && result.value.objectives[0]?.target === Number(`${thousandths}e-5`);
    }));
  });
});
