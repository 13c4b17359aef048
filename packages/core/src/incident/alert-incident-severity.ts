import type { LabelSet } from '../routing/label-matcher';
import type { IncidentSeverity } from './incident';

// PagerDuty's alert severities and the SRE Workbook tiers xops' own rules use, by SEV rank.
const SEVERITY_RANK: Readonly<Record<string, number>> = {
  sev1: 1, sev2: 2, sev3: 3, sev4: 4, critical: 2, page: 2, error: 3, high: 3, warning: 4, ticket: 4, info: 4, low: 4, none: 4,
};
const SEVERITIES: readonly IncidentSeverity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/**
 * The incident severity of a group of alerts: the worst of their `severity` labels
 * (case-insensitive), read as `sev1`…`sev4` when they say so, else `critical`/`page` → SEV2,
 * `error`/`high` → SEV3, `warning`/`ticket`/`info`/`low`/`none` → SEV4, anything else or none →
 * SEV3. SEV1 (a major outage, worth a public notice) is a responder's call unless an alert says
 * so itself. SEV4 when there are no alerts.
 *
 * @example incidentSeverityOfAlerts([{ severity: 'critical' }, { severity: 'warning' }]) // → 'SEV2'
 */
export function incidentSeverityOfAlerts(labels: readonly LabelSet[]): IncidentSeverity {
  let worst = 4;
  for (const one of labels) {
    const severity = Object.hasOwn(one, 'severity') ? one.severity ?? '' : '';
    worst = Math.min(worst, SEVERITY_RANK[severity.toLowerCase()] ?? 3);
  }
  return SEVERITIES[worst - 1] ?? 'SEV4';
}
