import type { AlertIntakeResultBody } from '@xops/contracts';
import type { AlertIntakeOutcome } from '@xops/store';

/** What an alert endpoint answers: how many alerts it took, and for each its status, outcome and incident. */
export function intakeResultBody(outcome: AlertIntakeOutcome): AlertIntakeResultBody {
  return {
    accepted: outcome.alerts.filter((alert) => alert.fingerprint !== null).length,
    alerts: outcome.alerts.map(({ dedupKey, fingerprint, status, outcome: what, incident }) => ({ dedupKey, fingerprint, status, outcome: what, incident })),
  };
}
