import { FINE_BUCKET_MS } from './bucket';
import type { AlertRuleDefinition } from './slo-definition';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The window the Workbook's tiers are given for. */
export const WORKBOOK_WINDOW_MS = 30 * DAY_MS;

/** How long an SLI may stay silent before the default no-data rule opens a ticket. */
export const DEFAULT_NO_DATA_AFTER_MS = 10 * MINUTE_MS;

// SRE Workbook, "Alerting on SLOs", table 5-8 plus the 3× ticket of the chapter's example rule
// (reference/slo.md §4.3): budget share per tier = factor × long window / 30 d = 2 %, 5 %, 10 %, 10 %.
const TIERS = [
  { severity: 'page', factor: 14.4, longWindowMs: HOUR_MS },
  { severity: 'page', factor: 6, longWindowMs: 6 * HOUR_MS },
  { severity: 'ticket', factor: 3, longWindowMs: DAY_MS },
  { severity: 'ticket', factor: 1, longWindowMs: 3 * DAY_MS },
] as const;

/**
 * The alert rules of an SLO that has no alert policy: the Workbook's multiwindow, multi-burn-rate
 * tiers (page 14.4× over 1 h and 5 m, page 6× over 6 h and 30 m, ticket 3× over 1 d and 2 h,
 * ticket 1× over 3 d and 6 h), a no-data ticket after 10 min of silence, and a ticket when the
 * budget is spent.
 *
 * For a window other than 30 days the windows scale by `windowMs / 30 d` and the factors stay,
 * so each tier still fires having burned the same share of the budget (factor × long / window).
 * Short windows are 1/12 of the long ones (Workbook approach 6). Every window is rounded to whole
 * 10-second buckets, at least one. The no-data delay does not scale: it is about the pipeline, not the budget.
 *
 * @example defaultBurnRateRules(28 * 86_400_000)[0]
 *   // → { kind: 'multiwindow-burn-rate', name: 'burn-rate-14.4x', severity: 'page', factor: 14.4,
 *   //     longWindowMs: 3_360_000, shortWindowMs: 280_000 }
 */
export function defaultBurnRateRules(windowMs: number): readonly AlertRuleDefinition[] {
  const scale = windowMs / WORKBOOK_WINDOW_MS;
  const rules: AlertRuleDefinition[] = TIERS.map((tier) => {
    const longWindowMs = wholeBuckets(tier.longWindowMs * scale);
    return {
      kind: 'multiwindow-burn-rate',
      name: `burn-rate-${tier.factor}x`,
      severity: tier.severity,
      factor: tier.factor,
      longWindowMs,
      shortWindowMs: wholeBuckets(longWindowMs / 12),
    };
  });
  rules.push(
    { kind: 'no-data', name: 'no-data', severity: 'ticket', afterMs: DEFAULT_NO_DATA_AFTER_MS },
    { kind: 'budget-exhausted', name: 'budget-exhausted', severity: 'ticket' },
  );
  return rules;
}

function wholeBuckets(ms: number): number {
  return Math.max(1, Math.round(ms / FINE_BUCKET_MS)) * FINE_BUCKET_MS;
}
