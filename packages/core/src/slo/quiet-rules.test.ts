import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertTransition } from './alert-state';
import type { SeriesBucket } from './bucket';
import { defaultBurnRateRules } from './default-burn-rate-rules';
import { replaySlo } from './replay-slo';
import type { AlertRuleDefinition, SloDefinition } from './slo-definition';
import { createSloEngine } from './slo-engine';
import type { ObjectiveStatus } from './slo-status';
import { DAY, HOUR, MINUTE, SECOND, sloDefinition } from './testing/slo-fixtures';

// Replays skip the rules they prove quiet between points (quiet-rules.ts). The live loop never
// skips: it is the reference, transition for transition and number for number at every point.
const T = Date.UTC(2026, 3, 1, 12);
const RULES: AlertRuleDefinition[] = [
  ...defaultBurnRateRules(DAY),
  { kind: 'burn-rate', name: 'openslo-gt', severity: 'page', op: 'gt', threshold: 5, lookbackWindowMs: 15 * MINUTE, alertAfterMs: 2 * MINUTE },
  { kind: 'burn-rate', name: 'openslo-lt', severity: 'ticket', op: 'lt', threshold: 0.5, lookbackWindowMs: HOUR, alertAfterMs: 0 },
];
const SLO: SloDefinition = sloDefinition({ window: { kind: 'rolling', durationMs: DAY }, alertRules: RULES, minEventsForBurnRateAlerts: 50 });

interface Replayed {
  readonly transitions: readonly AlertTransition[];
  readonly points: readonly { readonly at: number; readonly objectives: readonly ObjectiveStatus[] }[];
}

/** The live loop over the same buckets: every bucket once simulated time passes its end, an evaluation every 10 s. */
function live(buckets: readonly SeriesBucket[], to: number, pointEveryMs: number): Replayed {
  const engine = createSloEngine();
  engine.setDefinitions([SLO]);
  const transitions: AlertTransition[] = [];
  const points: { at: number; objectives: readonly ObjectiveStatus[] }[] = [];
  let next = 0;
  for (let now = T; now <= to; now += 10 * SECOND) {
    while (next < buckets.length && buckets[next]!.start + buckets[next]!.resolutionMs <= now) engine.ingest('sli', buckets[next++]!);
    const evaluation = engine.evaluate(now);
    transitions.push(...evaluation.transitions);
    if ((now - T) % pointEveryMs === 0) points.push({ at: now, objectives: evaluation.statuses[0]!.objectives });
  }
  return { transitions, points };
}

function replayed(buckets: readonly SeriesBucket[], to: number, pointEveryMs: number): Replayed {
  const result = replaySlo(SLO, { sli: buckets }, { from: T, to, stepMs: 10 * SECOND, pointEveryMs });
  if (!result.ok) throw new Error(result.error.problems.join('; '));
  return result.value;
}

/**
 * A day of history, then segments of 1–90 minutes: silence, or traffic at an error ratio (up to
 * bursts of errors only, so that a window can shrink around its bad events), in 10-second or 1-minute buckets.
 */
const bucketsArb = fc.array(
  fc.record({
    minutes: fc.oneof(fc.integer({ min: 20, max: 90 }), fc.integer({ min: 1, max: 5 })),
    ratio: fc.constantFrom(-1, -1, 0, 0, 0.0005, 0.0005, 0.003, 0.02, 0.3, 1),
    traffic: fc.integer({ min: 20, max: 400 }),
    resolutionMs: fc.constantFrom(10 * SECOND, 10 * SECOND, MINUTE),
  }),
  { minLength: 4, maxLength: 14 },
).map((segments) => {
  const buckets: SeriesBucket[] = [];
  let start = T - DAY;
  const add = (until: number, ratio: number, traffic: number, resolutionMs: number): void => {
    for (; start < until; start += resolutionMs) {
      if (ratio < 0) continue;
      const total = traffic * (resolutionMs / (10 * SECOND));
      buckets.push({ start, good: total - Math.min(total, Math.round(total * ratio * ((start / resolutionMs) % 3))), total, resolutionMs });
    }
  };
  add(T, 0.0005, 100, MINUTE);
  for (const segment of segments) add(start + segment.minutes * MINUTE, segment.ratio, segment.traffic, segment.resolutionMs);
  return { buckets, to: start };
});

describe('quiet rules in a replay', () => {
  it('move the same alerts, and give the same points, as the live loop', () => {
    let withAlerts = 0;
    fc.assert(fc.property(bucketsArb, ({ buckets, to }) => {
      const reference = live(buckets, to, HOUR);
      const result = replayed(buckets, to, HOUR);
      expect(result.transitions).toEqual(reference.transitions);
      expect(result.points).toEqual(reference.points);
      if (reference.transitions.length > 0) withAlerts++;
    }), { numRuns: 25 });
    // Not vacuous: most runs move some alert.
    expect(withAlerts).toBeGreaterThan(12);
  });

  it('resolves a no-data alert between points when the data comes back', () => {
    // Clean traffic, silence from T + 70 min to T + 100 min, clean traffic again. The no-data rule
    // (10 min) fires when the newest data is 10 min old, T + 80 min, and resolves when the first
    // bucket after the silence has ended, T + 100 min + 10 s; both between hourly points.
    const buckets: SeriesBucket[] = [];
    for (let start = T - DAY; start < T + 3 * HOUR; start += 10 * SECOND) {
      if (start < T + 70 * MINUTE || start >= T + 100 * MINUTE) buckets.push({ start, good: 100, total: 100, resolutionMs: 10 * SECOND });
    }
    const noData = replayed(buckets, T + 3 * HOUR, HOUR).transitions.filter((t) => t.rule === 'no-data');
    expect(noData.map((t) => [t.to, t.at - T])).toEqual([['firing', 80 * MINUTE], ['resolved', 100 * MINUTE + 10 * SECOND]]);
  });
});
