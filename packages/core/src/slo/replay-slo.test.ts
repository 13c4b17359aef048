import { describe, expect, it } from 'vitest';
import type { AlertTransition } from './alert-state';
import type { SeriesBucket } from './bucket';
import { defaultBurnRateRules } from './default-burn-rate-rules';
import { replaySlo, type SloReplay } from './replay-slo';
import { DAY, HOUR, MINUTE, SECOND, sloDefinition, steadyBuckets } from './testing/slo-fixtures';

// SRE Workbook "Alerting on SLOs" timings (reference/slo.md §4.4) for 99.9 % over 30 days with the
// default tiers. Traffic is 100 events/s, 1 000 per 10-second bucket, so that a 0.5 % error ratio is
// a whole 5 bad events in every bucket. Every expected time below follows from
// t_detect = (1 − SLO) / error_ratio × long_window × factor and the 10-second granularity:
//
// * Tolerance. Buckets reach the engine when simulated time passes their end, and the engine
//   evaluates every 10 s, so an alert fires no earlier than the Workbook's instant and at most one
//   bucket + one interval (20 s) after it. The budget spent at firing is the Workbook's share plus
//   at most those 20 s of errors.
const T0 = Date.UTC(2026, 3, 1, 12); // a whole hour, so that the outage starts on a bucket boundary
const SLO = sloDefinition({ alertRules: defaultBurnRateRules(30 * DAY), minEventsForBurnRateAlerts: 100 });
const HISTORY = steadyBuckets(T0 - 30 * DAY, T0, 1000);
const BUDGET_EVENTS = 0.001 * 30 * 8640 * 1000; // 259 200 bad events may be spent in 30 days

function replay(after: readonly SeriesBucket[], to: number, pointEveryMs?: number): SloReplay {
  const result = replaySlo(SLO, { sli: [...HISTORY, ...after] }, { from: T0 - MINUTE, to, stepMs: 10 * SECOND, ...(pointEveryMs === undefined ? {} : { pointEveryMs }) });
  if (!result.ok) throw new Error(result.error.problems.join('; '));
  return result.value;
}

const firstAt = (transitions: readonly AlertTransition[], rule: string, to: AlertTransition['to']): number | undefined =>
  transitions.find((t) => t.rule === rule && t.to === to)?.at;

