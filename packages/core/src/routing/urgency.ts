import type { LabelSet } from './label-matcher';

/** PagerDuty's urgency: `high` wakes the on-call person, `low` waits for working hours. */
export type Urgency = 'high' | 'low';

// Severity-based urgency as PagerDuty's (critical and error are high, warning and info low),
// plus the SRE Workbook's tiers that xops' own burn-rate rules use: `page` and `ticket`.
const LOW_SEVERITIES = new Set(['ticket', 'warning', 'info', 'low', 'none']);

/**
 * The urgency of an alert from its `severity` label (case-insensitive): `ticket`, `warning`,
 * `info`, `low` and `none` are low, so a ticket-tier alert never wakes anyone; everything else,
 * `page`, `critical`, `error` and a missing or unknown severity included, is high, so an alert
 * from a source that does not say is not dropped in silence.
 *
 * @example urgencyOf({ alertname: 'BudgetBurn', severity: 'ticket' }) // → 'low'
 */
export function urgencyOf(labels: LabelSet): Urgency {
  const severity = Object.hasOwn(labels, 'severity') ? labels.severity ?? '' : '';
  return LOW_SEVERITIES.has(severity.toLowerCase()) ? 'low' : 'high';
}
