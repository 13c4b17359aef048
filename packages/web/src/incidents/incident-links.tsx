import type { IncidentDetailsBody } from '@xops/contracts';
import { ProblemMessage } from '../common/problem-message';
import { formatInstant } from '../format/time-text';
import { objectDisplayName } from '../objects/object-fields';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';
import type { IncidentLinks } from './load-incident-links';

/** The alerts that opened or joined the incident, and the services and SLOs it affects. */
export function IncidentLinksSection({ incident, links }: { readonly incident: IncidentDetailsBody; readonly links: IncidentLinks | undefined }) {
  return (
    <section aria-labelledby="links-heading" data-testid="incident-links">
      <h2 id="links-heading">Alerts, services and SLOs</h2>
      <h3>Alerts</h3>
      {links === undefined && <p className="page-status">Loading…</p>}
      {links !== undefined && !links.alerts.ok && <ProblemMessage error={links.alerts.error} what="the incident's alerts" />}
      {links?.alerts.ok === true && links.alerts.value.length === 0 && (
        <p className="muted">{incident.groupKey === null ? 'Declared by hand: no alert.' : 'None of the latest alerts belongs to this incident.'}</p>
      )}
      {links?.alerts.ok === true && links.alerts.value.length > 0 && (
        <ul className="plain-list" data-testid="incident-alerts">
          {links.alerts.value.map((alert) => (
            <li key={alert.id}>
              <strong>{alert.labels.alertname ?? alert.summary}</strong>{' '}
              <span className={`badge alert-${alert.status}`}>{alert.status}</span>
              <div className="muted">{alert.summary !== (alert.labels.alertname ?? '') && <>{alert.summary} · </>}{alert.source} · since {formatInstant(alert.startsAt)}</div>
            </li>
          ))}
        </ul>
      )}
      <h3>Services</h3>
      {incident.services.length === 0 ? <p className="muted">No service named.</p> : <p>{incident.services.join(', ')}</p>}
      <h3>SLOs</h3>
      {links !== undefined && !links.slos.ok && <ProblemMessage error={links.slos.error} what="the services' SLOs" />}
      {links?.slos.ok === true && links.slos.value.length === 0 && <p className="muted">No SLO of these services.</p>}
      {links?.slos.ok === true && links.slos.value.length > 0 && (
        <ul className="plain-list" data-testid="incident-slos">
          {links.slos.value.map((slo) => (
            <li key={slo.name}><Link to={fillPath('/slos/:name', { name: slo.name })}>{objectDisplayName(slo)}</Link></li>
          ))}
        </ul>
      )}
    </section>
  );
}
