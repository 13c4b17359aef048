import type { SeriesBucket } from './bucket';
import { budgetAllowance } from './error-budget';
import { sliceOriginMs } from './series-plan';
import type { ObjectiveDefinition, SloDefinition } from './slo-definition';
import { windowBounds, type WindowBounds } from './window-bounds';

/** How much of one objective's error budget an incident used. */
export interface BudgetImpact {
  readonly unit: 'events' | 'slices';
  /** Bad events (Occurrences), bad slices (Timeslices) or Σ (1 − slice ratio) (RatioTimeslices) during the incident. */
  readonly bad: number;
  /** Events, or slices with data, during the incident. */
  readonly total: number;
  /** The budget of the SLO's window at the incident's end, in the same unit (`budgetAllowance`). */
  readonly budget: number;
  /** `bad / budget`: 0.3 is 30 % of the budget; null when the budget is 0 (a window without events). */
  readonly share: number | null;
  /** The SLO's window at the incident's end; its elapsed part `[from, incident end)` makes the budget. */
  readonly window: WindowBounds;
}

export interface BudgetImpactInput {
  readonly definition: SloDefinition;
  readonly objective: ObjectiveDefinition;
  /** The objective's buckets, covering the elapsed SLO window and the incident, in any order. */
  readonly buckets: readonly SeriesBucket[];
  /** The incident, `[opened, resolved)`, epoch ms. */
  readonly incident: { readonly from: number; readonly to: number };
}

/**
 * The error budget an incident consumed (issue 5, ADR 0013): what went bad during the incident
 * over what the SLO's window allows to go bad, with the budget as the engine counts it
 * (`budgetAllowance`, OpenSLO's budgeting methods, reference/slo.md §1.3):
 *
 * - Occurrences: bad events in buckets overlapping the incident, over `(1 − target) × events` in
 *   the SLO's window up to the incident's end.
 * - Timeslices: bad slices (good/total below the slice target) overlapping the incident, over
 *   `(1 − target) × slices in the whole window`; RatioTimeslices counts `1 − ratio` per slice.
 *   Slices lie on the engine's grid (`sliceOriginMs`); a slice without events is neither good nor bad.
 *
 * @example budgetImpact({ definition, objective, buckets, incident: { from: t0, to: t0 + 1_800_000 } })
 *   // 300 bad events during the incident, 100 000 events in the 30-day window at 99.9 % → budget 100, share 3
 */
export function budgetImpact(input: BudgetImpactInput): BudgetImpact {
  const { definition, objective, buckets, incident } = input;
  const window = windowBounds(definition.window, incident.to);
  const overlaps = (start: number, end: number) => start < incident.to && end > incident.from;
  const sliceMs = objective.timeSliceWindowMs;
  if (definition.method === 'Occurrences' || sliceMs === undefined || sliceMs <= 0) {
    let windowEvents = 0;
    let bad = 0;
    let total = 0;
    for (const bucket of buckets) {
      if (bucket.start >= window.from && bucket.start < incident.to) windowEvents += bucket.total;
      if (overlaps(bucket.start, bucket.start + bucket.resolutionMs)) {
        bad += bucket.total - bucket.good;
        total += bucket.total;
      }
    }
    return impact('events', bad, total, budgetAllowance('events', objective.target, windowEvents, 0), window);
  }
  const origin = sliceOriginMs(definition, sliceMs);
  const slices = new Map<number, { good: number; total: number }>();
  for (const bucket of buckets) {
    const slice = origin + Math.floor((bucket.start - origin) / sliceMs) * sliceMs;
    if (!overlaps(slice, slice + sliceMs)) continue;
    const sums = slices.get(slice) ?? { good: 0, total: 0 };
    slices.set(slice, { good: sums.good + bucket.good, total: sums.total + bucket.total });
  }
  let bad = 0;
  let total = 0;
  for (const sums of slices.values()) {
    if (sums.total <= 0) continue;
    const ratio = sums.good / sums.total;
    total += 1;
    bad += definition.method === 'RatioTimeslices' ? 1 - ratio : ratio >= (objective.timeSliceTarget ?? 1) ? 0 : 1;
  }
  const slicesInWindow = (window.to - window.from) / sliceMs;
  return impact('slices', bad, total, budgetAllowance('slices', objective.target, 0, slicesInWindow), window);
}

function impact(unit: BudgetImpact['unit'], bad: number, total: number, budget: number, window: WindowBounds): BudgetImpact {
  return { unit, bad, total, budget, share: budget > 0 ? bad / budget : null, window };
}
