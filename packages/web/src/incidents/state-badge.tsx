import type { IncidentViewBody } from '@xops/contracts';
import { INCIDENT_STATE_TEXT } from './incident-text';

/** An incident's state in words (never colour alone), with the state in `data-state` for tests. */
export function StateBadge({ state, testId }: { readonly state: IncidentViewBody['state']; readonly testId?: string }) {
  return <span className={`badge incident-state-${state}`} data-state={state} data-testid={testId}>{INCIDENT_STATE_TEXT[state]}</span>;
}
