import { FINE_BUCKET_MS, type SeriesBucket } from '../bucket';
import type { ObjectiveDefinition, SloDefinition } from '../slo-definition';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An SLO for tests: one objective on series `sli`, 99.9 % over 30 days rolling, no rules unless given. */
export function sloDefinition(overrides: Partial<SloDefinition> = {}): SloDefinition {
  return {
    name: 'checkout',
    service: 'shop',
    window: { kind: 'rolling', durationMs: 30 * DAY },
    method: 'Occurrences',
    objectives: [objective()],
    composite: false,
    alertRules: [],
    minEventsForBurnRateAlerts: 0,
    ...overrides,
  };
}

export function objective(overrides: Partial<ObjectiveDefinition> = {}): ObjectiveDefinition {
  return { name: 'availability', target: 0.999, seriesKey: 'sli', compositeWeight: 1, ...overrides };
}

/** 10-second buckets over `[from, to)`, each with `total` events of which `bad` failed. */
export function steadyBuckets(from: number, to: number, total: number, bad = 0): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  for (let start = from; start < to; start += FINE_BUCKET_MS) buckets.push({ start, good: total - bad, total, resolutionMs: FINE_BUCKET_MS });
  return buckets;
}
