import type { IncidentReportBody } from '@xops/contracts';
import { formatInstant, formatSeconds } from '../format/time-text';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';

const seconds = (value: number | null) => (value === null ? '–' : formatSeconds(value));

/** MTTA and MTTR of the incidents opened over the report's range, overall and per service, and the overdue action items. */
export function ResponseTimes({ report }: { readonly report: IncidentReportBody }) {
  const { total } = report;
  return (
    <section aria-labelledby="response-heading" data-testid="response-times">
      <h2 id="response-heading">Response times</h2>
      <p className="muted">Incidents opened from {formatInstant(report.from)} to {formatInstant(report.to)}.</p>
      <dl className="figures">
        <div><dt>Incidents</dt><dd>{total.incidents}</dd></div>
        <div><dt>Acknowledged</dt><dd>{total.acknowledged}</dd></div>
        <div><dt>Resolved</dt><dd>{total.resolved}</dd></div>
        <div><dt>MTTA (mean time to acknowledge)</dt><dd data-testid="mtta" data-value={total.mttaSeconds ?? ''}>{seconds(total.mttaSeconds)}</dd></div>
        <div><dt>MTTR (mean time to resolve)</dt><dd data-testid="mttr" data-value={total.mttrSeconds ?? ''}>{seconds(total.mttrSeconds)}</dd></div>
      </dl>
      {report.services.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Response times by service" tabIndex={0}>
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col" className="num">Incidents</th>
                <th scope="col" className="num">MTTA</th>
                <th scope="col" className="num">MTTR</th>
              </tr>
            </thead>
            <tbody>
              {report.services.map((row) => (
                <tr key={row.service}>
                  <th scope="row">{row.service}</th>
                  <td className="num">{row.incidents}</td>
                  <td className="num">{seconds(row.mttaSeconds)}</td>
                  <td className="num">{seconds(row.mttrSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.overdueActionItems.length > 0 && (
        <>
          <h3>Overdue action items</h3>
          <ul>
            {report.overdueActionItems.map((item) => (
              <li key={item.id}>
                {item.title} ({item.owner}, due {item.due}) ·{' '}
                <Link to={fillPath('/incidents/:ref/postmortem', { ref: String(item.incident.number) })}>#{item.incident.number} {item.incident.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
