import { describe, expect, it } from 'vitest';
import { budgetImpact } from './budget-impact';
import type { SloDefinition } from './slo-definition';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

const rollingDay = (method: SloDefinition['method'], objective: Partial<SloDefinition['objectives'][number]> = {}): SloDefinition => ({
  name: 'checkout-availability', service: 'checkout', window: { kind: 'rolling', durationMs: 24 * HOUR }, method, composite: false,
  objectives: [{ name: 'objective-0', target: 0.75, seriesKey: 's', compositeWeight: 1, ...objective }], alertRules: [], minEventsForBurnRateAlerts: 0,
});

describe('budgetImpact', () => {
  it('Occurrences: bad events during the incident over (1 − target) × events in the window', () => {
    const definition = rollingDay('Occurrences');
    // Twelve hours before: 1 minute bucket of 1000 events, all good. During [T0, T0 + 30 min):
    // 10 s buckets of 100 events, 40 bad, at T0 and T0 + 10 min; one straddling bucket starting
    // 5 s before T0 (a 60 s bucket) with 10 bad of 50; after the resolve, 100 bad that do not count.
    const buckets = [
      { start: T0 - 12 * HOUR, good: 1000, total: 1000, resolutionMs: MINUTE },
      { start: T0 - 50_000, good: 40, total: 50, resolutionMs: MINUTE },
      { start: T0, good: 60, total: 100, resolutionMs: 10_000 },
      { start: T0 + 10 * MINUTE, good: 60, total: 100, resolutionMs: 10_000 },
      { start: T0 + 30 * MINUTE, good: 0, total: 100, resolutionMs: 10_000 },
    ];
    // Window [T0 + 30 min − 24 h, T0 + 30 min): events 1000 + 50 + 100 + 100 = 1250 → budget 0.25 × 1250 = 312.5.
    // Bad during the incident: 10 + 40 + 40 = 90 of 250 → share 90 / 312.5 = 0.288.
    expect(budgetImpact({ definition, objective: definition.objectives[0]!, buckets, incident: { from: T0, to: T0 + 30 * MINUTE } })).toEqual({
      unit: 'events', bad: 90, total: 250, budget: 312.5, share: 0.288, window: { from: T0 + 30 * MINUTE - 24 * HOUR, to: T0 + 30 * MINUTE },
    });
  });

  it('Timeslices: bad slices during the incident over (1 − target) × slices in the window', () => {
    const definition = rollingDay('Timeslices', { timeSliceTarget: 0.9, timeSliceWindowMs: 5 * MINUTE });
    // 5-minute slices on the epoch grid; T0 is on it. Slice T0: 95/100 good (good slice);
    // slice T0 + 5 min: 80/100 (bad); slice T0 + 10 min: no events. 288 slices a day → budget 72.
    const buckets = [
      { start: T0, good: 95, total: 100, resolutionMs: 10_000 },
      { start: T0 + 5 * MINUTE, good: 50, total: 50, resolutionMs: 10_000 },
      { start: T0 + 6 * MINUTE, good: 30, total: 50, resolutionMs: 10_000 },
    ];
    expect(budgetImpact({ definition, objective: definition.objectives[0]!, buckets, incident: { from: T0 + MINUTE, to: T0 + 15 * MINUTE } })).toMatchObject({
      unit: 'slices', bad: 1, total: 2, budget: 72, share: 1 / 72,
    });
  });

  it('has no share when the window had no events', () => {
    const definition = rollingDay('Occurrences');
    expect(budgetImpact({ definition, objective: definition.objectives[0]!, buckets: [], incident: { from: T0, to: T0 + MINUTE } })).toMatchObject({ bad: 0, budget: 0, share: null });
  });
});
