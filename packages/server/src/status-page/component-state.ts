import type { ComponentState, PublicIncidentStatus } from '@xops/contracts';
import { urgencyOf, type IncidentLifecycle, type IncidentSeverity, type SloDefinition, type SloStatus } from '@xops/core';

const RANK: Readonly<Record<ComponentState, number>> = { 'operational': 0, 'degraded': 1, 'partial-outage': 2, 'major-outage': 3 };

/** The worst of `states`; `operational` when there are none. */
export function worstState(states: Iterable<ComponentState>): ComponentState {
  let worst: ComponentState = 'operational';
  for (const state of states) if (RANK[state] > RANK[worst]) worst = state;
  return worst;
}

/**
 * What an incident of `severity` does to the components it is linked to, as PagerDuty's
 * incident-response docs define the levels (docs/before/severity_levels.md): SEV1 (critical,
 * warrants public notification) is a major outage, SEV2 (many customers cannot use the product) a
 * partial outage, SEV3 (minor customer impact) degraded, SEV4 (no effect on customers) nothing.
 */
export function severityImpact(severity: IncidentSeverity): ComponentState {
  return SEVERITY_IMPACT[severity];
}

const SEVERITY_IMPACT: Readonly<Record<IncidentSeverity, ComponentState>> = {
  SEV1: 'major-outage', SEV2: 'partial-outage', SEV3: 'degraded', SEV4: 'operational',
};

/**
 * What an incident does to its components now: its severity's impact while it is triggered or
 * acknowledged; once mitigated at most `degraded` (the fix is in, responders watch); resolved, nothing.
 *
 * @example incidentImpact({ state: 'mitigated', severity: 'SEV1' }) // → 'degraded'
 */
export function incidentImpact(incident: Pick<IncidentLifecycle, 'state' | 'severity'>): ComponentState {
  const impact = severityImpact(incident.severity);
  if (incident.state === 'resolved') return 'operational';
  if (incident.state === 'mitigated' && impact !== 'operational') return 'degraded';
  return impact;
}

/**
 * What an SLO says of its service: `degraded` when one of its objectives has spent its error
 * budget (remaining ≤ 0, with data), or when one of its burn-rate alerts of a paging tier fires
 * (the urgency of its severity is high, as routing judges it: `page`, `critical`, …); otherwise
 * `operational`. Ticket-tier and no-data alerts change nothing. An SLO never makes an outage by
 * itself: a burn rate measures errors against the objective, not how many users cannot work, so
 * outages are a responder's call through the incident's severity.
 *
 * @example sloImpact(statusWithFiringPageAlert, definition) // → 'degraded'
 */
export function sloImpact(status: SloStatus, definition: SloDefinition): ComponentState {
  const pagingBurnRules = new Set(definition.alertRules
    .filter((rule) => (rule.kind === 'multiwindow-burn-rate' || rule.kind === 'burn-rate') && urgencyOf({ severity: rule.severity }) === 'high')
    .map((rule) => rule.name));
  const hurt = status.objectives.some((objective) => (objective.sli !== null && objective.budget.remaining <= 0)
    || objective.alerts.some((alert) => alert.status === 'firing' && pagingBurnRules.has(alert.rule)));
  return hurt ? 'degraded' : 'operational';
}

/**
 * An incident's public status at `at`, from its lifecycle times (states only move forward):
 * resolved by then is `resolved`, mitigated `monitoring`, anything earlier `investigating`.
 */
export function publicStatusAt(incident: Pick<IncidentLifecycle, 'mitigatedAt' | 'resolvedAt'>, at: number): PublicIncidentStatus {
  if (incident.resolvedAt !== null && incident.resolvedAt <= at) return 'resolved';
  if (incident.mitigatedAt !== null && incident.mitigatedAt <= at) return 'monitoring';
  return 'investigating';
}
