import type { IncidentDetailsBody } from '@xops/contracts';
import { formatInstant, formatSeconds } from '../format/time-text';

const after = (from: string, to: string | null) => (to === null ? '–' : `${formatInstant(to)} (after ${formatSeconds((Date.parse(to) - Date.parse(from)) / 1000)})`);

/** When the incident opened, was acknowledged, mitigated and resolved, and where its escalation stands. */
export function IncidentFacts({ incident }: { readonly incident: IncidentDetailsBody }) {
  const { escalation } = incident;
  return (
    <dl className="facts" data-testid="incident-facts">
      <div><dt>Opened</dt><dd>{formatInstant(incident.createdAt)}{incident.declaredBy !== null && <> by {incident.declaredBy}</>}</dd></div>
      <div><dt>Acknowledged</dt><dd>{after(incident.createdAt, incident.acknowledgedAt)}</dd></div>
      <div><dt>Mitigated</dt><dd>{after(incident.createdAt, incident.mitigatedAt)}</dd></div>
      <div><dt>Resolved</dt><dd>{after(incident.createdAt, incident.resolvedAt)}</dd></div>
      <div>
        <dt>Escalation</dt>
        <dd>
          {escalation === null ? 'none' : (
            <>
              {escalation.policy ?? 'no policy'} · {escalation.status}
              {escalation.status === 'active' && <> · level {escalation.level}{escalation.nextAt !== null && <>, next page {formatInstant(escalation.nextAt)}</>}</>}
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}
