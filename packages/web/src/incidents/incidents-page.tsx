import { useCallback, useMemo, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { usePolling } from '../data/use-polling';
import { formatInstant } from '../format/time-text';
import { useSession } from '../session/session-context';
import { ALL_INCIDENTS, incidentMatches, incidentServices, type IncidentFilter } from './incident-filter';
import { IncidentFilters } from './incident-filters';
import { IncidentTable } from './incident-table';
import { loadIncidents } from './load-incidents';
import { ResponseTimes } from './response-times';
import './incidents.css';

const INCIDENTS_REFRESH_MS = 15_000;

/** The incidents (issue 6, item 4): the list with its filters, and MTTA/MTTR over the last 30 days. */
export function IncidentsPage() {
  const { client } = useSession();
  const load = useCallback(() => loadIncidents(client), [client]);
  const { data, error, loadedAt } = usePolling(load, INCIDENTS_REFRESH_MS);
  const [filter, setFilter] = useState<IncidentFilter>(ALL_INCIDENTS);
  const services = useMemo(() => incidentServices(data?.incidents ?? []), [data]);
  const shown = useMemo(() => (data?.incidents ?? []).filter((incident) => incidentMatches(incident, filter)), [data, filter]);

  return (
    <>
      <div className="page-head">
        <h1>Incidents</h1>
        {loadedAt !== undefined && <p className="muted">Updated {formatInstant(loadedAt)}, refreshes every 15 s</p>}
      </div>
      {error !== undefined && <ProblemMessage error={error} what="incidents" />}
      {data === undefined && error === undefined && <p className="page-status" role="status">Loading…</p>}
      {data !== undefined && (
        <div className="incidents-grid">
          <section aria-labelledby="incident-list-heading">
            <h2 id="incident-list-heading">All incidents</h2>
            {data.incidents.length === 0 ? (
              <p className="empty">
                No incident yet. Alerts that page open one; a responder declares one by hand with
                {' '}<code>npx xops incident declare "Checkout is slow" --severity SEV2 --service cart</code>.
              </p>
            ) : (
              <>
                <IncidentFilters filter={filter} services={services} onChange={setFilter} />
                <p className="muted" role="status">{shown.length} of {data.incidents.length} incidents shown</p>
                {shown.length > 0 && <IncidentTable incidents={shown} />}
              </>
            )}
          </section>
          {data.report.ok ? <ResponseTimes report={data.report.value} /> : <ProblemMessage error={data.report.error} what="the response times" />}
        </div>
      )}
    </>
  );
}
