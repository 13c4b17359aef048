import type { Result } from '../result';
import type { IncidentLifecycle, IncidentRole, IncidentSeverity, IncidentState } from './incident';

/** What a responder (or an alert source) does to an incident. */
export type IncidentAction =
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'mitigate' }
  | { readonly kind: 'resolve' }
  | { readonly kind: 'set-severity'; readonly severity: IncidentSeverity }
  | { readonly kind: 'assign-role'; readonly role: IncidentRole; readonly person: string | null };

/** What the timeline records of an action that changed something. */
export type IncidentChange =
  | { readonly kind: 'state'; readonly from: IncidentState; readonly to: IncidentState }
  | { readonly kind: 'severity'; readonly from: IncidentSeverity; readonly to: IncidentSeverity }
  | { readonly kind: 'role'; readonly role: IncidentRole; readonly from: string | null; readonly to: string | null };

export interface AppliedAction {
  readonly incident: IncidentLifecycle;
  /** Empty when the action changed nothing (acknowledging twice): callers record nothing then. */
  readonly changes: readonly IncidentChange[];
}

const ORDER: Readonly<Record<IncidentState, number>> = { triggered: 0, acknowledged: 1, mitigated: 2, resolved: 3 };
const TARGET = { acknowledge: 'acknowledged', mitigate: 'mitigated', resolve: 'resolved' } as const;

/**
 * Applies `action` at `now`. States only move forward, and a later state implies the earlier ones:
 * mitigating an unacknowledged incident acknowledges it too (its `acknowledgedAt` is `now`, which is
 * what MTTA should count), and resolving sets what is missing of both. Moving to the state an
 * incident is in already changes nothing; moving back is refused, as is changing a resolved
 * incident's state.
 *
 * @example applyIncidentAction(open, { kind: 'acknowledge' }, t) // → ok, one state change triggered → acknowledged
 */
export function applyIncidentAction(incident: IncidentLifecycle, action: IncidentAction, now: number): Result<AppliedAction, string> {
  switch (action.kind) {
    case 'acknowledge':
    case 'mitigate':
    case 'resolve': {
      const to = TARGET[action.kind];
      if (incident.state === to) return { ok: true, value: { incident, changes: [] } };
      if (ORDER[to] < ORDER[incident.state]) {
        return { ok: false, error: `the incident is ${incident.state} already; it cannot be ${to} again` };
      }
      const reached = (state: IncidentState, at: number | null) => (ORDER[to] >= ORDER[state] ? at ?? now : at);
      return {
        ok: true,
        value: {
          incident: {
            ...incident,
            state: to,
            acknowledgedAt: reached('acknowledged', incident.acknowledgedAt),
            mitigatedAt: reached('mitigated', incident.mitigatedAt),
            resolvedAt: reached('resolved', incident.resolvedAt),
          },
          changes: [{ kind: 'state', from: incident.state, to }],
        },
      };
    }
    case 'set-severity':
      if (incident.severity === action.severity) return { ok: true, value: { incident, changes: [] } };
      return {
        ok: true,
        value: { incident: { ...incident, severity: action.severity }, changes: [{ kind: 'severity', from: incident.severity, to: action.severity }] },
      };
    case 'assign-role': {
      const from = incident.roles[action.role] ?? null;
      if (from === action.person) return { ok: true, value: { incident, changes: [] } };
      const roles = { ...incident.roles };
      if (action.person === null) delete roles[action.role];
      else roles[action.role] = action.person;
      return { ok: true, value: { incident: { ...incident, roles }, changes: [{ kind: 'role', role: action.role, from, to: action.person }] } };
    }
  }
}
