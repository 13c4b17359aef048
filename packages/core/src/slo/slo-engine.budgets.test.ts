import { describe, expect, it } from 'vitest';
import type { SeriesBucket } from './bucket';
import { createSloEngine } from './slo-engine';
import type { SloDefinition } from './slo-definition';
import type { ObjectiveStatus } from './slo-status';
import { HOUR, MINUTE, objective, sloDefinition, steadyBuckets } from './testing/slo-fixtures';

const T = Date.UTC(2026, 3, 1, 12);
const HOUR_WINDOW = { kind: 'rolling', durationMs: HOUR } as const;

/** Evaluates `definitions` over `data` at `now` and returns the objectives of the first SLO by name. */
function evaluate(definitions: SloDefinition[], data: Record<string, SeriesBucket[]>, now: number): Record<string, ObjectiveStatus> {
  const engine = createSloEngine();
  engine.setDefinitions(definitions);
  engine.loadSeries(data);
  const [status] = engine.evaluate(now).statuses;
  return Object.fromEntries(status!.objectives.map((o) => [o.objective, o]));
}

/** One minute of six 10-second buckets with `total` events each, `bad` of them failed. */
const minute = (start: number, total: number, bad: number) => steadyBuckets(start, start + MINUTE, total, bad);

// 50 minutes with data (6 buckets × 10 events), then 10 minutes without. In minutes 10 and 20
// every bucket has 2 bad of 10 (ratio 0.8); in minute 30, 1 bad of 10 (0.9); the rest are clean.
const SLICED = Array.from({ length: 50 }, (_, m) => minute(T + m * MINUTE, 10, m === 10 || m === 20 ? 2 : m === 30 ? 1 : 0)).flat();

describe('budgets by hand', () => {
  it('Occurrences: events against (1 − target) × events', () => {
    // 360 buckets of 100, three of them with 40 bad: 120 bad of 36 000. Target 99 %: 360 may fail.
    const buckets = steadyBuckets(T, T + HOUR, 100).map((b, i) => (i % 120 === 7 ? { ...b, good: 60 } : b));
    const { availability: o } = evaluate([sloDefinition({ window: HOUR_WINDOW, objectives: [objective({ target: 0.99 })] })], { sli: buckets }, T + HOUR);
    expect(o!.sli).toBeCloseTo(35_880 / 36_000, 12);
    expect(o!.budget.unit).toBe('events');
    expect(o!.budget.total).toBeCloseTo(360, 9);
    expect(o!.budget.consumed).toBe(120);
    expect(o!.budget.remaining).toBeCloseTo(2 / 3, 12);
    // As time: 1 % of 1 h = 36 s, two thirds left = 24 s.
    expect(o!.budget.totalMs).toBeCloseTo(36_000, 6);
    expect(o!.budget.remainingMs).toBeCloseTo(24_000, 6);
    // Burn over the hour: (120 / 36 000) / 0.01 = 1/3; two thirds of the budget last 2/3 × 1 h / (1/3) = 2 h.
    expect(o!.burnRates).toEqual([{ windowMs: HOUR, burnRate: expect.closeTo(1 / 3, 12) as number }]);
    expect(o!.timeToExhaustionMs).toBeCloseTo(2 * HOUR, 3);
    expect(o!.events).toEqual({ good: 35_880, total: 36_000 });
  });

  it('Timeslices: good slices over slices with data; budget over every slice of the window', () => {
    // Slice target 0.9: minutes 10 and 20 (0.8) are bad, minute 30 (0.9) is good. 48 good of 50.
    // Budget: 5 % of 60 slices = 3; 2 spent → 1/3 left = 1 slice = 1 min = 1/3 × 5 % × 1 h.
    const definition = sloDefinition({ window: HOUR_WINDOW, method: 'Timeslices', objectives: [objective({ target: 0.95, timeSliceTarget: 0.9, timeSliceWindowMs: MINUTE })] });
    const { availability: o } = evaluate([definition], { sli: SLICED }, T + HOUR);
    expect(o!.sli).toBeCloseTo(48 / 50, 12);
    expect(o!.budget).toMatchObject({ unit: 'slices', consumed: 2 });
    expect(o!.budget.total).toBeCloseTo(3, 9);
    expect(o!.budget.remaining).toBeCloseTo(1 / 3, 9);
    expect(o!.budget.remainingMs).toBeCloseTo(MINUTE, 3);
    // Burn over the hour: (1 − 48/50) / 0.05 = 0.8. Raw events: 3 000, bad 2 × 12 + 6 = 30.
    expect(o!.burnRates[0]!.burnRate).toBeCloseTo(0.8, 9);
    expect(o!.events).toEqual({ good: 2970, total: 3000 });
  });

  it('RatioTimeslices: the mean of slice ratios; each slice spends its missing part', () => {
    // 47 slices at 1, two at 0.8, one at 0.9: Σ = 49.5 over 50 → SLI 0.99; missing 0.5 of a
    // 3-slice budget → 1 − 0.5/3 = 5/6 left; burn (1 − 0.99) / 0.05 = 0.2.
    const definition = sloDefinition({ window: HOUR_WINDOW, method: 'RatioTimeslices', objectives: [objective({ target: 0.95, timeSliceWindowMs: MINUTE })] });
    const { availability: o } = evaluate([definition], { sli: SLICED }, T + HOUR);
    expect(o!.sli).toBeCloseTo(0.99, 12);
    expect(o!.budget.consumed).toBeCloseTo(0.5, 12);
    expect(o!.budget.remaining).toBeCloseTo(5 / 6, 9);
    expect(o!.burnRates[0]!.burnRate).toBeCloseTo(0.2, 9);
  });

  it('a calendar month across the DST change: March 2026 in Berlin is 743 h', () => {
    const now = Date.parse('2026-03-15T12:00:00Z');
    const month = { kind: 'calendar', unit: 'month', count: 1, startTime: '2026-01-01T00:00:00', timeZone: 'Europe/Berlin' } as const;
    // The two hours before `now`: 120 minutes of 6 × 10 events; in 10 of them one bad event per bucket.
    const data = Array.from({ length: 120 }, (_, m) => minute(now - 2 * HOUR + m * MINUTE, 10, m % 12 === 0 ? 1 : 0)).flat();
    const sliced = sloDefinition({ name: 'sliced', window: month, method: 'Timeslices', objectives: [objective({ timeSliceTarget: 0.99, timeSliceWindowMs: MINUTE })] });
    const { availability: s } = evaluate([sliced], { sli: data }, now);
    expect(s!.window).toEqual({ from: Date.parse('2026-02-28T23:00:00Z'), to: Date.parse('2026-03-31T22:00:00Z') });
    // 743 h × 60 = 44 580 slices; 0.1 % of them = 44.58 slices of budget; 10 bad → 34.58 left.
    expect(s!.budget.total).toBeCloseTo(44.58, 9);
    expect(s!.budget.remaining).toBeCloseTo(34.58 / 44.58, 12);
    // As time: 0.1 % of 743 h = 2 674.8 s, of which 34.58 min = 2 074.8 s remain.
    expect(s!.budget.totalMs).toBeCloseTo(2_674_800, 3);
    expect(s!.budget.remainingMs).toBeCloseTo(2_074_800, 3);
    expect(s!.sli).toBeCloseTo(110 / 120, 12);
    // Occurrences over the same month: 7 200 events allow 7.2 failures; 60 failed → 1 − 60/7.2 < 0.
    const counted = sloDefinition({ name: 'counted', window: month, objectives: [objective()] });
    const { availability: c } = evaluate([counted], { sli: data }, now);
    expect(c!.budget.remaining).toBeCloseTo(1 - 60 / 7.2, 9);
    expect(c!.budget.totalMs).toBeCloseTo(2_674_800, 3);
  });
});

