import { longestWindowMs, type SloDefinition } from '@xops/core';

const HOUR_MS = 3_600_000;

/**
 * How far back an SLO reads its series, in ms: its longest window (a calendar period at its
 * longest) or its longest burn-rate window, at least the hour the time to exhaustion is
 * measured over, plus an hour so that the engine's oldest coarse cell is whole.
 */
export function sloLookbackMs(definition: SloDefinition): number {
  let longest = Math.max(longestWindowMs(definition.window), HOUR_MS);
  for (const rule of definition.alertRules) {
    if (rule.kind === 'multiwindow-burn-rate') longest = Math.max(longest, rule.longWindowMs, rule.shortWindowMs);
    if (rule.kind === 'burn-rate') longest = Math.max(longest, rule.lookbackWindowMs);
  }
  return longest + HOUR_MS;
}

/**
 * Every series the SLOs read, with the time its buckets must be loaded from at `now` (the
 * earliest over the SLOs that share it).
 *
 * @example seriesLoadStarts([checkout30d], now) // → Map { 'checkout-requests' => now − 30 d − 1 h }
 */
export function seriesLoadStarts(definitions: readonly SloDefinition[], now: number): Map<string, number> {
  const starts = new Map<string, number>();
  for (const definition of definitions) {
    const from = now - sloLookbackMs(definition);
    for (const { seriesKey } of definition.objectives) starts.set(seriesKey, Math.min(from, starts.get(seriesKey) ?? from));
  }
  return starts;
}
