import type { SloStatusBody } from '@xops/contracts';
import { formatTable } from './format-table';
import { formatBurnRate, formatPercent } from './percent';

/** `xops describe slo`: the windows, each objective's budget and burn rates, and alert states. */
export function formatSloStatusDetails(status: SloStatusBody): string {
  const window = status.window.kind === 'rolling'
    ? `${status.window.duration} rolling`
    : `${status.window.count} ${status.window.unit}(s) from ${status.window.startTime} ${status.window.timeZone}`;
  const lines = [
    `Evaluated:   ${status.evaluatedAt}`,
    `Window:      ${window}, budgeting method ${status.budgetingMethod}`,
    `Low-traffic guard: burn-rate alerts need ${status.minEventsForBurnRateAlerts} events in their long window`,
    'Alert rules:',
    indent(formatTable(['RULE', 'SEVERITY', 'WINDOWS', 'BURN RATE'], status.alertRules.map((rule) =>
      [rule.name, rule.severity, rule.windows.join(' & ') || '-', rule.burnRate === null ? '-' : formatBurnRate(rule.burnRate)]))),
  ];
  for (const objective of status.objectives) {
    const budget = objective.errorBudget;
    lines.push(
      `Objective ${objective.objective}: target ${formatPercent(objective.target)}, SLI ${formatPercent(objective.sli)} over ${objective.window.from} … ${objective.window.to}`,
      `  Error budget: ${formatPercent(budget.remaining, 1)} left (${round(budget.consumed)} of ${round(budget.total)} ${budget.unit} spent; ${hours(budget.remainingSeconds)} of ${hours(budget.totalSeconds)} left)`,
      `  Time to exhaustion at the last hour's burn rate: ${objective.timeToExhaustionSeconds === null ? 'never' : hours(objective.timeToExhaustionSeconds)}`,
      `  Burn rates: ${objective.burnRates.map((rate) => `${rate.window} ${formatBurnRate(rate.burnRate)}`).join(', ')}`,
      '  Alerts:',
      indent(indent(formatTable(['RULE', 'STATUS', 'SEVERITY', 'SINCE', 'VALUE'], objective.alerts.map((alert) =>
        [alert.rule, alert.status, alert.severity, alert.firedAt ?? alert.activeSince ?? alert.resolvedAt ?? '-', alert.value === null ? '-' : formatBurnRate(alert.value)])))),
    );
  }
  return `${lines.join('\n')}\n`;
}

const round = (value: number) => String(Number(value.toFixed(2)));

function hours(seconds: number): string {
  if (seconds < 0) return `-${hours(-seconds)}`;
  if (seconds < 3600) return `${round(seconds / 60)} min`;
  return `${round(seconds / 3600)} h`;
}

function indent(text: string): string {
  return text.replace(/\n$/, '').split('\n').map((line) => `  ${line}`).join('\n');
}
