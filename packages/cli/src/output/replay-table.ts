import type { ReplayResultBody } from '@xops/contracts';
import { formatTable } from './format-table';
import { formatBurnRate, formatPercent } from './percent';

/**
 * `xops replay` as text: per objective, the SLI, budget left and burn rates at each point, then
 * every alert transition with its timestamp — "what would this policy have done?".
 */
export function formatReplay(result: ReplayResultBody): string {
  const parts = [`Replay of SLO ${result.slo} (${result.source}) from ${result.from} to ${result.to}, a point every ${result.stepSeconds} s\n`];
  for (const objective of result.objectives) {
    const headers = ['AT', 'SLI', 'BUDGET LEFT', ...objective.burnRates.map((rate) => `BURN ${rate.window}`)];
    const rows = result.at.map((at, i) => [
      at,
      formatPercent(objective.sli[i] ?? null),
      formatPercent(objective.errorBudgetRemaining[i] ?? null, 1),
      ...objective.burnRates.map((rate) => formatBurnRate(rate.values[i] ?? null)),
    ]);
    parts.push(`\nObjective ${objective.objective} (target ${formatPercent(objective.target)}):\n`, formatTable(headers, rows));
  }
  parts.push('\nAlert transitions:\n');
  parts.push(result.transitions.length === 0
    ? '  none: no alert would have changed state in this period\n'
    : formatTable(['AT', 'OBJECTIVE', 'RULE', 'SEVERITY', 'CHANGE', 'VALUE'], result.transitions.map((t) =>
      [t.at, t.objective, t.rule, t.severity, `${t.from} -> ${t.to}`, t.value === null ? '-' : formatBurnRate(t.value)])));
  return parts.join('');
}