describe('calendar periods', () => {
  it('starts a fresh budget when the period turns', () => {
    // A calendar day in UTC at 99 %: in the last 10 minutes of 1 April 10 % of events fail; on 2 April
    // none do. At 23:59:50 the day holds 60 bad of 600 (10 % against 1 %: 10× overspent); ten seconds
    // later the new day holds nothing bad.
    const day = { kind: 'calendar', unit: 'day', count: 1, startTime: '2026-01-01T00:00:00', timeZone: 'UTC' } as const;
    const midnight = Date.UTC(2026, 3, 2);
    const data = [...steadyBuckets(midnight - 10 * MINUTE, midnight, 10, 1), ...steadyBuckets(midnight, midnight + MINUTE, 10)];
    const definition = sloDefinition({ window: day, objectives: [objective({ target: 0.99 })] });
    const before = evaluate([definition], { sli: data.filter((b) => b.start < midnight - 10_000) }, midnight - 10_000);
    expect(before.availability!.budget.remaining).toBeCloseTo(1 - 59 / (0.01 * 590), 9);
    const after = evaluate([definition], { sli: data }, midnight + MINUTE);
    expect(after.availability!.window).toEqual({ from: midnight, to: midnight + 24 * HOUR });
    expect(after.availability!.budget.remaining).toBe(1);
    expect(after.availability!.events).toEqual({ good: 60, total: 60 });
  });
});

