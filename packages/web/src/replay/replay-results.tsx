import type { ReplayResultBody } from '@xops/contracts';
import { useMemo, useState } from 'react';
import { lineColor } from '../charts/chart-colors';
import { TimeChart, type ChartLine, type ZoomRange } from '../charts/time-chart';
import { formatPercent } from '../format/percent';
import { formatInstant } from '../format/time-text';
import { toMarkers, timelineEvents } from '../slo/timeline-events';
import { replayOutcomes } from './replay-outcome';

/** The replays side by side: per version and objective, the alerts that would have fired and the budget spent. */
export function ReplayResults({ applied, changed }: { readonly applied: ReplayResultBody; readonly changed: ReplayResultBody | null }) {
  const [zoom, setZoom] = useState<ZoomRange | null>(null);
  const versions = useMemo(
    () => [{ label: 'As applied', result: applied }, ...(changed === null ? [] : [{ label: 'Changed', result: changed }])],
    [applied, changed],
  );
  const shown = changed ?? applied;
  const times = useMemo(() => shown.at.map((at) => Date.parse(at) / 1000), [shown]);
  const lines = useMemo((): ChartLine[] => versions.flatMap(({ label, result }, index) => {
    const first = result.objectives[0];
    // The two replays share their points when their steps agree; a changed window may not, so align by time.
    const byTime = new Map(result.at.map((at, point) => [Date.parse(at) / 1000, first?.errorBudgetRemaining[point] ?? null]));
    return first === undefined ? [] : [{ label: `${label}: budget left`, values: times.map((time) => byTime.get(time) ?? null), color: lineColor(index) }];
  }), [versions, times]);
  const events = useMemo(() => timelineEvents({ transitions: shown.transitions, incidents: [], service: null, from: Date.parse(shown.from), to: Date.parse(shown.to) }), [shown]);
  const markers = useMemo(() => toMarkers(events), [events]);

  return (
    <section aria-labelledby="replay-results-heading" data-testid="replay-results">
      <h2 id="replay-results-heading">What would have happened</h2>
      <div className="table-scroll" role="region" aria-label="Replay outcomes" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th><th scope="col">Objective</th><th scope="col" className="num">Alerts fired</th>
              <th scope="col">First fired</th><th scope="col" className="num">Budget left at the end</th><th scope="col" className="num">Budget spent in the period</th>
            </tr>
          </thead>
          <tbody>
            {versions.flatMap(({ label, result }) => replayOutcomes(result).map((outcome) => (
              <tr key={`${label}-${outcome.objective}`} data-testid="replay-outcome" data-version={label}>
                <th scope="row">{label}</th>
                <td>{outcome.objective}</td>
                <td className="num" data-testid="fired-count">{outcome.fired.length}</td>
                <td>{outcome.fired[0] === undefined ? '–' : `${formatInstant(outcome.fired[0].at)} (${outcome.fired[0].rule})`}</td>
                <td className="num">{formatPercent(outcome.budgetAtEnd, 2)}</td>
                <td className="num" data-testid="budget-spent" data-value={outcome.spent ?? ''}>{formatPercent(outcome.spent, 2)}</td>
              </tr>
            )))}
          </tbody>
        </table>
      </div>
      <TimeChart
        testId="chart-replay-budget" title="Budget left during the period" times={times} lines={lines} markers={markers}
        format={(value) => formatPercent(value, 1)} zoom={zoom} onZoom={setZoom}
        description={`The error budget left at each point, ${versions.map((version) => version.label.toLowerCase()).join(' and ')}; markers show the alert transitions of the ${changed === null ? 'applied' : 'changed'} SLO.`}
      />
      <h3>Alert transitions{changed === null ? '' : ' of the changed SLO'}</h3>
      {shown.transitions.length === 0 ? <p className="muted">No alert would have changed state.</p> : (
        <div className="table-scroll" role="region" aria-label="Alert transitions" tabIndex={0}>
          <table data-testid="replay-transitions">
            <thead><tr><th scope="col">When</th><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Change</th><th scope="col">Objective</th></tr></thead>
            <tbody>
              {shown.transitions.map((transition, index) => (
                <tr key={`${transition.at}-${transition.rule}-${String(index)}`}>
                  <td>{formatInstant(transition.at)}</td><td>{transition.rule}</td><td>{transition.severity}</td>
                  <td>{transition.from} → {transition.to}</td><td>{transition.objective}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
