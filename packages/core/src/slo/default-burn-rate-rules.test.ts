import { describe, expect, it } from 'vitest';
import { defaultBurnRateRules } from './default-burn-rate-rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('defaultBurnRateRules', () => {
  it('gives the Workbook tiers for a 30-day window', () => {
    // reference/slo.md §4.3: page 14.4× 1 h/5 m, page 6× 6 h/30 m, ticket 3× 1 d/2 h, ticket 1× 3 d/6 h.
    expect(defaultBurnRateRules(30 * DAY)).toEqual([
      { kind: 'multiwindow-burn-rate', name: 'burn-rate-14.4x', severity: 'page', factor: 14.4, longWindowMs: HOUR, shortWindowMs: 5 * MINUTE },
      { kind: 'multiwindow-burn-rate', name: 'burn-rate-6x', severity: 'page', factor: 6, longWindowMs: 6 * HOUR, shortWindowMs: 30 * MINUTE },
      { kind: 'multiwindow-burn-rate', name: 'burn-rate-3x', severity: 'ticket', factor: 3, longWindowMs: DAY, shortWindowMs: 2 * HOUR },
      { kind: 'multiwindow-burn-rate', name: 'burn-rate-1x', severity: 'ticket', factor: 1, longWindowMs: 3 * DAY, shortWindowMs: 6 * HOUR },
      { kind: 'no-data', name: 'no-data', severity: 'ticket', afterMs: 10 * MINUTE },
      { kind: 'budget-exhausted', name: 'budget-exhausted', severity: 'ticket' },
    ]);
  });

  it('scales windows by window / 30 d and keeps the budget share of each tier', () => {
    // 7 d = 7/30 of the Workbook window: 1 h → 14 min, 6 h → 84 min, 1 d → 5.6 h, 3 d → 16.8 h; short = long / 12.
    const rules = defaultBurnRateRules(7 * DAY).filter((rule) => rule.kind === 'multiwindow-burn-rate');
    expect(rules.map((rule) => [rule.longWindowMs, rule.shortWindowMs])).toEqual([
      [14 * MINUTE, 70_000], [84 * MINUTE, 7 * MINUTE], [336 * MINUTE, 28 * MINUTE], [1008 * MINUTE, 84 * MINUTE],
    ]);
    // Budget share at firing = factor × long / window: 2 %, 5 %, 10 %, 10 % (Workbook table 5-8).
    expect(rules.map((rule) => Math.round((rule.factor * rule.longWindowMs) / (7 * DAY) * 1000) / 1000)).toEqual([0.02, 0.05, 0.1, 0.1]);
  });

  it('rounds to whole 10-second buckets, at least one', () => {
    // 28 d: 1 h × 28/30 = 56 min and 56 min / 12 = 280 s, both whole buckets.
    const fast = defaultBurnRateRules(28 * DAY)[0];
    expect(fast).toMatchObject({ longWindowMs: 56 * MINUTE, shortWindowMs: 280_000 });
    // 1 h: 1 h / 720 = 5 s → one bucket; 10 s / 12 → one bucket.
    expect(defaultBurnRateRules(HOUR)[0]).toMatchObject({ longWindowMs: 10_000, shortWindowMs: 10_000 });
    // 29 d: 1 h × 29/30 = 3 480 000 ms exactly; / 12 = 290 000 ms.
    expect(defaultBurnRateRules(29 * DAY)[0]).toMatchObject({ longWindowMs: 3_480_000, shortWindowMs: 290_000 });
  });
});
