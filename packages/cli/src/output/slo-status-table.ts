import type { SloStatusBody, StoredObject } from '@xops/contracts';
import { formatTable } from './format-table';
import { formatBurnRate, formatPercent } from './percent';

/**
 * `xops get slo`: one row per objective with where it stands — target, SLI, budget left, the
 * fastest burn rate over its alert windows, and its firing alerts. SLOs the engine has not
 * evaluated yet show `-`.
 */
export function formatSloStatusTable(slos: readonly StoredObject[], statuses: ReadonlyMap<string, SloStatusBody>): string {
  const rows: string[][] = [];
  for (const stored of slos) {
    const status = statuses.get(stored.name);
    if (status === undefined) {
      rows.push([stored.name, '-', '-', '-', '-', '-', '-', String(stored.revision)]);
      continue;
    }
    for (const objective of status.objectives) {
      const fastest = objective.burnRates.reduce<{ window: string; burnRate: number } | undefined>((best, rate) =>
        rate.burnRate !== null && (best === undefined || rate.burnRate > best.burnRate) ? { window: rate.window, burnRate: rate.burnRate } : best, undefined);
      const firing = objective.alerts.filter((alert) => alert.status === 'firing').map((alert) => alert.rule);
      rows.push([
        stored.name,
        objective.objective,
        formatPercent(objective.target),
        formatPercent(objective.sli),
        formatPercent(objective.errorBudget.remaining, 1),
        fastest === undefined ? '-' : `${formatBurnRate(fastest.burnRate)} (${fastest.window})`,
        firing.length === 0 ? '-' : firing.join(','),
        String(stored.revision),
      ]);
    }
  }
  return formatTable(['NAME', 'OBJECTIVE', 'TARGET', 'SLI', 'BUDGET LEFT', 'FASTEST BURN', 'FIRING', 'REVISION'], rows);
}
