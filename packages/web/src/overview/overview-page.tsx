import { useCallback, useMemo, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { usePolling } from '../data/use-polling';
import { formatInstant } from '../format/time-text';
import { useSession } from '../session/session-context';
import { EmptyOverview } from './empty-overview';
import { loadOverview } from './load-overview';
import { OnCallNow } from './on-call-now';
import { OpenIncidents } from './open-incidents';
import { OverviewFilters } from './overview-filters';
import { groupByService } from './risk-order';
import { NO_FILTER, rowMatches, teamsOf, type RowFilter } from './row-filter';
import { SloTable } from './slo-table';

/** How often the overview reloads, ms: the SLO engine evaluates every 10 s. */
const OVERVIEW_REFRESH_MS = 10_000;

/** The overview (issue 6, item 1): SLOs by risk, open incidents and who is on call, refreshed every 10 s. */
export function OverviewPage() {
  const { client } = useSession();
  const load = useCallback(() => loadOverview(client), [client]);
  const { data, error, loadedAt, refresh } = usePolling(load, OVERVIEW_REFRESH_MS);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);

  const groups = useMemo(() => {
    if (data === undefined) return [];
    const rows = data.rows.filter((row) => rowMatches(row, filter));
    // With a filter set, services with no matching SLO would only be noise.
    const filtering = filter.team !== '' || filter.label.trim() !== '' || filter.state !== '';
    return groupByService(rows, filtering ? [] : data.services);
  }, [data, filter]);
  const teams = useMemo(() => teamsOf(data?.rows ?? []), [data]);
  const shown = groups.reduce((sum, group) => sum + group.rows.length, 0);

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        {loadedAt !== undefined && (
          <p className="muted" data-testid="refreshed-at">Updated {formatInstant(loadedAt)}, refreshes every 10 s</p>
        )}
      </div>
      {error !== undefined && <ProblemMessage error={error} what="the overview" />}
      {data === undefined && error === undefined && <p className="page-status" role="status">Loading…</p>}
      {data !== undefined && data.rows.length === 0 && <EmptyOverview />}
      {data !== undefined && (
        <div className="overview-grid">
          {data.rows.length > 0 && (
            <section aria-labelledby="slos-heading" className="overview-slos">
              <h2 id="slos-heading">SLOs by risk</h2>
              <OverviewFilters filter={filter} teams={teams} onChange={setFilter} />
              <p className="muted" role="status">{shown} of {data.rows.length} objectives shown</p>
              <SloTable groups={groups} />
            </section>
          )}
          <div className="overview-side">
            <OpenIncidents incidents={data.incidents} now={loadedAt ?? 0} onChanged={refresh} />
            <OnCallNow onCall={data.onCall} />
          </div>
        </div>
      )}
    </>
  );
}
