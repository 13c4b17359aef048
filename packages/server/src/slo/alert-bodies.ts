import { isoInstant, type AlertStateBody, type AlertTransitionBody } from '@xops/contracts';
import type { AlertState, AlertTransition } from '@xops/core';

const iso = (ms: number | null): string | null => (ms === null ? null : isoInstant(ms));
/** JSON has no NaN or Infinity: a value that is not a finite number is shown as null. */
export const finiteOrNull = (value: number | null | undefined): number | null => (value !== null && value !== undefined && Number.isFinite(value) ? value : null);

/** An alert state in the API's form: instants as ISO 8601. */
export function toAlertStateBody(state: AlertState): AlertStateBody {
  return {
    slo: state.slo,
    objective: state.objective,
    rule: state.rule,
    status: state.status,
    severity: state.severity,
    activeSince: iso(state.activeSince),
    firedAt: iso(state.firedAt),
    resolvedAt: iso(state.resolvedAt),
    value: finiteOrNull(state.value),
  };
}

/** An alert transition in the API's form. */
export function toAlertTransitionBody(transition: AlertTransition): AlertTransitionBody {
  return {
    slo: transition.slo,
    objective: transition.objective,
    rule: transition.rule,
    at: isoInstant(transition.at),
    from: transition.from,
    to: transition.to,
    severity: transition.severity,
    value: finiteOrNull(transition.value),
  };
}
