import { formatDurationLabel, isoInstant, type ObjectiveStatusBody, type SloStatusBody } from '@xops/contracts';
import type { AlertRuleDefinition, ObjectiveStatus, SloDefinition, SloStatus } from '@xops/core';
import { finiteOrNull, toAlertStateBody } from './alert-bodies';

const seconds = (ms: number): number => ms / 1000;

/** The burn rates of an objective as the API shows them: window label, seconds, rate (null without data). */
export function burnRateBodies(status: ObjectiveStatus): ObjectiveStatusBody['burnRates'] {
  return status.burnRates.map(({ windowMs, burnRate }) => ({
    window: formatDurationLabel(windowMs), windowSeconds: seconds(windowMs), burnRate: finiteOrNull(burnRate),
  }));
}

/** One objective's status in the API's form: instants as ISO 8601, durations in seconds. */
export function toObjectiveStatusBody(status: ObjectiveStatus): ObjectiveStatusBody {
  const { budget } = status;
  return {
    objective: status.objective,
    target: status.target,
    weight: status.weight,
    sli: finiteOrNull(status.sli),
    window: { from: isoInstant(status.window.from), to: isoInstant(status.window.to) },
    events: { good: status.events.good, total: status.events.total },
    errorBudget: {
      unit: budget.unit,
      total: budget.total,
      consumed: budget.consumed,
      remaining: budget.remaining,
      totalSeconds: seconds(budget.totalMs),
      remainingSeconds: seconds(budget.remainingMs),
    },
    burnRates: burnRateBodies(status),
    timeToExhaustionSeconds: status.timeToExhaustionMs === null ? null : finiteOrNull(seconds(status.timeToExhaustionMs)),
    alerts: status.alerts.map(toAlertStateBody),
  };
}

function summariseRule(rule: AlertRuleDefinition): SloStatusBody['alertRules'][number] {
  const base = { name: rule.name, kind: rule.kind, severity: rule.severity };
  switch (rule.kind) {
    case 'multiwindow-burn-rate':
      return { ...base, windows: [rule.longWindowMs, rule.shortWindowMs].map(formatDurationLabel), burnRate: rule.factor };
    case 'burn-rate':
      return { ...base, windows: [formatDurationLabel(rule.lookbackWindowMs)], burnRate: rule.threshold };
    case 'no-data':
      return { ...base, windows: [formatDurationLabel(rule.afterMs)], burnRate: null };
    case 'budget-exhausted':
      return { ...base, windows: [], burnRate: null };
  }
}

/** An SLO's latest status with what it was evaluated against, as `GET /api/v1/slos/{name}/status` answers. */
export function toSloStatusBody(status: SloStatus, definition: SloDefinition): SloStatusBody {
  const { window } = definition;
  return {
    slo: status.slo,
    service: status.service,
    evaluatedAt: isoInstant(status.at),
    budgetingMethod: status.method,
    composite: status.composite,
    window: window.kind === 'rolling'
      ? { kind: 'rolling', duration: formatDurationLabel(window.durationMs), durationSeconds: seconds(window.durationMs) }
      : { kind: 'calendar', unit: window.unit, count: window.count, startTime: window.startTime, timeZone: window.timeZone },
    alertRules: definition.alertRules.map(summariseRule),
    minEventsForBurnRateAlerts: definition.minEventsForBurnRateAlerts,
    objectives: status.objectives.map(toObjectiveStatusBody),
  };
}