describe('replaySlo against the Workbook table (99.9 %, 30 d, 100 events/s)', () => {
  it('pages 52 s into a full outage with 2 % of the budget spent, and clears 5 min after it ends', () => {
    const outageEnd = T0 + 10 * MINUTE;
    const { transitions, points } = replay([...steadyBuckets(T0, outageEnd, 1000, 1000), ...steadyBuckets(outageEnd, T0 + 30 * MINUTE, 1000)], T0 + 30 * MINUTE);
    // 14.4 × 0.1 % = 1.44 % of the 360 000 events of the last hour = 5 184 bad: the 6th bad bucket
    // (6 000) crosses it. Workbook: 0.001 / 1 × 3 600 s × 14.4 = 51.84 s.
    const fired = firstAt(transitions, 'burn-rate-14.4x', 'firing');
    expect(fired).toBe(T0 + 60 * SECOND);
    expect(fired).toBeGreaterThanOrEqual(T0 + 51_840);
    expect(fired).toBeLessThanOrEqual(T0 + 51_840 + 20 * SECOND);
    expect(transitions.find((t) => t.to === 'firing')).toMatchObject({ rule: 'burn-rate-14.4x', severity: 'page', objective: 'availability' });
    // Spent at firing: 6 000 / 259 200 = 2.31 %; allowed 2 % … 2 % + 20 s × 100/s / 259 200 = 2.77 %.
    const atFiring = points.find((point) => point.at === fired)!.objectives[0]!;
    const spent = 1 - atFiring.budget.remaining;
    expect(spent).toBeCloseTo(6000 / BUDGET_EVENTS, 9);
    expect(spent).toBeGreaterThanOrEqual(0.02);
    expect(spent).toBeLessThanOrEqual(0.02 + 2000 / BUDGET_EVENTS);
    // 6× over 6 h: 0.6 % of 2 160 000 = 12 960 bad → 13 buckets, 130 s (Workbook 2.16 min = 129.6 s).
    expect(firstAt(transitions, 'burn-rate-6x', 'firing')).toBe(T0 + 130 * SECOND);
    // The page needs the 5-minute window to burn too: one bad bucket there is 3.3 % ≥ 1.44 %, so it
    // clears when the last bad bucket (outageEnd − 10 s) leaves it: at outageEnd + 300 s. Workbook:
    // 5 min × (1 − 14.4 × 0.001 / 1) = 4.93 min; bound 5 min + one bucket + one interval.
    const resolved = firstAt(transitions, 'burn-rate-14.4x', 'resolved');
    expect(resolved).toBe(outageEnd + 5 * MINUTE);
    expect(resolved).toBeGreaterThanOrEqual(outageEnd + 4.928 * MINUTE);
    expect(resolved).toBeLessThanOrEqual(outageEnd + 5 * MINUTE + 20 * SECOND);
  });

  it('pages after 43.2 min of a 2 % error ratio', () => {
    const { transitions } = replay(steadyBuckets(T0, T0 + 2 * HOUR, 1000, 20), T0 + 110 * MINUTE, HOUR);
    // 20 bad per bucket: 5 184 / 20 = 259.2 → the 260th bucket, at 2 600 s. Workbook: 0.001 / 0.02 × 60 min × 14.4 = 43.2 min.
    const fired = firstAt(transitions, 'burn-rate-14.4x', 'firing');
    expect(fired).toBe(T0 + 2600 * SECOND);
    expect(fired).toBeGreaterThanOrEqual(T0 + 43.2 * MINUTE);
    expect(fired).toBeLessThanOrEqual(T0 + 43.2 * MINUTE + 20 * SECOND);
    // 6×: 12 960 / 20 = 648 buckets = 6 480 s = 108 min, exactly the Workbook's.
    expect(firstAt(transitions, 'burn-rate-6x', 'firing')).toBe(T0 + 108 * MINUTE);
  });

  it('never pages at 0.5 % and opens both tickets after 14.4 h', () => {
    const { transitions } = replay(steadyBuckets(T0, T0 + 15 * HOUR, 1000, 5), T0 + 15 * HOUR, HOUR);
    // Pages need 1.44 % and 0.6 % errors: 0.5 % never gets there.
    expect(transitions.filter((t) => t.severity === 'page')).toEqual([]);
    // 3× over 1 d: 0.3 % of 8 640 000 = 25 920 bad = 5 184 buckets of 5 → 51 840 s = 14.4 h.
    // 1× over 3 d: 0.1 % of 25 920 000 = 25 920 bad, the same bucket. Both Workbook: 14.4 h.
    for (const rule of ['burn-rate-3x', 'burn-rate-1x']) {
      const fired = firstAt(transitions, rule, 'firing');
      expect(fired).toBe(T0 + 14.4 * HOUR);
      expect(fired).toBeLessThanOrEqual(T0 + 14.4 * HOUR + 20 * SECOND);
    }
    expect(transitions.map((t) => t.rule)).toEqual(['burn-rate-3x', 'burn-rate-1x']);
  });
});

describe('replaySlo', () => {
  it('records a point per pointEveryMs and rejects what it cannot run', () => {
    const result = replaySlo(SLO, { sli: steadyBuckets(T0 - HOUR, T0, 10) }, { from: T0 - 30 * MINUTE, to: T0, stepMs: 10 * SECOND, pointEveryMs: 10 * MINUTE });
    expect(result.ok && result.value.points.map((point) => point.at)).toEqual([T0 - 30 * MINUTE, T0 - 20 * MINUTE, T0 - 10 * MINUTE, T0]);
    expect(replaySlo(SLO, {}, { from: T0, to: T0 - 1, stepMs: 10 })).toMatchObject({ ok: false, error: { code: 'invalid-options' } });
    expect(replaySlo({ ...SLO, objectives: [] }, {}, { from: T0, to: T0, stepMs: 10 })).toEqual({ ok: false, error: { code: 'invalid-definition', problems: ['has no objectives'] } });
  });
});
