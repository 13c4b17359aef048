import type { AlertStateBody } from '@xops/contracts';
import { formatBurnRate } from '../format/percent';
import { formatInstant } from '../format/time-text';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';

/** SLO burn-rate alerts that are pending: their condition holds, not yet for long enough to fire. */
export function PendingSloAlerts({ alerts }: { readonly alerts: readonly AlertStateBody[] }) {
  if (alerts.length === 0) return <p className="muted">No SLO alert is pending.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Pending SLO alerts" tabIndex={0}>
      <table data-testid="pending-slo-alerts">
        <thead>
          <tr><th scope="col">SLO</th><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col" className="num">Burn rate</th><th scope="col">Since</th></tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={`${alert.slo}/${alert.objective}/${alert.rule}`} data-phase="pending">
              <th scope="row">
                <Link to={fillPath('/slos/:name', { name: alert.slo })}>{alert.slo}</Link>
                {alert.objective !== '' && <span className="muted"> · {alert.objective === '*' ? 'composite' : alert.objective}</span>}
              </th>
              <td>{alert.rule}</td>
              <td>{alert.severity}</td>
              <td className="num">{formatBurnRate(alert.value)}</td>
              <td className="nowrap">{alert.activeSince === null ? '–' : formatInstant(alert.activeSince)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
