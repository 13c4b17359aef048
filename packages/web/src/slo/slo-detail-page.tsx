import { useCallback, useMemo, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { useDocumentTitle } from '../common/use-document-title';
import type { ZoomRange } from '../charts/time-chart';
import { usePolling } from '../data/use-polling';
import { Link } from '../router/link';
import type { PageProps } from '../routes';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';
import { loadSloHistory } from './load-slo-history';
import { MarkerLegend } from './marker-legend';
import { RangePicker } from './range-picker';
import { SloCharts } from './slo-charts';
import { SloSource } from './slo-source';
import { SloSummary } from './slo-summary';
import { timelineEvents, toMarkers } from './timeline-events';
import { rangeFor, zoomedRange, type RangeChoice } from './time-range';
import { TimelineTable } from './timeline-table';
import { windowLabel } from './window-label';
import { ZoomedTo } from './zoomed-to';

const STATUS_REFRESH_MS = 10_000;
const HISTORY_REFRESH_MS = 60_000;

/**
 * The SLO detail (issue 6, item 2): where each objective stands, its SLI, budget burn-down and
 * burn rates over a chosen range with the timeline's events on every chart, and the YAML as applied.
 */
export function SloDetailPage({ params }: PageProps) {
  const name = params.name ?? '';
  useDocumentTitle(`SLO ${name}`);
  const { client } = useSession();
  const [choice, setChoice] = useState<RangeChoice>('window');
  const [picked, setPicked] = useState<string | null>(null);
  const [zoom, setZoom] = useState<ZoomRange | null>(null);

  const loadStatus = useCallback(() => client.getSloStatus(name), [client, name]);
  const status = usePolling(loadStatus, STATUS_REFRESH_MS);
  const loadObject = useCallback(() => client.getObject('slos', name), [client, name]);
  const object = usePolling(loadObject, null);

  // Stable while the window stays the same, so that each status refresh does not reload the series:
  // a rolling window is its length back from now, a calendar window starts at its period's start.
  const sloWindow = status.data?.window;
  const rollingMs = sloWindow?.kind === 'rolling' ? sloWindow.durationSeconds * 1000 : null;
  const calendarFrom = sloWindow?.kind === 'calendar' ? status.data?.objectives[0]?.window.from ?? null : null;
  const known = sloWindow !== undefined;
  // A zoom asks for the dragged range at a finer step (`zoomedRange`); without one, the choice ending now.
  const loadHistory = useCallback(async () => {
    if (!known) return undefined;
    if (zoom !== null) return loadSloHistory(client, name, zoomedRange(zoom));
    const windowFrom = rollingMs !== null ? Date.now() - rollingMs : Date.parse(calendarFrom ?? '');
    return loadSloHistory(client, name, rangeFor(choice, Date.now(), Number.isNaN(windowFrom) ? Date.now() - 86_400_000 : windowFrom));
  }, [client, name, choice, zoom, known, rollingMs, calendarFrom]);
  const history = usePolling(loadHistory, HISTORY_REFRESH_MS);

  const service = status.data?.service ?? null;
  const events = useMemo(() => (history.data === undefined ? [] : timelineEvents({
    transitions: history.data.transitions, incidents: history.data.incidents, service, from: history.data.from, to: history.data.to,
  })), [history.data, service]);
  const markers = useMemo(() => toMarkers(events), [events]);

  const objectives = status.data?.objectives ?? [];
  const objective = objectives.find((candidate) => candidate.objective === picked) ?? objectives[0];
  const pick = (next: RangeChoice) => {
    setChoice(next);
    setZoom(null);
  };

  return (
    <>
      <div className="page-head">
        <h1>SLO {name}</h1>
        <p className="muted">
          <Link to="/">Overview</Link>
          {service !== null && <> · service {service}</>}
          <RoleGate needs="editor">{' · '}<Link to={`/replay?slo=${encodeURIComponent(name)}`}>Replay with changes</Link></RoleGate>
        </p>
      </div>
      {status.error !== undefined && <ProblemMessage error={status.error} what="the SLO's status" />}
      {status.data === undefined && status.error === undefined && <p className="page-status" role="status">Loading…</p>}
      {status.data !== undefined && objective !== undefined && (
        <>
          {objectives.length > 1 && (
            <div className="field-inline">
              <label htmlFor="objective">Objective</label>
              <select id="objective" value={objective.objective} onChange={(event) => setPicked(event.target.value)}>
                {objectives.map((candidate) => (
                  <option key={candidate.objective} value={candidate.objective}>{candidate.objective === '*' ? 'composite (*)' : candidate.objective}</option>
                ))}
              </select>
            </div>
          )}
          <SloSummary status={status.data} objective={objective} />
          <section aria-labelledby="history-heading" className="history">
            <h2 id="history-heading">Over time</h2>
            <div className="chart-controls">
              <RangePicker value={choice} windowLabel={windowLabel(status.data.window)} onChange={pick} />
              <p className="muted">
                Drag across a chart to zoom; double-click to zoom out.
                {zoom !== null && <ZoomedTo zoom={zoom} onReset={() => setZoom(null)} />}
              </p>
            </div>
            <MarkerLegend />
            {history.error !== undefined && <ProblemMessage error={history.error} what="the SLO's history" />}
            {history.data?.incidentsProblem !== undefined && <ProblemMessage error={history.data.incidentsProblem} what="incidents for the markers" />}
            {history.data === undefined && history.error === undefined && <p className="page-status" role="status">Loading the series…</p>}
            {history.data !== undefined && (
              <SloCharts status={status.data} objective={objective} series={history.data.series} markers={markers} zoom={zoom} onZoom={setZoom} />
            )}
          </section>
          <TimelineTable events={events} />
        </>
      )}
      {object.error !== undefined && <ProblemMessage error={object.error} what="the SLO's document" />}
      {object.data !== undefined && <SloSource object={object.data} />}
    </>
  );
}
