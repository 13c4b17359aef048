import type { IncomingAlertBody } from '@xops/contracts';
import { formatInstant } from '../format/time-text';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';
import { RoleGate } from '../session/role-gate';
import { alertPhase, type AlertGroup } from './alert-groups';
import { PhaseBadge } from './phase-badge';

const SOURCE_TEXT: Readonly<Record<IncomingAlertBody['source'], string>> = {
  alertmanager: 'Alertmanager', pagerduty: 'PagerDuty Events', alerts: 'the generic alert API', slo: 'the SLO engine',
};

/** The incoming alerts, one block per routing group: what the group shares, its route and target, its alerts. */
export function AlertGroupList({ groups, onSilence }: { readonly groups: readonly AlertGroup[]; readonly onSilence: (alert: IncomingAlertBody) => void }) {
  return (
    <ul className="alert-groups" data-testid="alert-groups" data-count={groups.length}>
      {groups.map((group, index) => (
        <li key={group.key} data-testid="alert-group" data-phase={group.phase} data-group-key={group.key}>
          <h3 id={`group-${String(index)}`}>
            <PhaseBadge phase={group.phase} /> {group.groupLabels ?? 'Not routed'}
          </h3>
          <p className="muted">
            {group.route === null ? 'No Route takes these alerts: nobody is told.' : <>Route <code>{group.route}</code></>}
            {group.target !== null && <> · tells {group.target}</>}
            {group.incident !== null && (
              <> · <Link to={fillPath('/incidents/:ref', { ref: String(group.incident.number) })}>incident #{group.incident.number}</Link></>
            )}
          </p>
          <div className="table-scroll" role="region" aria-labelledby={`group-${String(index)}`} tabIndex={0}>
            <table className="alert-table">
              <thead>
                <tr>
                  <th scope="col">Alert</th>
                  <th scope="col">State</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Labels</th>
                  <th scope="col">Since</th>
                  <RoleGate needs="responder"><th scope="col"><span className="visually-hidden">Silence</span></th></RoleGate>
                </tr>
              </thead>
              <tbody>
                {group.alerts.map((alert) => <AlertRow key={alert.id} alert={alert} onSilence={onSilence} />)}
              </tbody>
            </table>
          </div>
        </li>
      ))}
    </ul>
  );
}

function AlertRow({ alert, onSilence }: { readonly alert: IncomingAlertBody; readonly onSilence: (alert: IncomingAlertBody) => void }) {
  const name = alert.labels.alertname ?? alert.summary;
  const phase = alertPhase(alert);
  const labels = Object.entries(alert.labels).filter(([key]) => key !== 'alertname');
  return (
    <tr data-testid="alert" data-fingerprint={alert.fingerprint} data-phase={phase}>
      <th scope="row">
        {name}
        {alert.summary !== name && <div className="muted">{alert.summary}</div>}
        <div className="muted">from {SOURCE_TEXT[alert.source]}{alert.suppressedBy.length > 0 && <> · muted by {alert.suppressedBy.join(', ')}</>}</div>
      </th>
      <td><PhaseBadge phase={phase} /></td>
      <td>{alert.severity}</td>
      <td><ul className="label-list">{labels.map(([key, value]) => <li key={key}><code>{key}={value}</code></li>)}</ul></td>
      <td className="nowrap">{formatInstant(alert.startsAt)}</td>
      <RoleGate needs="responder">
        <td>
          {alert.status === 'firing' && (
            <button type="button" className="secondary" aria-label={`Silence ${name}`} onClick={() => onSilence(alert)}>Silence</button>
          )}
        </td>
      </RoleGate>
    </tr>
  );
}
