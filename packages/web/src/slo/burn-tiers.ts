import type { SloStatusBody } from '@xops/contracts';

/** One chart of burn rates: the windows an alert rule watches and the rate it fires at. */
export interface BurnTier {
  readonly title: string;
  readonly severity: string | null;
  /** The burn rate the rule compares with; null when no rule is drawn. */
  readonly threshold: number | null;
  readonly windows: readonly string[];
}

/**
 * The burn-rate charts of an SLO: one per burn-rate alert rule (its long and short window, or
 * its lookback, against its factor), in the order of the rules; without such rules, one chart of
 * every window the series has.
 *
 * @param available the windows of the series' burn rates, e.g. `['5m', '1h']`
 */
export function burnTiers(rules: SloStatusBody['alertRules'], available: readonly string[]): BurnTier[] {
  const tiers = rules
    .filter((rule) => (rule.kind === 'multiwindow-burn-rate' || rule.kind === 'burn-rate') && rule.windows.length > 0)
    .filter((rule) => rule.windows.every((window) => available.includes(window)))
    .map((rule) => ({ title: rule.name, severity: rule.severity, threshold: rule.burnRate, windows: rule.windows }));
  if (tiers.length > 0 || available.length === 0) return tiers;
  return [{ title: 'Burn rates', severity: null, threshold: null, windows: available }];
}