describe('composite budgets by hand', () => {
  it('Occurrences: weighted burn rates and spent shares add up', () => {
    // a: target 99 %, weight 1; 18 of 360 buckets have 10 bad of 100 → 180 of 36 000 = 0.5 % → burn 0.5, half spent.
    // b: target 90 %, weight 0.5; 72 of 360 buckets have 1 bad of 10 → 72 of 3 600 = 2 % → burn 0.2, 20 % spent.
    const a = steadyBuckets(T, T + HOUR, 100).map((bucket, i) => (i % 20 === 0 ? { ...bucket, good: 90 } : bucket));
    const b = steadyBuckets(T, T + HOUR, 10).map((bucket, i) => (i % 5 === 0 ? { ...bucket, good: 9 } : bucket));
    const definition = sloDefinition({
      window: HOUR_WINDOW, composite: true,
      objectives: [objective({ name: 'a', seriesKey: 'a', target: 0.99 }), objective({ name: 'b', seriesKey: 'b', target: 0.9, compositeWeight: 0.5 })],
    });
    const o = evaluate([definition], { a, b }, T + HOUR);
    expect(o.a!.budget.remaining).toBeCloseTo(0.5, 12);
    expect(o.b!.budget.remaining).toBeCloseTo(0.8, 12);
    // Composite: spent 1 × 0.5 + 0.5 × 0.2 = 0.6; burn 0.5 + 0.5 × 0.2 = 0.6; target (0.99 + 0.45) / 1.5 = 0.96;
    // SLI 1 − 0.04 × 0.6 = 0.976; budget as time 4 % of 1 h = 144 s, 40 % of it left.
    const c = o['*']!;
    expect(c.target).toBeCloseTo(0.96, 12);
    expect(c.budget).toMatchObject({ unit: 'fraction', total: 1 });
    expect(c.budget.remaining).toBeCloseTo(0.4, 12);
    expect(c.burnRates[0]!.burnRate).toBeCloseTo(0.6, 12);
    expect(c.sli).toBeCloseTo(0.976, 12);
    expect(c.budget.remainingMs).toBeCloseTo(57_600, 3);
    expect(c.events).toEqual({ good: 35_820 + 3_528, total: 39_600 });
  });

  it('Timeslices: a slice bad for several objectives costs once, at the largest weight', () => {
    // Targets 90 %, slice target 95 %, 1-minute slices. a (weight 1) is bad in minutes 1 and 2,
    // b (weight 2) in minutes 2 and 3 (ratio 0.9 < 0.95). Cost of a bad slice: weight / 0.1 = 10 or 20.
    // Minute 1: 10, minute 2: max(10, 20) = 20, minute 3: 20 → 50 over 60 slices → 5/6 spent, burn 50/60.
    const badIn = (minutes: number[]) => Array.from({ length: 60 }, (_, m) => minute(T + m * MINUTE, 10, minutes.includes(m) ? 1 : 0)).flat();
    const definition = sloDefinition({
      window: HOUR_WINDOW, composite: true, method: 'Timeslices',
      objectives: [
        objective({ name: 'a', seriesKey: 'a', target: 0.9, timeSliceTarget: 0.95, timeSliceWindowMs: MINUTE }),
        objective({ name: 'b', seriesKey: 'b', target: 0.9, timeSliceTarget: 0.95, timeSliceWindowMs: MINUTE, compositeWeight: 2 }),
      ],
    });
    const o = evaluate([definition], { a: badIn([1, 2]), b: badIn([2, 3]) }, T + HOUR);
    // Each objective: 2 bad of a 6-slice budget → 2/3 left.
    expect(o.a!.budget.remaining).toBeCloseTo(2 / 3, 12);
    expect(o.b!.budget.remaining).toBeCloseTo(2 / 3, 12);
    const c = o['*']!;
    expect(c.target).toBeCloseTo(0.9, 12); // (0.9 + 2 × 0.9) / 3
    expect(c.budget.remaining).toBeCloseTo(1 / 6, 12);
    expect(c.burnRates[0]!.burnRate).toBeCloseTo(50 / 60, 12);
    expect(c.sli).toBeCloseTo(1 - 0.1 * (50 / 60), 12);
  });

  it('RatioTimeslices: two objectives at 95 % that each sit at 95 % make a composite at 90 %', () => {
    // Every bucket has 1 bad of 20: every slice ratio is 0.95 (reference/slo.md §1.3).
    const both = steadyBuckets(T, T + HOUR, 20, 1);
    const definition = sloDefinition({
      window: HOUR_WINDOW, composite: true, method: 'RatioTimeslices',
      objectives: [objective({ name: 'a', seriesKey: 'a', target: 0.95, timeSliceWindowMs: MINUTE }), objective({ name: 'b', seriesKey: 'b', target: 0.95, timeSliceWindowMs: MINUTE })],
    });
    const o = evaluate([definition], { a: both, b: both }, T + HOUR);
    expect(o.a!.sli).toBeCloseTo(0.95, 12);
    expect(o['*']!.sli).toBeCloseTo(0.9, 12);
    expect(o['*']!.burnRates[0]!.burnRate).toBeCloseTo(2, 12);
    expect(o['*']!.budget.remaining).toBeCloseTo(-1, 9);
  });
});
