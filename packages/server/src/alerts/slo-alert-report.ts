import type { AlertRuleDefinition, AlertTransition, SloDefinition } from '@xops/core';
import type { AlertReport } from '@xops/store';

/** The source name of the SLO engine's alerts in the alerts table and on incident timelines. */
export const SLO_ALERT_SOURCE = 'slo';

// The SRE Workbook's tiers, in the words of PagerDuty's severities (which every router and
// receiver knows): a page is critical (high urgency), a ticket a warning (low urgency).
const SEVERITIES: Readonly<Record<string, string>> = { page: 'critical', ticket: 'warning' };

const ALERT_NAMES: Readonly<Record<AlertRuleDefinition['kind'], string>> = {
  'multiwindow-burn-rate': 'ErrorBudgetBurn',
  'burn-rate': 'ErrorBudgetBurn',
  'no-data': 'SLONoData',
  'budget-exhausted': 'ErrorBudgetExhausted',
};
const WORDS: Readonly<Record<AlertRuleDefinition['kind'], string>> = {
  'multiwindow-burn-rate': 'burning its error budget',
  'burn-rate': 'burning its error budget',
  'no-data': 'has no data',
  'budget-exhausted': 'has exhausted its error budget',
};

/**
 * The alert report of one SLO alert transition (ADR 0013), or undefined for one that neither
 * fires nor resolves (pending, back to inactive). A firing alert has the labels
 * `{alertname, slo, objective, service, severity, rule}`: `alertname` by the rule's kind
 * (`ErrorBudgetBurn`, `SLONoData`, `ErrorBudgetExhausted`), `severity` `page` → `critical` and
 * `ticket` → `warning` (others as written), the rule's own severity kept in the annotation
 * `slo_severity`. Its dedup key is `slo/objective/rule`, so a resolve finds it even when the SLO
 * has been deleted since.
 *
 * @example sloAlertReport(transition, definition)
 *   // → { kind: 'report', source: 'slo', dedupKey: 'checkout/availability/burn-rate-14.4x', labels: { alertname: 'ErrorBudgetBurn', … }, … }
 */
export function sloAlertReport(transition: AlertTransition, definition: SloDefinition | undefined): AlertReport | undefined {
  const dedupKey = `${transition.slo}/${transition.objective}/${transition.rule}`;
  if (transition.to === 'resolved' || (transition.from === 'firing' && transition.to === 'inactive')) {
    return { kind: 'resolve', source: SLO_ALERT_SOURCE, dedupKey, at: transition.at };
  }
  if (transition.to !== 'firing') return undefined;
  const rule = definition?.alertRules.find((candidate) => candidate.name === transition.rule);
  const kind = rule?.kind ?? (transition.rule === 'no-data' ? 'no-data' : transition.rule === 'budget-exhausted' ? 'budget-exhausted' : 'burn-rate');
  const severity = SEVERITIES[transition.severity.toLowerCase()] ?? transition.severity;
  const objective = transition.objective === '*' ? '' : ` (objective ${transition.objective})`;
  const value = transition.value === null || kind === 'no-data' ? '' : `, value ${Number(transition.value.toPrecision(4))}`;
  return {
    kind: 'report',
    source: SLO_ALERT_SOURCE,
    dedupKey,
    labels: {
      alertname: ALERT_NAMES[kind],
      slo: transition.slo,
      objective: transition.objective,
      ...(definition === undefined || definition.service === '' ? {} : { service: definition.service }),
      severity,
      rule: transition.rule,
    },
    annotations: { slo_severity: transition.severity },
    summary: `SLO ${transition.slo}${objective} ${WORDS[kind]} (rule ${transition.rule}${value})`,
    startsAt: transition.at,
    endsAt: null,
  };
}
