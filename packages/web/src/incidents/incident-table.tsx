import type { IncidentViewBody } from '@xops/contracts';
import { formatInstant, formatSeconds } from '../format/time-text';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';
import { StateBadge } from './state-badge';

/** The incidents as a table, one row each, linking to the incident page. */
export function IncidentTable({ incidents }: { readonly incidents: readonly IncidentViewBody[] }) {
  return (
    <div className="table-scroll" role="region" aria-label="Incidents" tabIndex={0}>
      <table data-testid="incident-list">
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            <th scope="col">Services</th>
            <th scope="col">Opened</th>
            <th scope="col" className="num">Acknowledged after</th>
            <th scope="col" className="num">Open action items</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} data-testid="incident-row" data-number={incident.number} data-state={incident.state}>
              <th scope="row"><Link to={fillPath('/incidents/:ref', { ref: String(incident.number) })}>#{incident.number} {incident.title}</Link></th>
              <td><span className={`severity severity-${incident.severity.toLowerCase()}`}>{incident.severity}</span></td>
              <td><StateBadge state={incident.state} /></td>
              <td>{incident.services.length === 0 ? <span className="muted">none</span> : incident.services.join(', ')}</td>
              <td className="nowrap">{formatInstant(incident.createdAt)}</td>
              <td className="num">{incident.acknowledgedAt === null ? '–' : formatSeconds((Date.parse(incident.acknowledgedAt) - Date.parse(incident.createdAt)) / 1000)}</td>
              <td className="num">{incident.openActionItems}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
