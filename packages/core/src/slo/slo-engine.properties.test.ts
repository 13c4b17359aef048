import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertTransition } from './alert-state';
import type { SeriesBucket } from './bucket';
import { defaultBurnRateRules } from './default-burn-rate-rules';
import { replaySlo } from './replay-slo';
import type { AlertRuleDefinition, BudgetingMethod, SloDefinition } from './slo-definition';
import { createSloEngine } from './slo-engine';
import { DAY, HOUR, MINUTE, SECOND, objective, sloDefinition } from './testing/slo-fixtures';

const T = Date.UTC(2026, 3, 1, 12);
const SIX_HOURS = 6 * HOUR;

/** Random 10-second buckets in [T, T + 6 h): distinct starts, any counts with good ≤ total. */
const bucketsArb = fc.uniqueArray(
  fc.record({ cell: fc.integer({ min: 0, max: SIX_HOURS / 10_000 - 1 }), total: fc.integer({ min: 0, max: 50 }), bad: fc.integer({ min: 0, max: 50 }) }),
  { selector: (b) => b.cell, maxLength: 400 },
).map((list) => list.map(({ cell, total, bad }): SeriesBucket => ({ start: T + cell * 10_000, good: Math.max(0, total - bad), total, resolutionMs: 10_000 })));

const methodArb = fc.constantFrom<BudgetingMethod>('Occurrences', 'Timeslices', 'RatioTimeslices');

function definitionFor(method: BudgetingMethod, target: number, windowMs: number): SloDefinition {
  return sloDefinition({
    window: { kind: 'rolling', durationMs: windowMs }, method,
    objectives: [objective({ target, ...(method === 'Occurrences' ? {} : { timeSliceWindowMs: MINUTE, timeSliceTarget: 0.9 }) })],
    alertRules: defaultBurnRateRules(windowMs),
  });
}

function evaluateOnce(definition: SloDefinition, buckets: readonly SeriesBucket[], now: number, feed: 'load' | 'ingest' = 'load') {
  const engine = createSloEngine();
  engine.setDefinitions([definition]);
  if (feed === 'load') engine.loadSeries({ sli: buckets });
  else for (const bucket of buckets) engine.ingest('sli', bucket);
  return engine.evaluate(now).statuses[0]!.objectives[0]!;
}

describe('SLO engine properties', () => {
  it('never reports more than 100 % of the budget left', () => {
    fc.assert(fc.property(bucketsArb, methodArb, fc.double({ min: 0, max: 0.9999, noNaN: true }), fc.integer({ min: 0, max: 7 * HOUR }), (buckets, method, target, offset) => {
      const status = evaluateOnce(definitionFor(method, target, DAY), buckets, T + offset);
      expect(status.budget.remaining).toBeLessThanOrEqual(1);
      expect(status.budget.remainingMs).toBeLessThanOrEqual(status.budget.totalMs);
    }), { numRuns: 60 });
  });

  it('gives the SLI of a window as the sum of its buckets (Occurrences) or of its slices (Timeslices)', () => {
    fc.assert(fc.property(bucketsArb, methodArb.filter((m) => m !== 'RatioTimeslices'), (buckets, method) => {
      const now = T + SIX_HOURS;
      const status = evaluateOnce(definitionFor(method, 0.99, SIX_HOURS), buckets, now);
      // Naive: every bucket, then every minute on its own.
      let good = 0;
      let total = 0;
      const minutes = new Map<number, { good: number; total: number }>();
      for (const bucket of buckets) {
        good += bucket.good;
        total += bucket.total;
        const m = Math.floor(bucket.start / MINUTE);
        const slice = minutes.get(m) ?? { good: 0, total: 0 };
        minutes.set(m, { good: slice.good + bucket.good, total: slice.total + bucket.total });
      }
      expect(status.events).toEqual({ good, total });
      const withData = [...minutes.values()].filter((slice) => slice.total > 0);
      const expected = method === 'Occurrences'
        ? (total > 0 ? good / total : null)
        : (withData.length > 0 ? withData.filter((slice) => slice.good / slice.total >= 0.9).length / withData.length : null);
      if (expected === null) expect(status.sli).toBeNull();
      else expect(status.sli).toBeCloseTo(expected, 12);
    }), { numRuns: 60 });
  });

  it('gives the same budget and burn rates whatever order the buckets come in', () => {
    const shuffled = bucketsArb.chain((buckets) => fc.tuple(fc.constant(buckets), fc.shuffledSubarray(buckets, { minLength: buckets.length })));
    fc.assert(fc.property(shuffled, methodArb, ([inOrder, mixed], method) => {
      const definition = definitionFor(method, 0.99, SIX_HOURS);
      const now = T + SIX_HOURS;
      const a = evaluateOnce(definition, inOrder, now, 'ingest');
      const b = evaluateOnce(definition, mixed, now, 'ingest');
      expect(b.events).toEqual(a.events);
      expect(b.sli ?? -1).toBeCloseTo(a.sli ?? -1, 12);
      expect(b.budget.remaining).toBeCloseTo(a.budget.remaining, 12);
      b.burnRates.forEach((rate, i) => expect(rate.burnRate ?? -1).toBeCloseTo(a.burnRates[i]!.burnRate ?? -1, 12));
    }), { numRuns: 60 });
  });

  it('replays the same alerts as the live loop', () => {
    // Ten-minute segments of 100 events per bucket at a random error ratio, some without data at all.
    const segments = fc.array(fc.constantFrom(-1, 0, 0.005, 0.02, 0.1, 1), { minLength: 6, maxLength: 18 });
    const rules: AlertRuleDefinition[] = [
      ...defaultBurnRateRules(DAY),
      { kind: 'burn-rate', name: 'openslo', severity: 'page', op: 'gt', threshold: 5, lookbackWindowMs: 15 * MINUTE, alertAfterMs: 2 * MINUTE },
    ];
    let runsWithAlerts = 0;
    fc.assert(fc.property(segments, methodArb, (ratios, method) => {
      const buckets: SeriesBucket[] = [];
      ratios.forEach((ratio, s) => {
        if (ratio < 0) return;
        for (let start = T + s * 10 * MINUTE; start < T + (s + 1) * 10 * MINUTE; start += 10_000) {
          buckets.push({ start, good: 100 - Math.round(100 * ratio), total: 100, resolutionMs: 10_000 });
        }
      });
      const definition = { ...definitionFor(method, 0.99, DAY), alertRules: rules, minEventsForBurnRateAlerts: 50 };
      const to = T + ratios.length * 10 * MINUTE;
      const live: AlertTransition[] = [];
      const engine = createSloEngine();
      engine.setDefinitions([definition]);
      let next = 0;
      for (let now = T; now <= to; now += 10 * SECOND) {
        while (next < buckets.length && buckets[next]!.start + 10_000 <= now) engine.ingest('sli', buckets[next++]!);
        live.push(...engine.evaluate(now).transitions);
      }
      const replayed = replaySlo(definition, { sli: buckets }, { from: T, to, stepMs: 10 * SECOND, pointEveryMs: HOUR });
      expect(replayed.ok && replayed.value.transitions).toEqual(live);
      if (live.length > 0) runsWithAlerts++;
    }), { numRuns: 25 });
    // Not vacuous: most runs move some alert.
    expect(runsWithAlerts).toBeGreaterThan(10);
  });
});
