import { windowBounds, type AlertRuleDefinition, type SloDefinition } from '@xops/core';

// The coarsest bucket the store keeps (1 min, see `compactBuckets`): a load starts on its boundary.
const COARSE_BUCKET_MS = 60_000;

/** How far back an alert rule looks, in ms. */
export function alertRuleWindowMs(rule: AlertRuleDefinition): number {
  switch (rule.kind) {
    case 'multiwindow-burn-rate': return Math.max(rule.longWindowMs, rule.shortWindowMs);
    case 'burn-rate': return rule.lookbackWindowMs;
    case 'no-data': return rule.afterMs;
    case 'budget-exhausted': return 0;
  }
}

/** The earliest time an SLO needs data from at `now`: its window's start or its longest alert window, whichever is earlier. */
export function sloDataStart(definition: SloDefinition, now: number): number {
  const windowStart = definition.window.kind === 'rolling'
    ? now - definition.window.durationMs
    : windowBounds(definition.window, now).from;
  const alertStart = now - Math.max(0, ...definition.alertRules.map(alertRuleWindowMs));
  // A time slice that straddles the window's start still counts whole.
  const slice = Math.max(0, ...definition.objectives.map((objective) => objective.timeSliceWindowMs ?? 0));
  return Math.floor((Math.min(windowStart, alertStart) - slice) / COARSE_BUCKET_MS) * COARSE_BUCKET_MS;
}

/**
 * Every series the SLOs read, with the earliest bucket start each must be loaded from at `now`
 * (the earliest over the SLOs that share the series).
 *
 * @example seriesNeeds([checkout], now) // → Map { 'checkout-availability' => now − 30 d }
 */
export function seriesNeeds(definitions: readonly SloDefinition[], now: number): Map<string, number> {
  const needs = new Map<string, number>();
  for (const definition of definitions) {
    const from = sloDataStart(definition, now);
    for (const { seriesKey } of definition.objectives) needs.set(seriesKey, Math.min(from, needs.get(seriesKey) ?? from));
  }
  return needs;
}
